//! The rules: one file per rule under `src/rules/<area>/`, listed once in [`registry`].

pub mod core_goals;
pub mod options;
pub mod registry;
pub mod rollup;
pub mod small_sets;
pub mod word_matches;

pub mod business_goals;
pub mod goals;
pub mod history;
pub mod kpis;
pub mod metrics;
pub mod mission;
pub mod scope;
pub mod scorecard;
pub mod smart;
pub mod structure;
pub mod suppressions;
pub mod tactics;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Fact, Plan};
use crate::source::Span;
pub use options::{Limits, Words};

pub use structure::{UNSILENCEABLE, unsilenceable};

/// What every rule declares about itself.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The rule's doc comment: what it checks, why the method wants it, examples.
    pub docs: &'static str,
    /// Which fix the rule offers (`Fix:` in `explain`, the fix column of `smplan rules`).
    pub fix: crate::fix::FixKind,
    /// The SMART criterion the rule checks on a KPI: the report's SMART column it fills.
    pub smart: Option<Smart>,
}

/// The criteria of a SMART KPI (Doran's, with `Assignable` as the owner), in the order of the
/// report's SMART table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Smart {
    Specific,
    Measurable,
    Achievable,
    Relevant,
    TimeBound,
    Assignable,
}

/// A rule's metadata as the catalog holds it: [`RuleMeta`]'s fields, `'static` for built-in
/// rules and shared with the pack for pack rules (so loading a pack leaks nothing).
#[derive(Clone, Debug)]
pub struct Metadata {
    pub code: Code,
    pub name: Code,
    pub severity: Severity,
    pub summary: Code,
    pub docs: Code,
    pub fix: crate::fix::FixKind,
    pub smart: Option<Smart>,
}

impl From<RuleMeta> for Metadata {
    fn from(m: RuleMeta) -> Self {
        Metadata {
            code: m.code.into(),
            name: m.name.into(),
            severity: m.severity,
            summary: m.summary.into(),
            docs: m.docs.into(),
            fix: m.fix,
            smart: m.smart,
        }
    }
}

/// What a per-file rule sees.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub facts: &'a [Fact],
    pub limits: &'a Limits,
    pub words: &'a Words,
    /// The core business goals KPIs serve (KP003).
    pub core_goals: &'a [String],
    /// Whether the plan's language writes a decimal comma (`"3,5"` is 3.5 in Bulgarian).
    pub decimal_comma: bool,
}

/// Whether numbers in a language (`plan.language`, a BCP 47 tag) take a decimal comma.
pub fn decimal_comma(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    matches!(
        primary.to_ascii_lowercase().as_str(),
        "bg" | "ru"
            | "uk"
            | "sr"
            | "mk"
            | "de"
            | "fr"
            | "es"
            | "it"
            | "pt"
            | "pl"
            | "nl"
            | "cs"
            | "sk"
            | "ro"
            | "hu"
            | "sv"
            | "fi"
            | "da"
            | "nb"
            | "nn"
            | "no"
            | "tr"
            | "el"
            | "hr"
            | "sl"
            | "lt"
            | "lv"
            | "et"
            | "id"
    )
}

impl Ctx<'_> {
    /// The span of a string's content inside its literal (`"abc"` → `abc`), for labelling words.
    pub fn content_start(&self, literal: Span, value: &str) -> usize {
        for quote in [1, 3, 4, 5] {
            let start = literal.start + quote;
            if self.text.get(start..start + value.len()) == Some(value) {
                return start;
            }
        }
        literal.start
    }
}

pub type CheckFn = fn(&Plan, &Ctx<'_>, &mut Vec<Diagnostic>);

/// Declares a rule: its doc comment becomes the text `smplan explain` prints. The TOML blocks
/// under `Fails` and `Passes` in its `## Example` section are run by `tests/explain_examples.rs`
/// (completed into plans by [`crate::packs::doc_examples::complete`]): a Fails block must fire
/// the rule, a Passes block must not.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $ident:ident {
            code: $code:literal,
            name: $name:literal,
            severity: $sev:ident,
            summary: $summary:literal
            $(, fix: $fix:ident)?
            $(, smart: $smart:ident)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $ident;
        impl $ident {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                severity: $crate::diagnostic::Severity::$sev,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                fix: {
                    #[allow(unused_variables)]
                    let fix = $crate::fix::FixKind::None;
                    $(let fix = $crate::fix::FixKind::$fix;)?
                    fix
                },
                smart: {
                    #[allow(unused_variables)]
                    let smart: Option<$crate::rules::Smart> = None;
                    $(let smart = Some($crate::rules::Smart::$smart);)?
                    smart
                },
            };
        }
    };
}
