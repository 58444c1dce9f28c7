use crate::diagnostic::Diagnostic;
use crate::model::{FactKind, Plan};
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A required key is absent. The label is on the enclosing table header. Keys that a
    /// specific rule owns (mission, `supports`, KPI targets, deadlines, `core_goal`, tactic goals
    /// and metrics) are reported by that rule instead.
    ///
    /// ## Why the method wants it
    /// Every step of the method produces something the plan must write down: a title and scope
    /// (step 1), ids that goals, KPIs and tactics refer to each other by (steps 4–6).
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal]]
    /// statement = "Fewer customers need to call us"
    /// supports = ["A"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// statement = "Fewer customers need to call us"
    /// supports = ["A"]
    /// ```
    MissingKey { code: "PL003", name: "missing-key", severity: Error, summary: "a required key is absent" }
}

pub fn check(_: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    super::report_facts(
        MissingKey::META.code,
        FactKind::MissingKey,
        |_, _| None,
        cx,
        out,
    );
}
