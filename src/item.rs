//! The item a diagnostic is about (`kpi:<id>`, `goal:<id>`, `tactic:<id>`, `letter:<A>`, or a
//! dotted key path such as `plan.mission`), found from where its primary span starts.
//!
//! Rules that label something other than their subject (a removed goal reported at the `[plan]`
//! header) name the item themselves with `Diagnostic::item`; every other diagnostic gets the
//! item whose table or key holds its primary span. Baselines and CI fingerprints key on it, so it
//! stays the same when lines move.

use crate::model::Text;
use crate::model::{Plan, Slot};
use crate::source::Span;

/// Where each item of one plan starts and ends.
#[derive(Debug, Default, Clone)]
pub struct Items {
    /// Tables in source order: header span, whether it is an inline table, and its item.
    tables: Vec<(Span, bool, Name)>,
    /// Key-values whose item is their own path (`plan.mission`, `letter:A`, `smplan`).
    keys: Vec<(Span, Name)>,
}

/// An item's name, spelt out only for the diagnostics that ask (most items have none).
#[derive(Debug, Clone)]
enum Name {
    Fixed(&'static str),
    Letter(String),
    /// A goal by id, else by position.
    Goal(Result<String, usize>),
    Kpi(String),
    /// A KPI without a usable id: by position in its goal.
    KpiAt(Result<String, usize>, usize),
    Tactic(Result<String, usize>),
}

impl Name {
    fn spell(&self) -> String {
        let goal = |g: &Result<String, usize>| match g {
            Ok(id) => format!("goal:{id}"),
            Err(i) => format!("goal[{i}]"),
        };
        match self {
            Name::Fixed(name) => (*name).to_string(),
            Name::Letter(letter) => format!("letter:{letter}"),
            Name::Goal(g) => goal(g),
            Name::Kpi(id) => format!("kpi:{id}"),
            Name::KpiAt(g, i) => format!("{}.kpi[{i}]", goal(g)),
            Name::Tactic(Ok(id)) => format!("tactic:{id}"),
            Name::Tactic(Err(i)) => format!("tactic[{i}]"),
        }
    }
}

/// An item's id, else its position.
fn id_or<T>(id: &Slot<Text<'_>>, index: T) -> Result<String, T> {
    id.value().map(|s| s.to_string()).ok_or(index)
}

fn extent<T>(slot: &Slot<T>) -> Option<Span> {
    match slot {
        Slot::Missing => None,
        Slot::Invalid { key, value } => Some(Span::new(key.start, value.end)),
        Slot::Misspelt { key } => Some(*key),
        Slot::Valid(f) => Some(Span::new(f.key.start, f.span.end)),
    }
}

impl Items {
    pub fn of(plan: &Plan, text: &str) -> Items {
        let mut items = Items::default();
        let inline = |s: Span| text.as_bytes().get(s.start) == Some(&b'{');
        if let Some(span) = extent(&plan.version) {
            items.keys.push((span, Name::Fixed("smplan")));
        }
        if let Some(header) = plan.header {
            items
                .tables
                .push((header, inline(header), Name::Fixed("plan")));
            let keys = [
                ("plan.title", extent(&plan.title)),
                ("plan.scope", extent(&plan.scope)),
                ("plan.start", extent(&plan.start)),
                ("plan.end", extent(&plan.end)),
                ("plan.owner", extent(&plan.owner)),
                ("plan.department", extent(&plan.department)),
                ("plan.currency", extent(&plan.currency)),
                ("plan.mission", extent(&plan.mission)),
            ];
            for (key, span) in keys {
                if let Some(span) = span {
                    items.keys.push((span, Name::Fixed(key)));
                }
            }
        }
        if let Some(bg) = &plan.business_goals {
            items
                .tables
                .push((bg.header, inline(bg.header), Name::Fixed("business_goals")));
            for l in &bg.letters {
                let end = l.text.value_span().map_or(l.key.span.end, |s| s.end);
                items.keys.push((
                    Span::new(l.key.span.start, end),
                    Name::Letter(l.key.value.to_string()),
                ));
            }
        }
        for (gi, goal) in plan.goals.iter().enumerate() {
            items.tables.push((
                goal.header,
                inline(goal.header),
                Name::Goal(id_or(&goal.id, gi)),
            ));
            for (ki, kpi) in goal.kpis.iter().enumerate() {
                let name = match kpi.id.value() {
                    Some(id) => Name::Kpi(id.to_string()),
                    None => Name::KpiAt(id_or(&goal.id, gi), ki),
                };
                items.tables.push((kpi.header, inline(kpi.header), name));
            }
        }
        for (ti, tactic) in plan.tactics.iter().enumerate() {
            items.tables.push((
                tactic.header,
                inline(tactic.header),
                Name::Tactic(id_or(&tactic.id, ti)),
            ));
        }
        // A misspelt `[[tactics]]` is outside every table the format knows: the file is its item,
        // not the table above it.
        for u in plan.unknown_top.iter().filter(|u| u.header) {
            items.tables.push((u.span, false, Name::Fixed("plan")));
        }
        items.tables.sort_by_key(|t| t.0.start);
        items
    }

    /// The item that holds `offset`: a key with its own path, else the innermost table whose
    /// content it is in, else `plan` (the file as a whole).
    pub fn at(&self, offset: usize) -> String {
        if let Some((_, name)) = self
            .keys
            .iter()
            .find(|(s, _)| s.start <= offset && offset < s.end.max(s.start + 1))
        {
            return name.spell();
        }
        // Key-values after a header belong to it up to the next header; an inline table holds
        // only what lies inside its braces.
        self.tables
            .iter()
            .rev()
            .find(|(s, inline, _)| s.start <= offset && (!inline || offset < s.end))
            .map_or_else(|| "plan".to_string(), |(_, _, name)| name.spell())
    }
}
