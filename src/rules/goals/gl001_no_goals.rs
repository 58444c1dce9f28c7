use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// The plan has no `[[goal]]` at all. When it has tactics, the message says so: the plan
    /// starts with tactics instead of goals. (A `goal` key of the wrong type is PL005's; tactics
    /// that name goal ids are then not also PL009, and GL004 and BG003 stay silent.)
    ///
    /// ## Why the method wants it
    /// Step 4 defines the social media goals, the *what*, before step 6 chooses tactics, the
    /// *how*. About 80% of marketers start with tactics ("let's run an Instagram contest")
    /// instead of goals; the method exists to reverse that order: who → why → what → how.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[tactic]]
    /// id = "instagram-contest"
    /// name = "Monthly Instagram photo contest"
    /// goals = []
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// statement = "Answer routine questions publicly so fewer customers need to call"
    /// supports = ["A"]
    ///
    /// [[tactic]]
    /// id = "public-faq-replies"
    /// name = "Public answers to FAQ-type questions"
    /// goals = ["deflect"]
    /// ```
    NoGoals { code: "GL001", name: "no-goals", severity: Error, summary: "the plan has no goals" }
}

/// Whether GL001 fires: no goal at all, and not because `goal` has the wrong type (PL005).
pub fn applies(plan: &Plan) -> bool {
    plan.goals.is_empty() && !plan.goals_mistyped
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if !applies(plan) {
        return;
    }
    let code = NoGoals::META.code;
    let d = match plan.tactics.first() {
        Some(first) => Diagnostic::new(
            code,
            first.header,
            "the plan has tactics but no goals: it starts with tactics instead of goals",
        )
        .label("a tactic with no goal to serve")
        .help(
            "first write the `[[goal]]` these tactics should achieve (`id`, `statement`, \
             `supports`), then list its id in each tactic's `goals`",
        ),
        None => Diagnostic::new(
            code,
            plan.header.unwrap_or(Span::new(0, 0)),
            "the plan has no goals",
        )
        .label("no `[[goal]]` in this plan")
        .help(
            "add a `[[goal]]` with an `id`, a `statement` of the outcome and the business-goal \
             letters it `supports`",
        ),
    };
    out.push(d);
}
