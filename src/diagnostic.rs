//! The diagnostic a rule produces: code, message, help and labelled spans.

mod code;
pub mod fix;

pub use code::Code;

use crate::source::{Position, Span};
use std::fmt;

/// How serious a diagnostic is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A severity setting: a level, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" | "warn" => Some(Level::Warning),
            "info" => Some(Level::Info),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

/// A labelled span in the same file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Option<String>,
}

/// A labelled span in another file (cross-file rules such as SC003).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: String,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    pub text: String,
}

/// One finding. `severity` is filled in when settings are applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub primary: Label,
    /// Further labels in the same file (e.g. the first of two duplicate ids).
    pub secondary: Vec<Label>,
    pub related: Vec<Related>,
    pub start: Position,
    pub end: Position,
    /// The item the diagnostic is about, stable across edits that move lines: `goal:<id>`,
    /// `kpi:<id>`, `tactic:<id>`, `letter:<A>`, or the dotted key path (`plan.mission`).
    /// Baselines and CI fingerprints key on it; `None` until the rule sets it.
    pub item: Option<String>,
    /// The edit that repairs it, when the rule knows it (`smplan lint --fix`).
    pub fix: Option<fix::Fix>,
    /// Set by the rules that report a habit once (rules.md, "One habit, one diagnostic"); see
    /// [`crate::rules::rollup`].
    pub rollup: Option<Box<RollUp>>,
}

/// A per-item diagnostic that may be rolled up with the others of its rule in the same plan.
#[derive(Clone, Debug, PartialEq)]
pub struct RollUp {
    /// How many items of this kind the plan has: all of them must have the problem.
    pub of: usize,
    /// The message of the rolled-up diagnostic, `{n}` standing for the number of items.
    pub message: String,
    /// The help of the rolled-up diagnostic when the per-item help names its item.
    pub help: Option<String>,
    /// Once rolled up: the items the diagnostic covers, primary label first and then one per
    /// secondary label, in order, so a baseline can record them one by one and JSON can list
    /// them. Empty before rolling up.
    pub items: Vec<RolledItem>,
}

/// One item of a rolled-up diagnostic: what per-item diagnostic it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct RolledItem {
    /// The item's [`Diagnostic::item`] (`tactic:care-rota`, `kpi#3`).
    pub item: String,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    /// The item's own message, as it would be reported alone.
    pub message: String,
    pub label: String,
}

impl Diagnostic {
    pub fn new(code: impl Into<Code>, span: Span, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            severity: Severity::Error,
            message: message.into(),
            help: None,
            primary: Label { span, text: None },
            secondary: Vec::new(),
            related: Vec::new(),
            start: Position::default(),
            end: Position::default(),
            item: None,
            fix: None,
            rollup: None,
        }
    }

    /// Names the item the diagnostic is about (see [`Diagnostic::item`]).
    pub fn item(mut self, item: impl Into<String>) -> Self {
        self.item = Some(item.into());
        self
    }

    /// Attaches the fix that repairs the problem (see [`crate::fix`]).
    pub fn fix(mut self, fix: fix::Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Marks the diagnostic as one of a habit: see [`RollUp`].
    pub fn habit(mut self, of: usize, message: impl Into<String>) -> Self {
        self.rollup = Some(Box::new(RollUp {
            of,
            message: message.into(),
            help: None,
            items: Vec::new(),
        }));
        self
    }

    /// The help a rolled-up habit shows instead of the first item's (call after [`Self::habit`]).
    pub fn habit_help(mut self, help: impl Into<String>) -> Self {
        if let Some(r) = &mut self.rollup {
            r.help = Some(help.into());
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.primary.text = Some(text.into());
        self
    }

    pub fn also(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            text: Some(text.into()),
        });
        self
    }
}
