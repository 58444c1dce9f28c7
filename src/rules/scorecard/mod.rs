//! BS: the balanced scorecard.

pub mod bs001_single_perspective;
