//! KP: KPIs and the three core business goals (step 5).

pub mod kp001_goal_without_kpi;
pub mod kp003_unlinked_kpi;
pub mod kp004_vanity_kpi;
pub mod kp005_activity_kpi;
