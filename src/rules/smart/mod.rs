//! SM: SMART completeness of each KPI (step 5).
