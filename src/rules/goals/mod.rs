//! GL: social media goals (step 4).

pub mod gl001_no_goals;
pub mod gl002_goal_supports_nothing;
pub mod gl003_goal_reads_as_tactic;
pub mod gl004_goal_without_tactic;
