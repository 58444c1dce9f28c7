crate::declare_rule! {
    /// ## What it checks
    /// Runs only with `smplan lint --base REV`. Compared with the plan's version at `REV` (found
    /// through git, following renames), a KPI (matched by `id`) of a goal that exists in both
    /// versions was added, removed, moved to another goal, or changed its `name`, `core_goal`,
    /// `unit`, `target` or `deadline`, while the date of the check (`--as-of DATE`, default today
    /// in UTC) lies inside the horizon of the base version (`start` and `end` included).
    /// Values are compared, not text: reformatting, reordering and comments are not changes.
    /// One diagnostic per KPI lists every changed field; it points at the new value (for a
    /// removed KPI, at its goal). A plan that did not exist at `REV` is not compared, KPIs of an
    /// added or removed goal are HI002's, and tactics and metrics may change freely.
    ///
    /// ## Why the method wants it
    /// Step 5: goals and their KPIs stay fixed for the horizon; tactics may change. Moving the
    /// target mid-year hides whether the tactics worked: change the tactics (steps 6–7) instead,
    /// and set new targets in the next plan.
    ///
    /// ## Example
    /// Fails (`smplan lint --base main` in June 2027, when `main` has `target = 1500`):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal]]
    /// id = "deflect"
    /// [[goal.kpi]]
    /// id = "phone-deflection"
    /// target = 1100
    /// ```
    /// Passes (the KPI as committed; the tactics serving it may change):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal]]
    /// id = "deflect"
    /// [[goal.kpi]]
    /// id = "phone-deflection"
    /// target = 1500
    /// ```
    KpiChangedMidHorizon { code: "HI001", name: "kpi-changed-mid-horizon", severity: Warning, summary: "a KPI changed since the base revision while its plan runs" }
}

use super::{Changed, MidHorizon, Revision, Value, changed, goals, kpis};
use crate::diagnostic::Diagnostic;
use crate::model::{self, Goal, Kpi, Plan, Text};
use std::collections::{HashMap, HashSet};

/// KPIs added, removed, moved or changed between `old` (the base version) and `new`, under
/// goals present in both (an added or removed goal is HI002's).
pub fn check(old: &Plan, new: &Plan, at: &Revision<'_>, out: &mut Vec<Diagnostic>) {
    let Some(mid) = MidHorizon::of(old, at) else {
        return;
    };
    let rev = &mid.rev;
    let code = KpiChangedMidHorizon::META.code;
    let (old_goals, new_goals) = (goals(old), goals(new));
    let old_by_id: HashMap<&str, &Goal> = old_goals.iter().copied().collect();
    let new_by_id: HashMap<&str, &Goal> = new_goals.iter().copied().collect();
    let shared = |gid: &str| old_by_id.contains_key(gid) && new_by_id.contains_key(gid);
    let old_kpis = kpis(&old_goals);
    let new_kpis = kpis(&new_goals);
    let old_kpi: HashMap<&str, (&str, &Kpi)> =
        old_kpis.iter().map(|(id, g, k)| (*id, (*g, *k))).collect();
    let new_kpi: HashSet<&str> = new_kpis.iter().map(|(id, _, _)| *id).collect();
    for (id, gid, kpi) in new_kpis.iter().filter(|(_, g, _)| shared(g)) {
        let Some((old_gid, before)) = old_kpi.get(id) else {
            out.push(
                Diagnostic::new(
                    code,
                    kpi.header,
                    format!("KPI `{id}` was added to goal `{gid}` since `{rev}`, mid-horizon"),
                )
                .label(format!("not in the plan at `{rev}`"))
                .help(mid.help(
                    "KPIs",
                    "measure the goal with the KPIs it started with and change its tactics \
                     instead; add KPIs in the next plan",
                )),
            );
            continue;
        };
        if let Some(d) = changed_kpi(id, gid, old_gid, before, kpi, &mid) {
            out.push(d);
        }
    }
    for (id, gid, _) in &old_kpis {
        // A goal removed since is HI002's; one still there is where the KPI was.
        let Some(goal) = new_by_id.get(gid) else {
            continue;
        };
        if new_kpi.contains(id) {
            continue; // still there: compared above, or under a goal added since (HI002's)
        }
        out.push(
            Diagnostic::new(
                code,
                goal.header,
                format!("KPI `{id}` was removed from goal `{gid}` since `{rev}`, mid-horizon"),
            )
            .label(format!("this goal had KPI `{id}` at `{rev}`"))
            .item(format!("kpi:{id}"))
            .help(mid.help(
                "KPIs",
                "keep the KPI until the horizon ends and change the tactics that serve it \
                 instead; drop it in the next plan",
            )),
        );
    }
}

