use crate::source::Span;
use std::borrow::Cow;
use toml::value::Date;

/// A string of the plan: borrowed from its text, owned only when the literal has escapes.
pub type Text<'t> = Cow<'t, str>;

/// A key's state in the plan: absent, present but unusable (already reported), or valid.
#[derive(Clone, Debug, Default)]
pub enum Slot<T> {
    #[default]
    Missing,
    /// Present with the wrong type or an invalid value.
    Invalid {
        key: Span,
        value: Span,
    },
    /// Written under a misspelt key (`dedline` for `deadline`): PL004 reports it and names this
    /// key, so rules treat the key as present rather than reporting it missing too.
    Misspelt {
        key: Span,
    },
    Valid(Field<T>),
}

/// A present, valid value with the spans of its key and its value.
#[derive(Clone, Debug)]
pub struct Field<T> {
    pub key: Span,
    pub span: Span,
    pub value: T,
}

impl<T> Slot<T> {
    pub fn is_missing(&self) -> bool {
        matches!(self, Slot::Missing)
    }
    pub fn get(&self) -> Option<&Field<T>> {
        match self {
            Slot::Valid(f) => Some(f),
            _ => None,
        }
    }
    pub fn value(&self) -> Option<&T> {
        self.get().map(|f| &f.value)
    }
    /// The slot with its value, if valid, turned into `f`'s.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Slot<U> {
        match self {
            Slot::Missing => Slot::Missing,
            Slot::Invalid { key, value } => Slot::Invalid { key, value },
            Slot::Misspelt { key } => Slot::Misspelt { key },
            Slot::Valid(Field { key, span, value }) => Slot::Valid(Field {
                key,
                span,
                value: f(value),
            }),
        }
    }
    /// The span of the value, whether valid or not.
    pub fn value_span(&self) -> Option<Span> {
        match self {
            Slot::Missing => None,
            Slot::Invalid { value, .. } => Some(*value),
            Slot::Misspelt { key } => Some(*key),
            Slot::Valid(f) => Some(f.span),
        }
    }
}

/// A string with the span of its literal.
#[derive(Clone, Debug)]
pub struct Str<'t> {
    pub value: Text<'t>,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Plan<'t> {
    /// `smplan = 1`, else rule PL008.
    pub version: Slot<i64>,
    /// Span of the `[plan]` header, `None` when the table is missing.
    pub header: Option<Span>,
    pub title: Slot<Text<'t>>,
    pub scope: Slot<Text<'t>>,
    pub start: Slot<Date>,
    pub end: Slot<Date>,
    pub owner: Slot<Text<'t>>,
    pub department: Slot<Text<'t>>,
    pub currency: Slot<Text<'t>>,
    /// `plan.language` (default `en`): picks the built-in word lists.
    pub language: Slot<Text<'t>>,
    /// Raw string, blank allowed: rule MS001 owns blank and missing missions.
    pub mission: Slot<Text<'t>>,
    pub business_goals: Option<BusinessGoals<'t>>,
    pub goals: Vec<Goal<'t>>,
    /// `goal` (or an item of it) is not an array of tables: PL005 reported it.
    pub goals_mistyped: bool,
    pub tactics: Vec<Tactic<'t>>,
    /// `tactic` has the wrong type or is misspelt (PL005/PL004): some tactic may serve any goal.
    pub tactics_unreadable: bool,
    /// `business_goals` has the wrong type or is misspelt (PL005/PL004).
    pub business_goals_unreadable: bool,
    /// Every table header and key-value, for suppression comments above them.
    pub regions: Vec<Region>,
    /// Top-level keys the format does not define (PL004): where an unknown table's content lies.
    pub unknown_top: Vec<UnknownTop>,
}

/// A top-level key the format does not define: `[tactics]` or `foo = 1`.
#[derive(Clone, Debug, Default)]
pub struct UnknownTop {
    pub key: String,
    /// From the key to the end of its value.
    pub span: Span,
    /// Written as a `[table]` or `[[table]]` header: it holds what follows up to the next header.
    pub header: bool,
}

#[derive(Clone, Debug, Default)]
pub struct BusinessGoals<'t> {
    pub header: Span,
    pub letters: Vec<Letter<'t>>,
}

#[derive(Clone, Debug)]
pub struct Letter<'t> {
    pub key: Str<'t>,
    pub text: Slot<Text<'t>>,
    /// A single capital letter A–Z (else BG001).
    pub valid: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Goal<'t> {
    pub header: Span,
    pub id: Slot<Text<'t>>,
    pub statement: Slot<Text<'t>>,
    /// Missing or `[]` is GL002's; items that are not strings are dropped (PL005).
    pub supports: Slot<Vec<Str<'t>>>,
    pub perspective: Slot<Text<'t>>,
    pub kpis: Vec<Kpi<'t>>,
    /// `kpi` (or an item of it) is not an array of tables: PL005 reported it.
    pub kpis_mistyped: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Kpi<'t> {
    pub header: Span,
    pub id: Slot<Text<'t>>,
    pub name: Slot<Text<'t>>,
    /// Raw value: rule KP003 owns missing, mistyped and unknown core goals.
    pub core_goal: Slot<Text<'t>>,
    /// Raw value: rule SM002 owns a blank unit.
    pub unit: Slot<Text<'t>>,
    pub baseline: Slot<f64>,
    /// Rule SM002 owns missing, mistyped and non-finite targets.
    pub target: Slot<f64>,
    /// The text of a target written as a string (`"20%"`), for SM002's help.
    pub target_text: Option<String>,
    pub direction: Slot<Direction>,
    pub deadline: Slot<Date>,
    pub owner: Slot<Text<'t>>,
    pub source: Slot<Text<'t>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Increase,
    Decrease,
    Maintain,
}

