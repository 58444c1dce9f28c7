use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI has no `owner`. (An empty `owner` is PL006's.)
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
    UnassignedKpi { code: "SM007", name: "unassigned-kpi", severity: Warning, summary: "the KPI has no `owner`" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
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
            .help("add `owner = \"...\"` naming the person or role who answers for this number"),
        );
    }
}
