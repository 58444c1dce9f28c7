//! GL: social media goals (step 4).
