use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::rollup::kpi_item;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI has no `owner`. (An empty `owner` is PL006's.)
    ///
    /// When a plan has at least three KPIs and every one of them has this problem, it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 5: KPIs must be SMART. In Doran's original reading (1981) the A is *assignable*: a
    /// number that nobody answers for is nobody's job, and nobody reports on it at the deadline.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// id = "phone-deflection"
    /// target = 1500
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// id = "phone-deflection"
    /// target = 1500
    /// owner = "Social care lead"
    /// ```
    UnassignedKpi { code: "SM007", name: "unassigned-kpi", severity: Warning, summary: "the KPI has no `owner`", smart: Assignable }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let kpis = plan.kpis().count();
    for kpi in plan.kpis() {
        if !kpi.owner.is_missing() {
            continue;
        }
        out.push(
            Diagnostic::new(
                UnassignedKpi::META.code,
                kpi.header,
                format!("{} has no `owner`", kpi.label()),
            )
            .label("no `owner`")
            .help("add `owner = \"...\"` naming the person or role who answers for this number")
            .item(kpi_item(plan, kpi))
            .habit(kpis, "none of the {n} KPIs has an `owner`"),
        );
    }
}
