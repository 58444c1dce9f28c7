//! HI: history — goals and KPIs stay fixed during the horizon (step 5). The comparison with the
//! base revision lives in [`crate::history`]; these files hold the rules' documentation.

pub mod hi001_kpi_changed_mid_horizon;
pub mod hi002_goal_changed_mid_horizon;
