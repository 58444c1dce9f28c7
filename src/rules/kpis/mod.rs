//! KP: KPIs and the three core business goals (step 5).
