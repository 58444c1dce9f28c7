//! BG: the scope's lettered business goals (step 2).

pub mod bg001_invalid_goal_letter;
pub mod bg002_no_business_goals;
pub mod bg003_unsupported_business_goal;
