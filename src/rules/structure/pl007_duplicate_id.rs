use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use std::collections::HashMap;

crate::declare_rule! {
    /// ## What it checks
    /// Two goals, KPIs or tactics share an id. Goals, KPIs and tactics share one namespace per
    /// plan, so a goal and a tactic may not both be called `deflect`. Both places are labelled.
    ///
    /// ## Why the method wants it
    /// Tactics point at goals by id (step 6) and history compares KPIs by id (step 5: KPIs stay
    /// fixed for the year). A shared id makes those links ambiguous.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// [[tactic]]
    /// id = "deflect"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// [[tactic]]
    /// id = "public-faq-replies"
    /// ```
    DuplicateId { code: "PL007", name: "duplicate-id", severity: Error, summary: "two goals, KPIs or tactics share an id" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let mut first = HashMap::new();
    for (field, kind) in plan.ids() {
        match first.get(field.value.as_str()) {
            None => {
                first.insert(field.value.as_str(), (field.span, kind));
            }
            Some(&(span, first_kind)) => out.push(
                Diagnostic::new(
                    DuplicateId::META.code,
                    field.span,
                    format!(
                        "id `{}` is already used by a {}",
                        field.value,
                        first_kind.as_str()
                    ),
                )
                .label(format!("this {} reuses it", kind.as_str()))
                .also(span, "first used here")
                .help("give every goal, KPI and tactic an id of its own"),
            ),
        }
    }
}
