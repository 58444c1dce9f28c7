use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// `plan.end` is on or before `plan.start`.
    ///
    /// ## Why the method wants it
    /// Step 1 fixes a scope *and a time horizon*; KPI deadlines (step 5) must fall inside it. A
    /// horizon that ends before it starts leaves no room for either.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// start = 2027-12-31
    /// end = 2027-01-01
    /// ```
    /// Passes:
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    /// ```
    InvertedHorizon { code: "SC001", name: "inverted-horizon", severity: Error, summary: "`plan.end` is on or before `plan.start`" }
}

/// Whether the horizon is inverted (SC002 and the deadline rules skip such plans).
pub fn applies(plan: &Plan) -> bool {
    matches!((plan.start.value(), plan.end.value()), (Some(s), Some(e)) if e <= s)
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if !applies(plan) {
        return;
    }
    let (Some(start), Some(end)) = (plan.start.get(), plan.end.get()) else {
        return;
    };
    out.push(
        Diagnostic::new(
            InvertedHorizon::META.code,
            end.span,
            format!(
                "the plan ends on {} but starts on {}",
                end.value, start.value
            ),
        )
        .label("not after `start`")
        .also(start.span, "starts here")
        .help("set `end` to a date after `start`, e.g. the last day of the planning year"),
    );
}
