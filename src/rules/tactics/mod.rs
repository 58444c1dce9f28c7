//! TC: tactics (step 6).

pub mod tc001_orphan_tactic;
