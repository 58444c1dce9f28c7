crate::declare_rule! {
    /// ## What it checks
    /// Runs only with `smplan lint --base REV`. Compared with the plan's version at `REV` (found
    /// through git, following renames), a goal (matched by `id`) was added, removed, or changed
    /// its `supports`, while the date of the check (`--as-of DATE`, default today in UTC) lies
    /// inside the horizon of the base version (`start` and `end` included). `supports` is
    /// compared as a set of letters: reordering is not a change, nor are reformatting and
    /// comments. An added or removed goal is reported once here, not once per KPI under HI001.
    /// A plan that did not exist at `REV` is not compared.
    ///
    /// ## Why the method wants it
    /// Step 5: goals and their KPIs stay fixed for the horizon of the plan (step 1); only tactics
    /// may change. Swapping goals mid-year leaves nothing to measure the year against: change
    /// the tactics instead, and set new goals in the next plan.
    ///
    /// ## Example
    /// Fails (`smplan lint --base main` in June 2027, when `main` has `supports = ["A"]`):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal]]
    /// id = "deflect"
    /// supports = ["A", "B"]
    /// ```
    /// Passes (the goal as committed):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal]]
    /// id = "deflect"
    /// supports = ["A"]
    /// ```
    GoalChangedMidHorizon { code: "HI002", name: "goal-changed-mid-horizon", severity: Warning, summary: "a goal was added, removed or re-linked since the base revision while its plan runs" }
}

use super::{MidHorizon, Revision, changed, goals, removed_at};
use crate::diagnostic::Diagnostic;
use crate::model::{self, Goal, Plan};
use std::collections::HashMap;

/// Goals added, removed or re-linked between `old` (the base version) and `new`.
pub fn check(old: &Plan, new: &Plan, at: &Revision<'_>, out: &mut Vec<Diagnostic>) {
    let Some(mid) = MidHorizon::of(old, at) else {
        return;
    };
    let rev = &mid.rev;
    let code = GoalChangedMidHorizon::META.code;
    let (old_goals, new_goals) = (goals(old), goals(new));
    let old_by_id: HashMap<&str, &Goal> = old_goals.iter().copied().collect();
    let new_by_id: HashMap<&str, &Goal> = new_goals.iter().copied().collect();
    for (id, goal) in &new_goals {
        let Some(before) = old_by_id.get(id) else {
            out.push(
                Diagnostic::new(
                    code,
                    goal.header,
                    format!("goal `{id}` was added since `{rev}`, mid-horizon"),
                )
                .label(format!("not in the plan at `{rev}`"))
                .help(mid.help(
                    "goals",
                    "serve the goals the plan started with through new tactics instead; add goals \
                     in the next plan",
                )),
            );
            continue;
        };
        if let Some(c) = changed(
            "supports",
            &before.supports,
            &goal.supports,
            |v: &Vec<model::Str>| letters(v),
        ) {
            out.push(
                Diagnostic::new(
                    code,
                    c.span.unwrap_or(goal.header),
                    format!(
                        "goal `{id}` changed since `{rev}`, mid-horizon: `supports` {} → {}",
                        c.old.shown(),
                        c.new.shown()
                    ),
                )
                .label(format!("was {} at `{rev}`", c.old.shown()))
                .help(mid.help(
                    "goals",
                    "keep `supports` as it was and change the tactics instead; re-link goals in \
                     the next plan",
                )),
            );
        }
    }
    for (id, _) in &old_goals {
        if !new_by_id.contains_key(id) {
            out.push(
                Diagnostic::new(
                    code,
                    removed_at(new),
                    format!("goal `{id}` was removed since `{rev}`, mid-horizon"),
                )
                .label(format!("this plan had goal `{id}` at `{rev}`"))
                .item(format!("goal:{id}"))
                .help(mid.help(
                    "goals",
                    "keep the goal until the horizon ends and change its tactics instead; drop it \
                     in the next plan",
                )),
            );
        }
    }
}

/// `supports` as a set: sorted, without repeats.
fn letters(items: &[model::Str]) -> String {
    let mut set: Vec<&str> = items.iter().map(|s| s.value.trim()).collect();
    set.sort_unstable();
    set.dedup();
    let list: Vec<String> = set.iter().map(|l| format!("\"{l}\"")).collect();
    format!("`[{}]`", list.join(", "))
}
