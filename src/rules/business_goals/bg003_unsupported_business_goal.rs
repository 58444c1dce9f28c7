use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// No goal lists this business-goal letter in `supports`. Silent when the plan has no goals
    /// (GL001) or no goal supports anything (GL002).
    ///
    /// ## Why the method wants it
    /// Step 2 collects the scope's business goals so that step 4 can serve them. A letter nobody
    /// serves is either not a goal of this plan or a gap in it.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [business_goals]
    /// A = "Cut support costs by 10%"
    /// B = "Raise satisfaction to 90%"
    /// [[goal]]
    /// supports = ["A"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// supports = ["A", "B"]
    /// ```
    UnsupportedBusinessGoal { code: "BG003", name: "unsupported-business-goal", severity: Warning, summary: "no goal supports this business goal" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(bg) = &plan.business_goals else {
        return;
    };
    let any_supports = plan
        .goals
        .iter()
        .any(|g| g.supports.value().is_some_and(|s| !s.is_empty()));
    if !any_supports {
        return; // GL001 or GL002 already say it
    }
    for letter in bg.letters.iter().filter(|l| l.valid) {
        let served = plan.goals.iter().any(|g| {
            g.supports
                .value()
                .is_some_and(|s| s.iter().any(|x| x.value == letter.key.value))
        });
        if !served {
            out.push(
                Diagnostic::new(
                    UnsupportedBusinessGoal::META.code,
                    letter.key.span,
                    format!("no goal supports business goal `{}`", letter.key.value),
                )
                .help(format!(
                    "add `\"{}\"` to the `supports` of the goal that serves it, or remove the letter",
                    letter.key.value
                )),
            );
        }
    }
}
