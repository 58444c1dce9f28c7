//! The review summary of `smplan report`: per plan, its scope and horizon, which business goals
//! are covered, a SMART table per KPI, metrics per tactic against the limit, diagnostic counts
//! and the diagram. [`summarize`] gathers the facts from a plan and its settled diagnostics;
//! [`markdown`] and [`html`] render them.
//!
//! The SMART cells are derived from the diagnostics that fired for the KPI, each in the column of
//! its rule's SMART criterion (`smart` in the rule's declaration: S ← SM001/KP005/KP004,
//! M ← SM002, A ← SM003/SM004, R ← KP003, T ← SM005/SM006, owner ← SM007); a generic PL003–PL006
//! diagnostic on the KPI key a column reads (`name`, `target`/`unit`, `baseline`/`direction`,
//! `core_goal`, `deadline`, `owner`) counts for that column too, so a quoted deadline is not ticked.

mod html;
mod markdown;
mod table;

pub use html::html;
pub use markdown::{markdown, md_code, md_message, md_text};

use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::{self, Graph};
use crate::model::Text;
use crate::model::{Kpi, Plan, Slot};
use crate::rules::Smart;
use crate::rules::options::Limits;
use crate::rules::registry::BUILTIN;
use crate::source::Span;
use toml::value::Date;

/// What a report is made from: one linted file.
pub struct Input<'a> {
    /// The path as shown.
    pub path: &'a str,
    /// The model, when the file could be read and parsed.
    pub plan: Option<&'a Plan<'a>>,
    /// The file's settled diagnostics, in order.
    pub diagnostics: &'a [Diagnostic],
    /// The limits in force for this file.
    pub limits: &'a Limits,
    /// The core goals KPIs serve (the config's `core_goals`), for the R column's legend.
    pub core_goals: &'a [String],
}

