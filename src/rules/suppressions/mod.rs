//! SU: suppression comments (applied in `settle`).

pub mod su001_unused_suppression;
pub mod su002_unknown_rule_in_suppression;
pub mod write;

pub use write::{add, never_written};
