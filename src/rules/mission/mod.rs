//! MS: the social media mission (step 3).

pub mod ms001_missing_mission;
pub mod ms002_mission_is_a_target;
pub mod ms003_long_mission;