/// One diagnostic listing every field of a KPI that changed (its goal included), labelled at
/// each new value; `None` when nothing changed.
fn changed_kpi(
    id: &str,
    gid: &str,
    old_gid: &str,
    before: &Kpi,
    kpi: &Kpi,
    mid: &MidHorizon,
) -> Option<Diagnostic> {
    let rev = &mid.rev;
    let code = KpiChangedMidHorizon::META.code;
    // A value that was invalid at the base and is valid now is a repair (fixes.md), not a
    // change: a `core_goal` that named no core goal, a missing or blank `unit` (SM002).
    let core_goal_repaired = before
        .core_goal
        .value()
        .is_some_and(|c| !model::CORE_GOALS.contains(&c.as_ref()));
    let unit_repaired = before.unit.value().is_none_or(|u| u.trim().is_empty());
    let mut changes: Vec<Changed> = [
        changed("name", &before.name, &kpi.name, |s: &Text<'_>| quoted(s)),
        changed(
            "core_goal",
            &before.core_goal,
            &kpi.core_goal,
            |s: &Text<'_>| quoted(s),
        )
        .filter(|_| !core_goal_repaired),
        changed("unit", &before.unit, &kpi.unit, |s: &Text<'_>| quoted(s))
            .filter(|_| !unit_repaired),
        changed("target", &before.target, &kpi.target, |n: &f64| {
            format!("{n}")
        }),
        changed("deadline", &before.deadline, &kpi.deadline, |d| {
            d.to_string()
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if old_gid != gid {
        changes.push(Changed {
            key: "goal",
            old: Value::Valid(format!("`{old_gid}`")),
            new: Value::Valid(format!("`{gid}`")),
            span: None,
        });
    }
    let list: Vec<String> = changes
        .iter()
        .map(|c| format!("`{}` {} → {}", c.key, c.old.shown(), c.new.shown()))
        .collect();
    // The first change with a new value in the file is the primary label.
    changes.sort_by_key(|c| c.span.is_none());
    let mut labels = changes.iter().map(|c| match c.span {
        Some(span) => (span, format!("was {} at `{rev}`", c.old.shown())),
        None if c.key == "goal" => (
            kpi.header,
            format!("was under goal {} at `{rev}`", c.old.shown()),
        ),
        None => (
            kpi.header,
            format!("`{}` removed; was {} at `{rev}`", c.key, c.old.shown()),
        ),
    });
    let (span, label) = labels.next()?;
    let mut d = Diagnostic::new(
        code,
        span,
        format!(
            "KPI `{id}` changed since `{rev}`, mid-horizon: {}",
            list.join(", ")
        ),
    )
    .label(label)
    .help(mid.help(
        "KPIs",
        "keep the KPI as it was and change the tactics that serve it instead; set new targets \
         in the next plan",
    ));
    for (span, label) in labels {
        d = d.also(span, label);
    }
    Some(d)
}

/// A string as messages show it: in backticks, whitespace collapsed.
fn quoted(s: &str) -> String {
    format!("`{}`", s.split_whitespace().collect::<Vec<_>>().join(" "))
}
