//! TC: tactics (step 6).
