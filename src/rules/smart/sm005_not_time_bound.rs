use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::rollup::kpi_item;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI has no `deadline`. A deadline of the wrong type, such as the quoted
    /// `"2027-12-31"`, is PL005's, not this rule's.
    ///
    /// When a plan has at least three KPIs and every one of them has this problem, it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 5: a KPI must be SMART, and the T is *time-bound*. A target without a date can never
    /// be missed, so it can never be met either; the date also places the KPI inside the plan's
    /// horizon (SM006).
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// target = 1500
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// target = 1500
    /// deadline = 2027-12-31
    /// ```
    NotTimeBound { code: "SM005", name: "not-time-bound", severity: Error, summary: "the KPI has no `deadline`", smart: TimeBound }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    // Made only for a KPI that gets a diagnostic: most have a deadline.
    let example = || {
        plan.end
            .value()
            .map_or_else(|| "2027-12-31".to_string(), ToString::to_string)
    };
    let kpis = plan.kpis().count();
    for kpi in plan.kpis() {
        if !kpi.deadline.is_missing() {
            continue;
        }
        out.push(
            Diagnostic::new(
                NotTimeBound::META.code,
                kpi.header,
                format!("{} has no `deadline`", kpi.label()),
            )
            .label("no `deadline`")
            .help(format!(
                "add `deadline = {}` or the earlier date by which the target is due, \
                 inside the plan's horizon",
                example()
            ))
            .item(kpi_item(plan, kpi))
            .habit(kpis, "none of the {n} KPIs has a `deadline`"),
        );
    }
}
