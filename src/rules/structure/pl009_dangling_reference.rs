use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::suggest::closest;

crate::declare_rule! {
    /// ## What it checks
    /// A goal's `supports` names a letter that is not in `[business_goals]`, or a tactic's `goals`
    /// names an id that is not a goal. (With no business goals at all, BG002 reports instead; with
    /// no goals at all, GL001 does.)
    ///
    /// ## Why the method wants it
    /// The method is a cascade: goals cite the lettered business goals they serve (step 4) and
    /// tactics cite the goals they serve (step 6). A link to nothing breaks the chain from tactic
    /// to business result.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [business_goals]
    /// A = "Cut support costs by 10%"
    /// [[goal]]
    /// supports = ["B"]
    /// ```
    /// Passes:
    /// ```toml
    /// [business_goals]
    /// A = "Cut support costs by 10%"
    /// [[goal]]
    /// supports = ["A"]
    /// ```
    DanglingReference { code: "PL009", name: "dangling-reference", severity: Error, summary: "a reference names a letter or goal that does not exist" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let code = DanglingReference::META.code;
    // No business goals at all is BG002's problem, not one PL009 per letter.
    if let Some(bg) = plan
        .business_goals
        .as_ref()
        .filter(|bg| !bg.letters.is_empty())
    {
        for goal in &plan.goals {
            for s in goal.supports.value().into_iter().flatten() {
                if plan.letter(&s.value).is_none() {
                    let list = bg
                        .letters
                        .iter()
                        .filter(|l| l.valid)
                        .map(|l| format!("`{}`", l.key.value))
                        .collect::<Vec<_>>()
                        .join(", ");
                    out.push(
                        Diagnostic::new(
                            code,
                            s.span,
                            format!("business goal `{}` does not exist", s.value),
                        )
                        .label("not a letter of `[business_goals]`")
                        .help(if list.is_empty() {
                            "add the letter to `[business_goals]`".to_string()
                        } else {
                            format!(
                                "use one of {list}, or add `{}` to `[business_goals]`",
                                s.value
                            )
                        }),
                    );
                }
            }
        }
    }
    if plan.goals.is_empty() || plan.goals.iter().any(|g| g.id.get().is_none()) {
        return; // GL001 reports missing goals; PL003/PL006 a goal whose id cannot be resolved.
    }
    let listed = || {
        plan.tactics
            .iter()
            .flat_map(|t| t.goals.value().into_iter().flatten())
    };
    // A small plan is checked directly: no sorted copy of the ids to make.
    if plan.goals.len().saturating_mul(listed().count()) <= 256
        && listed().all(|l| plan.goals.iter().any(|g| g.id.value() == Some(&l.value)))
    {
        return;
    }
    let ids: Vec<&str> = plan
        .goals
        .iter()
        .filter_map(|g| g.id.value().map(|s| s.as_ref()))
        .collect();
    // A sorted list searched by bisection: no hashing on every run, fast for many goals too.
    let mut id_set = ids.clone();
    id_set.sort_unstable();
    for tactic in &plan.tactics {
        for g in tactic.goals.value().into_iter().flatten() {
            if id_set.binary_search(&g.value.as_ref()).is_err() {
                let help = match closest(&g.value, ids.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if ids.is_empty() => format!("give a `[[goal]]` the id `{}`", g.value),
                    None => format!(
                        "goal ids in this plan: {}",
                        ids.iter()
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                out.push(
                    Diagnostic::new(code, g.span, format!("goal `{}` does not exist", g.value))
                        .label("no `[[goal]]` has this id")
                        .help(help),
                );
            }
        }
    }
}
