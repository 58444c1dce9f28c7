//! One habit, one diagnostic (rules.md): when a plan has at least three items of a kind and every
//! one of them has the same problem, the rule's diagnostics become one, on the first item, whose
//! message counts them and which labels every item.
//!
//! Rules mark each per-item diagnostic with [`Diagnostic::habit`]; settling rolls them up after
//! suppressions (and a baseline) removed items, so a suppressed item is never part of a roll-up
//! and a rolled-up diagnostic is selected, ignored and suppressed like any other.

use crate::diagnostic::{Code, Diagnostic, Label, RolledItem};
use crate::model::{Goal, Kpi, Plan, Tactic};
use std::collections::HashMap;

/// The fewest items a roll-up covers: two findings read fine on their own.
pub const MIN_ITEMS: usize = 3;

/// `goal:<id>`, or `goal#<n>` (1-based, in source order) for a goal without a usable id.
pub fn goal_item(plan: &Plan, goal: &Goal) -> String {
    match goal.id.value() {
        Some(id) => format!("goal:{id}"),
        None => format!("goal#{}", position(plan.goals.iter(), goal)),
    }
}

/// `kpi:<id>`, or `kpi#<n>` (1-based among the plan's KPIs) without a usable id.
pub fn kpi_item(plan: &Plan, kpi: &Kpi) -> String {
    match kpi.id.value() {
        Some(id) => format!("kpi:{id}"),
        None => format!("kpi#{}", position(plan.kpis(), kpi)),
    }
}

/// `tactic:<id>`, or `tactic#<n>` without a usable id.
pub fn tactic_item(plan: &Plan, tactic: &Tactic) -> String {
    match tactic.id.value() {
        Some(id) => format!("tactic:{id}"),
        None => format!("tactic#{}", position(plan.tactics.iter(), tactic)),
    }
}

fn position<'a, T: 'a>(mut all: impl Iterator<Item = &'a T>, one: &T) -> usize {
    all.position(|x| std::ptr::eq(x, one)).map_or(0, |i| i + 1)
}

/// How many habit diagnostics each rule raised, before suppressions: a roll-up needs every item.
pub fn count(diags: &[Diagnostic]) -> HashMap<Code, usize> {
    let mut out = HashMap::new();
    for d in diags.iter().filter(|d| d.rollup.is_some()) {
        *out.entry(d.code.clone()).or_insert(0) += 1;
    }
    out
}

/// Rolls up, per rule, the habit diagnostics that remain when every item of the kind had the
/// problem (`raised` from [`count`], taken before suppressions) and at least [`MIN_ITEMS`] remain.
pub fn roll_up(diags: &mut Vec<Diagnostic>, raised: &HashMap<Code, usize>) {
    let mut groups: HashMap<Code, Vec<usize>> = HashMap::new();
    for (i, d) in diags.iter().enumerate() {
        if let Some(r) = &d.rollup
            && raised.get(&d.code) == Some(&r.of)
        {
            groups.entry(d.code.clone()).or_default().push(i);
        }
    }
    let mut drop = vec![false; diags.len()];
    for members in groups.values().filter(|m| m.len() >= MIN_ITEMS) {
        let mut members = members.clone();
        members.sort_by_key(|&i| diags[i].primary.span);
        let Some((&first, rest)) = members.split_first() else {
            continue;
        };
        let rolled = |d: &Diagnostic| RolledItem {
            item: d.item.clone().unwrap_or_default(),
            span: d.primary.span,
            start: d.start,
            end: d.end,
            message: d.message.clone(),
            label: d.primary.text.clone().unwrap_or_default(),
        };
        let mut items = vec![rolled(&diags[first])];
        for &i in rest {
            items.push(rolled(&diags[i]));
            drop[i] = true;
        }
        let head = &mut diags[first];
        for it in items.iter().skip(1) {
            head.secondary.push(Label {
                span: it.span,
                text: Some(it.label.clone()),
            });
        }
        if let Some(r) = &mut head.rollup {
            head.message = r.message.replace("{n}", &items.len().to_string());
            if let Some(help) = &r.help {
                head.help = Some(help.clone());
            }
            r.items = items;
        }
    }
    let mut i = 0;
    diags.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}
