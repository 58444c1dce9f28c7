use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// `[business_goals]` is missing or empty. A `business_goals` of the wrong type is PL005's and
    /// a misspelt `[business_goal]` is PL004's: this rule stays silent for them.
    ///
    /// ## Why the method wants it
    /// Step 2 gathers the scope's own business goals before anything social is planned. Without
    /// them no social media goal can say which business result it serves.
    ///
    /// ## Example
    /// Fails (an empty table; a plan with no `[business_goals]` table at all fails the same way):
    /// ```toml
    /// [business_goals]
    /// ```
    /// Passes:
    /// ```toml
    /// [business_goals]
    /// A = "Cut the cost of handling a customer contact by 10%"
    /// ```
    NoBusinessGoals { code: "BG002", name: "no-business-goals", severity: Error, summary: "`[business_goals]` is missing or empty" }
}

/// Whether BG002 fires (GL002 and PL009 stay silent then).
pub fn applies(plan: &Plan) -> bool {
    plan.business_goals
        .as_ref()
        .is_none_or(|bg| bg.letters.is_empty())
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let code = NoBusinessGoals::META.code;
    let help = "add `[business_goals]` with the scope's goals, lettered: `A = \"Cut support costs by 10%\"`";
    match &plan.business_goals {
        Some(bg) if bg.letters.is_empty() => {
            out.push(Diagnostic::new(code, bg.header, "`[business_goals]` is empty").help(help))
        }
        Some(_) => {}
        // `business_goals = "A"` is PL005's, `[business_goal]` PL004's.
        None if plan.business_goals_unreadable => {}
        None => out.push(
            Diagnostic::new(
                code,
                plan.header.unwrap_or(Span::new(0, 0)),
                "the plan has no business goals",
            )
            .help(help),
        ),
    }
}
