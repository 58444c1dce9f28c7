use crate::diagnostic::Diagnostic;
use crate::model::{Plan, Slot};
use crate::rules::Ctx;
use crate::rules::rollup::goal_item;
use crate::rules::tactics::tc001_orphan_tactic;
use crate::suggest::closest;

crate::declare_rule! {
    /// ## What it checks
    /// No tactic lists this goal's id in its `goals`. Silent when there are tactics and every
    /// one of them lists no goal at all (TC001 reports each), while a tactic's `goals` has the
    /// wrong type (PL005), while `tactic` itself or one of its items has the wrong type (PL005) or
    /// the tactics are written under a misspelt key such as `[[tactics]]` (PL004), and for a goal
    /// that a misspelt id in some tactic's `goals` most likely means (PL009 suggests it).
    ///
    /// When a plan has at least three goals and every one of them has this problem, it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 6 chooses tactics for each goal: a goal that no tactic serves is a wish, not a plan.
    /// Tactics may change during the year, but at any time every goal should have one.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// [[goal]]
    /// id = "delight"
    /// [[tactic]]
    /// goals = ["deflect"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// [[goal]]
    /// id = "delight"
    /// [[tactic]]
    /// goals = ["deflect", "delight"]
    /// ```
    GoalWithoutTactic { code: "GL004", name: "goal-without-tactic", severity: Warning, summary: "no tactic serves a goal" }
}

/// Whether a PL fact lies inside `span`; `sorted` are the facts' spans sorted by start.
fn has_fact_inside(sorted: &[crate::source::Span], span: crate::source::Span) -> bool {
    let first = sorted.partition_point(|f| f.start < span.start);
    sorted[first..]
        .iter()
        .take_while(|f| f.start < span.end.max(span.start + 1))
        .any(|f| f.end <= span.end)
}

/// Whether every goal's id is listed by some tactic, when that is quick to tell (a small
/// plan: no sorting, no allocation). A goal without an id is never reported.
fn all_listed_small(plan: &Plan) -> bool {
    let listed = || {
        plan.tactics
            .iter()
            .flat_map(|t| t.goals.value().into_iter().flatten())
    };
    if plan.goals.len().saturating_mul(listed().count()) > 256 {
        return false;
    }
    plan.goals.iter().all(|g| {
        g.id.value()
            .is_none_or(|id| listed().any(|l| l.value == *id))
    })
}

pub fn check<'a>(plan: &'a Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if all_listed_small(plan) {
        return; // the usual plan: nothing to report, whatever the checks below would say
    }
    if plan.tactics_unreadable {
        return; // PL005/PL004: a tactic we cannot read may serve any goal
    }
    if !plan.tactics.is_empty()
        && plan
            .tactics
            .iter()
            .all(|t| tc001_orphan_tactic::finding(t, cx).is_some())
    {
        return; // TC001 on every tactic says it: tactics were planned without goals
    }
    // A `goals` of the wrong type (PL005) may well name this goal: no guessing.
    let mut fact_spans: Vec<_> = cx.facts.iter().map(|f| f.span).collect();
    fact_spans.sort();
    let mistyped = plan.tactics.iter().any(|t| match &t.goals {
        Slot::Invalid { .. } => true,
        Slot::Valid(f) => has_fact_inside(&fact_spans, f.span),
        Slot::Missing => false,
        // A misspelt `goals` may well name this goal too.
        Slot::Misspelt { .. } => true,
    });
    if mistyped {
        return;
    }
    let ids: Vec<&str> = plan
        .goals
        .iter()
        .filter_map(|g| g.id.value().map(|s| s.as_ref()))
        .collect();
    // Sorted lists searched by bisection rather than hash sets: no hashing on every run, and
    // still fast for a plan with tens of thousands of goals and tactics.
    let sorted = |mut v: Vec<&'a str>| {
        v.sort_unstable();
        v.dedup();
        v
    };
    let has = |set: &[&str], s: &str| set.binary_search(&s).is_ok();
    let id_set = sorted(ids.clone());
    let listed = sorted(
        plan.tactics
            .iter()
            .flat_map(|t| t.goals.value().into_iter().flatten())
            .map(|s| s.value.as_ref())
            .collect(),
    );
    // Goals that a dangling id most likely means: PL009 already suggests them.
    let meant = sorted(
        listed
            .iter()
            .filter(|l| !has(&id_set, l))
            .filter_map(|l| closest(l, ids.iter().copied()))
            .collect(),
    );
    for goal in &plan.goals {
        let Some(id) = goal.id.get() else {
            continue; // PL003/PL006: a goal without a usable id cannot be listed
        };
        let id_str = id.value.as_ref();
        if has(&listed, id_str) || has(&meant, id_str) {
            continue;
        }
        out.push(
            Diagnostic::new(
                GoalWithoutTactic::META.code,
                id.span,
                format!("no tactic serves goal `{id_str}`"),
            )
            .label("no `[[tactic]]` lists this id in its `goals`")
            .help(format!(
                "add `\"{id_str}\"` to the `goals` of the tactic that serves this goal, or add a `[[tactic]]` with `goals = [\"{id_str}\"]`"
            ))
            .item(goal_item(plan, goal))
            .habit(plan.goals.len(), "no tactic serves any of the {n} goals")
            .habit_help(
                "add the `[[tactic]]`s that serve these goals, each listing the ids of the goals it serves in `goals`",
            ),
        );
    }
}
