//! The item a diagnostic is about (`kpi:<id>`, `goal:<id>`, `tactic:<id>`, `letter:<A>`, or a
//! dotted key path such as `plan.mission`), found from where its primary span starts.
//!
//! Rules that label something other than their subject (a removed goal reported at the `[plan]`
//! header) name the item themselves with `Diagnostic::item`; every other diagnostic gets the
//! item whose table or key holds its primary span. Baselines and CI fingerprints key on it, so it
//! stays the same when lines move.

use crate::model::{Plan, Slot};
use crate::source::Span;

/// Where each item of one plan starts and ends.
#[derive(Debug, Default, Clone)]
pub struct Items {
    /// Tables in source order: header span, whether it is an inline table, and its item.
    tables: Vec<(Span, bool, String)>,
    /// Key-values whose item is their own path (`plan.mission`, `letter:A`, `smplan`).
    keys: Vec<(Span, String)>,
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
            items.keys.push((span, "smplan".into()));
        }
        if let Some(header) = plan.header {
            items.tables.push((header, inline(header), "plan".into()));
            let keys = [
                ("title", extent(&plan.title)),
                ("scope", extent(&plan.scope)),
                ("start", extent(&plan.start)),
                ("end", extent(&plan.end)),
                ("owner", extent(&plan.owner)),
                ("department", extent(&plan.department)),
                ("currency", extent(&plan.currency)),
                ("mission", extent(&plan.mission)),
            ];
            for (key, span) in keys {
                if let Some(span) = span {
                    items.keys.push((span, format!("plan.{key}")));
                }
            }
        }
        if let Some(bg) = &plan.business_goals {
            items
                .tables
                .push((bg.header, inline(bg.header), "business_goals".into()));
            for l in &bg.letters {
                let end = l.text.value_span().map_or(l.key.span.end, |s| s.end);
                items.keys.push((
                    Span::new(l.key.span.start, end),
                    format!("letter:{}", l.key.value),
                ));
            }
        }
        for (gi, goal) in plan.goals.iter().enumerate() {
            let name = goal
                .id
                .value()
                .map_or_else(|| format!("goal[{gi}]"), |id| format!("goal:{id}"));
            items
                .tables
                .push((goal.header, inline(goal.header), name.clone()));
            for (ki, kpi) in goal.kpis.iter().enumerate() {
                let kname = kpi
                    .id
                    .value()
                    .map_or_else(|| format!("{name}.kpi[{ki}]"), |id| format!("kpi:{id}"));
                items.tables.push((kpi.header, inline(kpi.header), kname));
            }
        }
        for (ti, tactic) in plan.tactics.iter().enumerate() {
            let name = tactic
                .id
                .value()
                .map_or_else(|| format!("tactic[{ti}]"), |id| format!("tactic:{id}"));
            items
                .tables
                .push((tactic.header, inline(tactic.header), name));
        }
        // A misspelt `[[tactics]]` is outside every table the format knows: the file is its item,
        // not the table above it.
        for u in plan.unknown_top.iter().filter(|u| u.header) {
            items.tables.push((u.span, false, "plan".into()));
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
            return name.clone();
        }
        // Key-values after a header belong to it up to the next header; an inline table holds
        // only what lies inside its braces.
        self.tables
            .iter()
            .rev()
            .find(|(s, inline, _)| s.start <= offset && (!inline || offset < s.end))
            .map_or_else(|| "plan".to_string(), |(_, _, name)| name.clone())
    }
}
