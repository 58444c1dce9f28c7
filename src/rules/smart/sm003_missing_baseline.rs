use super::skip_dependents;
use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::rollup::kpi_item;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI has no `baseline`. Skipped for a KPI that SM002 reports (no usable target or unit)
    /// or that has a value of the wrong type (PL005).
    ///
    /// When a plan has at least three KPIs and every one of them has this problem, it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 5: a KPI must be SMART, and the A is *achievable*. Whether 1500 contacts a month is
    /// ambitious or trivial depends on where you start; Sterne insists on measuring the baseline
    /// before acting. Without it, SM004 cannot judge the target either.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// unit = "contacts/month"
    /// target = 1500
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// unit = "contacts/month"
    /// baseline = 800
    /// target = 1500
    /// ```
    MissingBaseline { code: "SM003", name: "missing-baseline", severity: Warning, summary: "the KPI has no `baseline`", smart: Achievable }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let kpis = plan.kpis().count();
    for kpi in plan.kpis() {
        if !kpi.baseline.is_missing() || skip_dependents(kpi, cx) {
            continue;
        }
        out.push(
            Diagnostic::new(
                MissingBaseline::META.code,
                kpi.header,
                format!("{} has no `baseline`", kpi.label()),
            )
            .label("no `baseline`")
            .help(
                "add `baseline = N`, the value measured at the start of the plan, so the target \
                 can be judged; measure it first if nobody knows it",
            )
            .item(kpi_item(plan, kpi))
            .habit(kpis, "none of the {n} KPIs has a `baseline`"),
        );
    }
}
