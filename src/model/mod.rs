//! The plan model: the spanned TOML resolved into goals, KPIs, tactics and letters.
//!
//! Building the model never reports anything; it records *facts* (missing keys, unknown keys,
//! wrong types, invalid values) that the PL rules turn into diagnostics. Keys that a specific
//! rule owns (see the ownership table of `rules.md`) are recorded as [`Slot`]s without a fact.

mod build;
mod plan;

pub use build::is_language_tag;
pub use build::{
    BuildOutcome, CORE_GOALS, DIRECTIONS, GOAL_KEYS, KPI_KEYS, PERSPECTIVES, PLAN_KEYS, SCOPES,
    TACTIC_KEYS, build, number,
};
pub use plan::*;