/// One cell of the SMART table.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// No diagnostic for this letter fired.
    Pass,
    /// These diagnostics fired: (code, message).
    Fail(Vec<(&'static str, String)>),
    /// Not checked, and why: the rules did not run on this file (PL008), or the rules for this
    /// letter skip a KPI on which SM002 or PL005 fired (rules.md).
    Unknown(String),
}

/// The columns of the SMART table, in order: title, meaning, the criterion whose rules fill it.
pub const SMART_COLUMNS: [(&str, &str, Smart); 6] = [
    ("S", "specific", Smart::Specific),
    ("M", "measurable", Smart::Measurable),
    ("A", "achievable", Smart::Achievable),
    ("R", "relevant", Smart::Relevant),
    ("T", "time-bound", Smart::TimeBound),
    ("Owner", "assignable", Smart::Assignable),
];

/// The column a diagnostic fills: its rule's SMART criterion (the registry's `smart`).
fn smart_column(code: &str) -> Option<usize> {
    let rule = BUILTIN.iter().find(|b| b.meta.code == code)?;
    let smart = rule.meta.smart?;
    SMART_COLUMNS.iter().position(|c| c.2 == smart)
}

const GENERIC: &[&str] = &["PL003", "PL004", "PL005", "PL006"];

#[derive(Clone, Debug)]
pub struct KpiRow {
    pub goal: String,
    pub kpi: String,
    pub name: Option<String>,
    /// `1500 contacts/month by 2027-12-31`
    pub target: String,
    pub checks: [Check; 6],
}

#[derive(Clone, Debug)]
pub struct LetterRow {
    pub letter: String,
    /// `None` for a letter that goals refer to but `[business_goals]` does not define.
    pub text: Option<String>,
    /// Ids of the goals that support it.
    pub goals: Vec<String>,
    /// A key that is not a single capital letter (BG001): no goal can support it.
    pub invalid: bool,
}

impl LetterRow {
    pub fn covered(&self) -> bool {
        self.text.is_some() && !self.invalid && !self.goals.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricStatus {
    Ok,
    TooFew,
    TooMany,
}

#[derive(Clone, Debug)]
pub struct TacticRow {
    pub tactic: String,
    pub goals: Vec<String>,
    pub metrics: Vec<String>,
    pub status: MetricStatus,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    pub fn add(&mut self, o: Counts) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
    }

    /// `1 error, 2 warnings, 0 infos`
    pub fn sentence(&self) -> String {
        let p =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {}, {}",
            p(self.errors, "error", "errors"),
            p(self.warnings, "warning", "warnings"),
            p(self.infos, "info", "infos")
        )
    }
}

/// Everything the report says about one plan.
#[derive(Clone, Debug)]
pub struct PlanSummary {
    pub path: String,
    /// False when the file could not be read or parsed: only the diagnostics are shown.
    pub parsed: bool,
    /// Why the rules did not run (PL008), when they did not.
    pub rules_skipped: Option<String>,
    pub title: Option<String>,
    pub scope: Option<String>,
    pub department: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub owner: Option<String>,
    pub mission: Option<String>,
    pub letters: Vec<LetterRow>,
    pub kpis: Vec<KpiRow>,
    pub tactics: Vec<TacticRow>,
    pub metrics_min: usize,
    pub metrics_max: usize,
    pub counts: Counts,
    pub diagnostics: Vec<Diagnostic>,
    pub graph: Option<Graph>,
    pub core_goals: Vec<String>,
}

impl PlanSummary {
    /// The legend of the SMART table; R names the project's core goals.
    pub fn smart_legend(&self) -> String {
        format!(
            "S specific · M measurable · A achievable · R relevant (serves a core goal: {}) · \
             T time-bound · Owner: assignable (Doran). ✓ when no rule for that letter fired.",
            crate::rules::core_goals::allowed(&self.core_goals)
        )
    }
}

fn text(slot: &Slot<Text<'_>>) -> Option<String> {
    slot.value()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// A value as the report shows it: blank is absent, an unusable value says so.
fn shown<T: std::fmt::Display>(slot: &Slot<T>) -> Option<String> {
    match slot {
        Slot::Missing | Slot::Misspelt { .. } => None,
        Slot::Invalid { .. } => Some("(invalid value)".into()),
        Slot::Valid(f) => Some(f.value.to_string().trim().to_string()).filter(|v| !v.is_empty()),
    }
}

fn within(span: Span, lo: usize, hi: usize) -> bool {
    span.start >= lo && span.start <= hi
}

/// Whether a diagnostic is about something in `lo..=hi`: its primary span, or one of the items
/// of a rolled-up diagnostic ("none of the 5 KPIs has an owner" counts for every KPI).
fn touches(d: &Diagnostic, lo: usize, hi: usize) -> bool {
    within(d.primary.span, lo, hi)
        || d.rollup
            .iter()
            .flat_map(|r| &r.items)
            .any(|it| within(it.span, lo, hi))
}

/// The key and value spans of a slot.
fn slot_spans<T>(slot: &Slot<T>) -> Vec<Span> {
    match slot {
        Slot::Missing => Vec::new(),
        Slot::Misspelt { key } => vec![*key],
        Slot::Invalid { key, value } => vec![*key, *value],
        Slot::Valid(f) => vec![f.key, f.span],
    }
}

/// The byte range a KPI covers: its header (or inline table) and every key it has.
fn kpi_extent(kpi: &Kpi) -> (usize, usize) {
    let mut spans = vec![kpi.header];
    spans.extend(slot_spans(&kpi.id));
    spans.extend(slot_spans(&kpi.name));
    spans.extend(slot_spans(&kpi.core_goal));
    spans.extend(slot_spans(&kpi.unit));
    spans.extend(slot_spans(&kpi.baseline));
    spans.extend(slot_spans(&kpi.target));
    spans.extend(slot_spans(&kpi.direction));
    spans.extend(slot_spans(&kpi.deadline));
    spans.extend(slot_spans(&kpi.owner));
    spans.extend(slot_spans(&kpi.source));
    let lo = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let hi = spans.iter().map(|s| s.end).max().unwrap_or(0);
    (lo, hi)
}

/// The keys whose generic diagnostics count for each SMART column.
fn column_keys(kpi: &Kpi) -> [Vec<Span>; 6] {
    [
        slot_spans(&kpi.name),
        [slot_spans(&kpi.target), slot_spans(&kpi.unit)].concat(),
        [slot_spans(&kpi.baseline), slot_spans(&kpi.direction)].concat(),
        slot_spans(&kpi.core_goal),
        slot_spans(&kpi.deadline),
        slot_spans(&kpi.owner),
    ]
}

fn kpi_checks(
    kpi: &Kpi,
    diagnostics: &[Diagnostic],
    skipped: bool,
    horizon: Option<(Date, Date)>,
) -> [Check; 6] {
    if skipped {
        return std::array::from_fn(|_| Check::Unknown("the rules did not run (PL008)".into()));
    }
    let (lo, hi) = kpi_extent(kpi);
    let keys = column_keys(kpi);
    // SM003, SM004 and SM006 are skipped for a KPI with SM002 or PL005 (rules.md).
    let blocked = diagnostics
        .iter()
        .find(|d| (d.code == "SM002" || d.code == "PL005") && within(d.primary.span, lo, hi))
        .map(|d| d.code.as_str());
    std::array::from_fn(|col| {
        let fired: Vec<(&'static str, String)> = diagnostics
            .iter()
            .filter(|d| touches(d, lo, hi))
            .filter(|d| {
                smart_column(&d.code) == Some(col)
                    || (GENERIC.contains(&d.code.as_str())
                        && keys[col]
                            .iter()
                            .any(|k| within(d.primary.span, k.start, k.end.max(k.start))))
            })
            .filter_map(|d| {
                // The rule's own `'static` code: the diagnostic's is a built-in rule's.
                let code = BUILTIN
                    .iter()
                    .map(|b| b.meta.code)
                    .find(|c| *c == d.code.as_str())?;
                Some((code, own_message(d, lo, hi)))
            })
            .collect();
        match (fired.is_empty(), blocked) {
            (false, _) => Check::Fail(fired),
            // SM006 skips a KPI with SM002, but a deadline inside the horizon is plainly
            // time-bound: only an unusable deadline (PL005) leaves T unknown.
            (true, Some("SM002")) if col == 4 && deadline_inside(kpi, horizon) => Check::Pass,
            // A (SM003/SM004) and T's SM006 need the values that SM002 or PL005 found unusable.
            (true, Some(code)) if col == 2 || col == 4 => {
                Check::Unknown(format!("not checked: {code} fired on this KPI"))
            }
            (true, _) => Check::Pass,
        }
    })
}

/// Whether the KPI's deadline lies inside the plan's horizon (both ends included).
fn deadline_inside(kpi: &Kpi, horizon: Option<(Date, Date)>) -> bool {
    match (kpi.deadline.value(), horizon) {
        (Some(d), Some((start, end))) => start <= *d && *d <= end,
        _ => false,
    }
}

/// A diagnostic's message as it reads for one KPI: a rolled-up diagnostic's item message.
fn own_message(d: &Diagnostic, lo: usize, hi: usize) -> String {
    d.rollup
        .iter()
        .flat_map(|r| &r.items)
        .find(|it| within(it.span, lo, hi))
        .map_or_else(|| d.message.clone(), |it| it.message.clone())
}

fn kpi_target(kpi: &Kpi) -> String {
    let target = match (&kpi.target, &kpi.target_text) {
        (Slot::Valid(f), _) => graph::number(f.value),
        (Slot::Invalid { .. }, Some(t)) => format!("\"{t}\""),
        (Slot::Invalid { .. }, None) => "(invalid)".into(),
        (Slot::Missing | Slot::Misspelt { .. }, _) => "?".into(),
    };
    let unit = text(&kpi.unit).unwrap_or_else(|| "(no unit)".into());
    let by = match &kpi.deadline {
        Slot::Valid(d) => format!("by {}", d.value),
        Slot::Invalid { .. } => "(deadline is not a date)".into(),
        Slot::Missing | Slot::Misspelt { .. } => "(no deadline)".into(),
    };
    format!("{target} {unit} {by}")
}

fn id_or(slot: &Slot<Text<'_>>, what: &str, i: usize) -> String {
    slot.value()
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("{what} #{} (no id)", i + 1))
}

/// Gathers the facts of one plan. Never fails: a plan that did not parse yields its diagnostics.
pub fn summarize(input: &Input<'_>) -> PlanSummary {
    let counts = Counts::of(input.diagnostics);
    let mut s = PlanSummary {
        path: input.path.to_string(),
        parsed: input.plan.is_some(),
        rules_skipped: None,
        title: None,
        scope: None,
        department: None,
        start: None,
        end: None,
        owner: None,
        mission: None,
        letters: Vec::new(),
        kpis: Vec::new(),
        tactics: Vec::new(),
        metrics_min: input.limits.metrics_min,
        metrics_max: input.limits.metrics_max,
        counts,
        diagnostics: input.diagnostics.to_vec(),
        graph: None,
        core_goals: input.core_goals.to_vec(),
    };
    let Some(plan) = input.plan else {
        return s;
    };
    if let Some(d) = input.diagnostics.iter().find(|d| d.code == "PL008") {
        s.rules_skipped = Some(format!("{} (PL008): no other rule ran", d.message));
    }
    s.title = text(&plan.title);
    s.scope = shown(&plan.scope);
    s.department = shown(&plan.department);
    s.start = shown(&plan.start);
    s.end = shown(&plan.end);
    s.owner = shown(&plan.owner);
    s.mission = text(&plan.mission);

    let goal_ids = |pred: &dyn Fn(&str) -> bool| -> Vec<String> {
        plan.goals
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                g.supports
                    .value()
                    .is_some_and(|v| v.iter().any(|x| pred(&x.value)))
            })
            .map(|(i, g)| id_or(&g.id, "goal", i))
            .collect()
    };
    if let Some(bg) = &plan.business_goals {
        for l in &bg.letters {
            s.letters.push(LetterRow {
                letter: l.key.value.to_string(),
                text: Some(text(&l.text).unwrap_or_default()),
                goals: if l.valid {
                    goal_ids(&|x| x == l.key.value)
                } else {
                    Vec::new()
                },
                invalid: !l.valid,
            });
        }
    }
    // Letters that goals refer to but that do not exist.
    for g in &plan.goals {
        for x in g.supports.value().into_iter().flatten() {
            if plan.letter(&x.value).is_none() && !s.letters.iter().any(|r| r.letter == x.value) {
                s.letters.push(LetterRow {
                    letter: x.value.to_string(),
                    text: None,
                    goals: goal_ids(&|y| y == x.value),
                    invalid: false,
                });
            }
        }
    }

    let skipped = s.rules_skipped.is_some();
    let horizon = plan
        .start
        .value()
        .zip(plan.end.value())
        .map(|(a, b)| (*a, *b));
    for (gi, g) in plan.goals.iter().enumerate() {
        for (ki, k) in g.kpis.iter().enumerate() {
            s.kpis.push(KpiRow {
                goal: id_or(&g.id, "goal", gi),
                kpi: id_or(&k.id, "KPI", ki),
                name: text(&k.name),
                target: kpi_target(k),
                checks: kpi_checks(k, input.diagnostics, skipped, horizon),
            });
        }
    }

    for (ti, t) in plan.tactics.iter().enumerate() {
        let metrics: Vec<String> = t
            .metrics
            .value()
            .into_iter()
            .flatten()
            .map(|m| m.name.trim().to_string())
            .collect();
        let status = if metrics.len() < input.limits.metrics_min {
            MetricStatus::TooFew
        } else if metrics.len() > input.limits.metrics_max {
            MetricStatus::TooMany
        } else {
            MetricStatus::Ok
        };
        s.tactics.push(TacticRow {
            tactic: id_or(&t.id, "tactic", ti),
            goals: t
                .goals
                .value()
                .into_iter()
                .flatten()
                .map(|g| g.value.to_string())
                .collect(),
            metrics,
            status,
        });
    }
    s.graph = Some(graph::build(plan));
    s
}

/// `2–5`, `2 or more`.
pub fn limit_text(min: usize, max: usize) -> String {
    if max == usize::MAX {
        format!("{min} or more")
    } else {
        format!("{min}–{max}")
    }
}

/// The heading of a plan's section: its title, else its path.
pub fn heading(s: &PlanSummary) -> String {
    s.title.clone().unwrap_or_else(|| s.path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_smart_column_is_filled_by_some_rule() {
        for (col, (title, _, _)) in SMART_COLUMNS.iter().enumerate() {
            assert!(
                BUILTIN
                    .iter()
                    .any(|b| smart_column(b.meta.code) == Some(col)),
                "no rule fills {title}"
            );
        }
        assert_eq!(smart_column("SM001"), Some(0));
        assert_eq!(smart_column("SM007"), Some(5));
        assert_eq!(smart_column("PL005"), None);
    }
}