#[derive(Clone, Debug, Default)]
pub struct Tactic<'t> {
    pub header: Span,
    pub id: Slot<Text<'t>>,
    pub name: Slot<Text<'t>>,
    pub goals: Slot<Vec<Str<'t>>>,
    pub metrics: Slot<Vec<Metric<'t>>>,
    pub candidates: Slot<Vec<Metric<'t>>>,
    pub cost: Slot<f64>,
}

/// A kept or candidate metric: a string or `{ name = ..., source?, unit? }`.
#[derive(Clone, Debug)]
pub struct Metric<'t> {
    pub name: Text<'t>,
    /// The whole item (string literal or inline table).
    pub span: Span,
}

/// A key-value or table in the source, for "suppress everything inside" comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Where the key or header starts.
    pub start: usize,
    /// Where the value or table's content ends.
    pub end: usize,
}

impl Goal<'_> {
    /// How messages name a goal: "goal `deflect`", or "this goal" without a usable id.
    pub fn label(&self) -> String {
        self.id
            .value()
            .map_or_else(|| "this goal".to_string(), |id| format!("goal `{id}`"))
    }
}

impl Kpi<'_> {
    /// How messages name a KPI: "KPI `phone-deflection`", or "this KPI" without a usable id.
    pub fn label(&self) -> String {
        self.id
            .value()
            .map_or_else(|| "this KPI".to_string(), |id| format!("KPI `{id}`"))
    }
}

impl Tactic<'_> {
    /// How messages name a tactic: "tactic `care-rota`", or "this tactic" without a usable id.
    pub fn label(&self) -> String {
        self.id
            .value()
            .map_or_else(|| "this tactic".to_string(), |id| format!("tactic `{id}`"))
    }
}

impl<'t> Plan<'t> {
    /// The plan's language: `plan.language`, else `en`.
    pub fn language(&self) -> &str {
        self.language.value().map_or("en", |l| l.as_ref())
    }

    /// Every KPI of every goal, in source order.
    pub fn kpis(&self) -> impl Iterator<Item = &Kpi<'t>> {
        self.goals.iter().flat_map(|g| g.kpis.iter())
    }

    /// Every id of goals, KPIs and tactics, in source order, with what it names.
    pub fn ids(&self) -> Vec<(&Field<Text<'t>>, IdKind)> {
        let mut out = Vec::new();
        for goal in &self.goals {
            if let Some(f) = goal.id.get() {
                out.push((f, IdKind::Goal));
            }
            for kpi in &goal.kpis {
                if let Some(f) = kpi.id.get() {
                    out.push((f, IdKind::Kpi));
                }
            }
        }
        for tactic in &self.tactics {
            if let Some(f) = tactic.id.get() {
                out.push((f, IdKind::Tactic));
            }
        }
        out.sort_by_key(|(f, _)| f.span.start);
        out
    }

    pub fn goal_by_id(&self, id: &str) -> Option<&Goal<'t>> {
        self.goals
            .iter()
            .find(|g| g.id.value().is_some_and(|v| v == id))
    }

    pub fn letter(&self, letter: &str) -> Option<&Letter<'t>> {
        self.business_goals
            .as_ref()?
            .letters
            .iter()
            .find(|l| l.valid && l.key.value == letter)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Goal,
    Kpi,
    Tactic,
}

impl IdKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Goal => "goal",
            IdKind::Kpi => "KPI",
            IdKind::Tactic => "tactic",
        }
    }
}

/// What the model builder noticed; the PL rules report these.
#[derive(Clone, Debug)]
pub struct Fact {
    pub kind: FactKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// What a fix needs to know; the rule that reports the fact builds the fix from it.
    pub hint: Option<Hint>,
}

/// What the builder knows about the repair of a fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// A string where a date belongs: its content (`2027-12-31`).
    QuotedDate(String),
    /// A string where a number belongs: its content (`3000`, `3,000`).
    QuotedNumber(String),
    /// An unknown key and the one known key closest to it, which the table does not have yet.
    Key(&'static str),
    /// A value outside its allowed set and the one allowed value closest to it.
    Value(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactKind {
    /// PL003
    MissingKey,
    /// PL004
    UnknownKey,
    /// PL005
    WrongType,
    /// PL006
    InvalidValue,
}
