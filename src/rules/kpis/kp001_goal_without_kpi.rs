use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::rollup::goal_item;

crate::declare_rule! {
    /// ## What it checks
    /// A goal has fewer `[[goal.kpi]]` than *[limits] kpis_per_goal.min* (1 by default: a goal
    /// with no KPI at all). Silent for a goal whose `kpi` has the wrong type (PL005).
    ///
    /// When a plan has at least three goals and every one of them has this problem, it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 5 gives every goal one or two KPIs. Without a KPI nobody can tell at the end of the
    /// horizon whether the goal was reached, nor which of the three core business goals
    /// (profit, costs, satisfaction) it moved.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// statement = "Answer routine questions publicly so fewer customers need to call"
    /// supports = ["A"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// statement = "Answer routine questions publicly so fewer customers need to call"
    /// supports = ["A"]
    ///
    ///   [[goal.kpi]]
    ///   id = "phone-deflection"
    ///   name = "Contacts resolved on social instead of by phone"
    ///   core_goal = "reduce-costs"
    ///   unit = "contacts/month"
    ///   target = 1500
    ///   deadline = 2027-12-31
    /// ```
    GoalWithoutKpi { code: "KP001", name: "goal-without-kpi", severity: Error, summary: "a goal has too few KPIs" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let min = cx.limits.kpis_min;
    let habit = if min <= 1 {
        "none of the {n} goals has a KPI".to_string()
    } else {
        format!("each of the {{n}} goals has fewer than {min} KPIs (`kpis_per_goal.min`)")
    };
    for goal in &plan.goals {
        let n = goal.kpis.len();
        if n >= min || goal.kpis_mistyped {
            continue;
        }
        let who = match goal.id.value() {
            Some(id) => format!("goal `{id}`"),
            None => "this goal".to_string(),
        };
        let message = if n == 0 {
            format!("{who} has no KPI")
        } else {
            format!(
                "{who} has {n} KPI{}, fewer than the minimum of {min} (`kpis_per_goal.min`)",
                if n == 1 { "" } else { "s" }
            )
        };
        out.push(
            Diagnostic::new(GoalWithoutKpi::META.code, goal.header, message)
                .label(if n == 0 {
                    "no `[[goal.kpi]]`"
                } else {
                    "too few `[[goal.kpi]]`"
                })
                .help(
                    "add a `[[goal.kpi]]` under this goal that measures whether it is reached: \
                     `id`, `name`, `core_goal`, `unit`, `target` and `deadline`",
                )
                .item(goal_item(plan, goal))
                .habit(plan.goals.len(), habit.clone()),
        );
    }
}
