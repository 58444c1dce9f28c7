//! SC: scope and horizon (step 1).

pub mod sc001_inverted_horizon;
pub mod sc002_horizon_too_long;
pub mod sc003_duplicate_scope;
