//! HI: history — goals and KPIs stay fixed during the horizon (step 5). Each rule compares the
//! plan with its version at a base revision; [`crate::history`] only finds that version (git).

pub mod hi001_kpi_changed_mid_horizon;
pub mod hi002_goal_changed_mid_horizon;

use crate::diagnostic::Diagnostic;
use crate::model::{Goal, Kpi, Plan, Slot};
use crate::source::Span;
use std::collections::HashSet;
use toml::value::Date;

/// The base revision a plan is compared with: how messages name it, and the date of the check
/// (`--as-of`, default today in UTC).
#[derive(Clone, Copy, Debug)]
pub struct Revision<'a> {
    pub rev: &'a str,
    pub as_of: Date,
}

/// How a history rule runs: the plan at the base revision (`old`) against the plan linted.
pub type HistoryFn = fn(old: &Plan, new: &Plan, at: &Revision<'_>, out: &mut Vec<Diagnostic>);

/// A comparison that applies: the date of the check lies inside the base version's horizon.
struct MidHorizon {
    /// The revision as messages show it.
    rev: String,
    /// `start to end` of the base version.
    horizon: String,
}

impl MidHorizon {
    /// `None` when the base version has no horizon or the date of the check is outside it
    /// (`start` and `end` included).
    fn of(old: &Plan, at: &Revision<'_>) -> Option<MidHorizon> {
        let (start, end) = (old.start.value()?, old.end.value()?);
        if at.as_of < *start || at.as_of > *end {
            return None;
        }
        Some(MidHorizon {
            rev: short(at.rev).to_string(),
            horizon: format!("{start} to {end}"),
        })
    }

    /// "goals stay fixed for the horizon committed at `main` (…): <what to do instead>"
    fn help(&self, what: &str, instead: &str) -> String {
        format!(
            "{what} stay fixed for the horizon committed at `{}` ({}): {instead}",
            self.rev, self.horizon
        )
    }
}

/// Shortens a full commit id for messages; anything else is shown as given.
fn short(rev: &str) -> &str {
    if rev.len() >= 20 && rev.bytes().all(|b| b.is_ascii_hexdigit()) {
        rev.get(..12).unwrap_or(rev)
    } else {
        rev
    }
}

/// A field's state, compared by value: absent, or a value as shown in messages (normalised:
/// whitespace in strings collapsed, sets sorted, numbers and dates by value).
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Absent,
    Valid(String),
}

impl Value {
    /// `None` for a value another rule reports as unusable (wrong type, invalid, misspelt key):
    /// such a field is not compared.
    fn of<T>(slot: &Slot<T>, show: impl Fn(&T) -> String) -> Option<Value> {
        match slot.get() {
            Some(f) => Some(Value::Valid(show(&f.value))),
            None if slot.is_missing() => Some(Value::Absent),
            None => None,
        }
    }

    fn shown(&self) -> String {
        match self {
            Value::Absent => "(none)".into(),
            Value::Valid(s) => s.clone(),
        }
    }
}

/// A changed field: its name, old and new values, and where the new value is.
struct Changed {
    key: &'static str,
    old: Value,
    new: Value,
    span: Option<Span>,
}

fn changed<T>(
    key: &'static str,
    old: &Slot<T>,
    new: &Slot<T>,
    show: impl Fn(&T) -> String,
) -> Option<Changed> {
    let (o, n) = (Value::of(old, &show)?, Value::of(new, &show)?);
    (o != n).then(|| Changed {
        key,
        old: o,
        new: n,
        span: new.get().map(|f| f.span),
    })
}

/// Goals with a usable id, first occurrence of each id (duplicates are PL007's).
fn goals<'a>(plan: &'a Plan<'a>) -> Vec<(&'a str, &'a Goal<'a>)> {
    let mut seen = HashSet::new();
    plan.goals
        .iter()
        .filter_map(|g| g.id.value().map(|id| (id.as_ref(), g)))
        .filter(|(id, _)| seen.insert(*id))
        .collect()
}

/// KPIs with a usable id and their goal's id, first occurrence of each id.
fn kpis<'p>(goals: &[(&'p str, &'p Goal<'p>)]) -> Vec<(&'p str, &'p str, &'p Kpi<'p>)> {
    let mut seen = HashSet::new();
    goals
        .iter()
        .flat_map(|(gid, g)| {
            g.kpis
                .iter()
                .filter_map(move |k| k.id.value().map(|id| (id.as_ref(), *gid, k)))
        })
        .filter(|(id, _, _)| seen.insert(*id))
        .collect()
}

/// Where a removed item is reported when nothing of it is left: the plan's header, else the
/// first goal.
fn removed_at(new: &Plan) -> Span {
    new.header
        .or_else(|| new.goals.first().map(|g| g.header))
        .unwrap_or_default()
}
