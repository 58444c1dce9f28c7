use super::skip_dependents;
use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::scope::sc001_inverted_horizon;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI's `deadline` is before `plan.start` or after `plan.end`. The horizon is a closed
    /// interval: a deadline on `start` or on `end` is inside. Skipped when `start` or `end` is
    /// missing or invalid, when the horizon is inverted (SC001), and for a KPI that SM002 reports
    /// or that has a value of the wrong type (PL005).
    ///
    /// ## Why the method wants it
    /// Step 1 fixes the plan's time horizon and step 5 makes every KPI time-bound *within* it:
    /// goals and KPIs stay fixed for the horizon, so a KPI due after it ends belongs to the next
    /// plan, and one due before it starts was never part of this one.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    /// [[goal.kpi]]
    /// unit = "contacts/month"
    /// target = 1500
    /// deadline = 2028-03-31
    /// ```
    /// Passes:
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    /// [[goal.kpi]]
    /// unit = "contacts/month"
    /// target = 1500
    /// deadline = 2027-12-31
    /// ```
    DeadlineOutsideHorizon { code: "SM006", name: "deadline-outside-horizon", severity: Error, summary: "the KPI's `deadline` is outside the plan's horizon", smart: TimeBound }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(start), Some(end)) = (plan.start.get(), plan.end.get()) else {
        return;
    };
    if sc001_inverted_horizon::applies(plan) {
        return;
    }
    for kpi in plan.kpis() {
        let Some(deadline) = kpi.deadline.get() else {
            continue;
        };
        if skip_dependents(kpi, cx) {
            continue;
        }
        let (message, label, bound, bound_label) = if deadline.value < start.value {
            (
                format!(
                    "the deadline {} of {} is before the plan starts on {}",
                    deadline.value,
                    kpi.label(),
                    start.value
                ),
                "before `plan.start`",
                start,
                "the plan starts here",
            )
        } else if deadline.value > end.value {
            (
                format!(
                    "the deadline {} of {} is after the plan ends on {}",
                    deadline.value,
                    kpi.label(),
                    end.value
                ),
                "after `plan.end`",
                end,
                "the plan ends here",
            )
        } else {
            continue;
        };
        out.push(
            Diagnostic::new(DeadlineOutsideHorizon::META.code, deadline.span, message)
                .label(label)
                .also(bound.span, bound_label)
                .help(format!(
                    "set a deadline from {} to {}, e.g. `deadline = {}`; a KPI due \
                     outside the horizon belongs in another plan",
                    start.value, end.value, end.value
                )),
        );
    }
}
