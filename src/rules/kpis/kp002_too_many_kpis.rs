use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A goal has more `[[goal.kpi]]` than *[limits] kpis_per_goal.max* (2 by default). The
    /// diagnostic points at the first KPI over the limit.
    ///
    /// ## Why the method wants it
    /// Step 5 asks for one or two KPIs per goal: the few numbers that show the goal is reached
    /// and stay fixed for the horizon. Everything else worth counting is a metric of a tactic
    /// (step 7).
    ///
    /// ## Example
    /// Fails: a goal with three `[[goal.kpi]]` tables.
    ///
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "delight"
    ///
    ///   [[goal.kpi]]
    ///   id = "social-csat"
    ///
    ///   [[goal.kpi]]
    ///   id = "first-response"
    /// ```
    TooManyKpis { code: "KP002", name: "too-many-kpis", severity: Error, summary: "a goal has too many KPIs" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let max = cx.limits.kpis_max;
    for goal in &plan.goals {
        let n = goal.kpis.len();
        if n <= max {
            continue;
        }
        let who = match goal.id.value() {
            Some(id) => format!("goal `{id}`"),
            None => "this goal".to_string(),
        };
        let span = goal.kpis.get(max).map_or(goal.header, |k| k.header);
        out.push(
            Diagnostic::new(
                TooManyKpis::META.code,
                span,
                format!("{who} has {n} KPIs, more than the limit of {max}"),
            )
            .label(format!("KPI {} of {n}: over the limit", max + 1))
            .help(match max {
                0 => "move these KPIs to a tactic's `metrics`: `[limits] kpis_per_goal.max` allows none".to_string(),
                1 => "keep the KPI that best shows the goal is reached, and move the others to a tactic's `metrics`".to_string(),
                _ => format!("keep the {max} KPIs that best show the goal is reached, and move the others to a tactic's `metrics`"),
            }),
        );
    }
}
