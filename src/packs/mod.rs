//! Rule packs: declarative rules in TOML (selector + checks + message), never code.
//!
//! The tool's own packs live in the repository's `rules/` folder and are compiled in; users add
//! theirs with `packs = [...]` in `smplan.toml`. The language is documented in `rules/README.md`.

pub mod doc_examples;
pub mod expr;
mod load;
mod run;
mod view;

pub use load::{BUILTIN_PACKS, load_pack, load_pack_from, load_pack_text};
pub use run::check;
pub use view::PlanView;

use crate::rules::options::Limits;
use regex::Regex;

/// A pack `pattern` compiles to at most this much (a larger one is refused at load): with the
/// bound on the text below, no pattern stalls a run for more than a fraction of a second.
pub const PATTERN_SIZE_LIMIT: usize = 64 * 1024;
/// A pack `pattern` runs on at most the first this many bytes of a value.
pub const PATTERN_TEXT_LIMIT: usize = 64 * 1024;

/// The part of `s` a pattern sees: its first [`PATTERN_TEXT_LIMIT`] bytes, cut at a character.
pub fn pattern_text(s: &str) -> &str {
    if s.len() <= PATTERN_TEXT_LIMIT {
        return s;
    }
    let mut end = PATTERN_TEXT_LIMIT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The rules a pack joins (the run's catalog): a pack may not take their codes or names, and
/// its examples may name them.
pub trait Known {
    /// The code of the rule with this code or name, and the name of its pack if it has one.
    fn find(&self, code_or_name: &str) -> Option<(&str, Option<&str>)>;
    /// Codes and names close to an unknown one, for "did you mean".
    fn suggestions(&self, selector: &str) -> Vec<&str>;
}

/// A loaded pack.
#[derive(Debug)]
pub struct Pack {
    pub name: crate::diagnostic::Code,
    pub description: String,
    pub path: String,
    pub rules: Vec<PackRule>,
}

/// One declarative rule.
#[derive(Debug)]
pub struct PackRule {
    pub meta: crate::rules::Metadata,
    pub pack: crate::diagnostic::Code,
    pub select: Selector,
    pub message: String,
    pub help: Option<String>,
    pub checks: Vec<Check>,
    /// CEL: the rule applies only to items where this is true.
    pub when: Option<expr::Expr>,
    /// CEL: the diagnostic fires where this is false (after the checks hold).
    pub assert: Option<expr::Expr>,
    pub examples: Vec<Example>,
}

/// Which items of a plan a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selector {
    /// The `[plan]` table.
    Plan,
    /// Each entry of `[business_goals]`, with the keys `letter` and `text`.
    BusinessGoals,
    Goal,
    Kpi,
    Tactic,
}

impl Selector {
    pub const ALL: &'static [(&'static str, Selector)] = &[
        ("plan", Selector::Plan),
        ("business_goals.*", Selector::BusinessGoals),
        ("goal[*]", Selector::Goal),
        ("goal[*].kpi[*]", Selector::Kpi),
        ("tactic[*]", Selector::Tactic),
    ];

    /// The keys an item of this selector may have.
    pub fn keys(self) -> &'static [&'static str] {
        use crate::model::{GOAL_KEYS, KPI_KEYS, PLAN_KEYS, TACTIC_KEYS};
        match self {
            Selector::Plan => PLAN_KEYS,
            Selector::BusinessGoals => &["letter", "text"],
            Selector::Goal => GOAL_KEYS,
            Selector::Kpi => KPI_KEYS,
            Selector::Tactic => TACTIC_KEYS,
        }
    }
}

/// A count bound: a number, or a limit from `[limits]` such as `metrics_per_tactic.max`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    Fixed(usize),
    Limit(LimitRef),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitRef {
    KpisMin,
    KpisMax,
    MetricsMin,
    MetricsMax,
    CandidatesMin,
}

impl LimitRef {
    pub const ALL: &'static [(&'static str, LimitRef)] = &[
        ("kpis_per_goal.min", LimitRef::KpisMin),
        ("kpis_per_goal.max", LimitRef::KpisMax),
        ("metrics_per_tactic.min", LimitRef::MetricsMin),
        ("metrics_per_tactic.max", LimitRef::MetricsMax),
        ("candidates_per_tactic.min", LimitRef::CandidatesMin),
    ];
}

impl Bound {
    pub fn resolve(self, limits: &Limits) -> usize {
        match self {
            Bound::Fixed(n) => n,
            Bound::Limit(LimitRef::KpisMin) => limits.kpis_min,
            Bound::Limit(LimitRef::KpisMax) => limits.kpis_max,
            Bound::Limit(LimitRef::MetricsMin) => limits.metrics_min,
            Bound::Limit(LimitRef::MetricsMax) => limits.metrics_max,
            Bound::Limit(LimitRef::CandidatesMin) => limits.candidates_min,
        }
    }
}

/// One check; an item passes a rule when every check holds.
#[derive(Debug)]
pub enum Check {
    /// Keys that must be present and non-blank (strings not blank, arrays not empty).
    Require(Vec<String>),
    /// Keys that must be absent.
    Forbid(Vec<String>),
    /// The key's string value (each string of an array) must match, or with `forbid` must not.
    Pattern {
        key: String,
        regex: Regex,
        forbid: bool,
    },
    /// The key's array length.
    Count {
        key: String,
        min: Option<Bound>,
        max: Option<Bound>,
    },
    /// The key's string value is one of these.
    OneOf { key: String, values: Vec<String> },
    /// The key's number.
    Range {
        key: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// The key's string length in characters.
    Length {
        key: String,
        min: Option<usize>,
        max: Option<usize>,
    },
}

/// `[[rule.example]]`: a plan and the codes it must and must not produce.
#[derive(Debug, Clone)]
pub struct Example {
    pub plan: String,
    pub expect: Vec<String>,
    pub expect_not: Vec<String>,
    /// Line of the example in the pack file, for failure reports.
    pub line: usize,
}
