use crate::diagnostic::Diagnostic;
use crate::model::{Plan, Slot, Tactic};
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// A tactic has no `goals` key, or `goals = []`: it serves no goal. (`goals` that is not an
    /// array of strings is PL005's; an id that names no goal is PL009's.) When the plan has no
    /// `[[goal]]` at all, GL001 already says the plan starts with tactics instead of goals, and
    /// this rule stays silent: one problem, one diagnostic.
    ///
    /// ## Why the method wants it
    /// Step 6 chooses tactics *for each goal*. A tactic that serves no goal is the anti-pattern
    /// the method exists to prevent: about 80% of marketers start with tactics instead of goals.
    ///
    /// ## Example
    /// Fails (the plan has a goal; without one GL001 reports the plan instead):
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    ///
    /// [[tactic]]
    /// id = "instagram-contest"
    /// name = "Monthly Instagram photo contest"
    /// goals = []
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    ///
    /// [[tactic]]
    /// id = "public-faq-replies"
    /// name = "Public answers to FAQ-type questions"
    /// goals = ["deflect"]
    /// ```
    OrphanTactic { code: "TC001", name: "orphan-tactic", severity: Error, summary: "a tactic serves no goal" }
}

/// Where TC001 fires for this tactic and with which label; `None` when it does not.
pub fn finding(tactic: &Tactic, cx: &Ctx<'_>) -> Option<(Span, &'static str)> {
    match &tactic.goals {
        Slot::Missing => Some((tactic.header, "no `goals`")),
        Slot::Valid(f) if f.value.is_empty() => {
            // Items that were not strings are dropped from the list and reported by PL005.
            let mistyped = cx
                .facts
                .iter()
                .any(|x| x.span.start >= f.span.start && x.span.end <= f.span.end);
            (!mistyped).then_some((f.span, "an empty list"))
        }
        _ => None,
    }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if crate::rules::goals::gl001_no_goals::applies(plan) {
        return; // GL001: the plan starts with tactics instead of goals
    }
    // Made only for a tactic that gets a diagnostic: most plans have none.
    let help = || {
        let ids: Vec<&str> = plan
            .goals
            .iter()
            .filter_map(|g| g.id.value().map(|s| s.as_ref()))
            .collect();
        match ids.first() {
            Some(first) => format!(
                "list the ids of the goals this tactic serves, e.g. `goals = [\"{first}\"]` (goal ids in this plan: {}), or drop the tactic",
                ids.iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => {
                "write the `[[goal]]` this tactic should achieve first, then list its id in `goals`"
                    .to_string()
            }
        }
    };
    for tactic in &plan.tactics {
        let Some((span, label)) = finding(tactic, cx) else {
            continue;
        };
        let who = match tactic.id.value() {
            Some(id) => format!("tactic `{id}`"),
            None => "this tactic".to_string(),
        };
        out.push(
            Diagnostic::new(
                OrphanTactic::META.code,
                span,
                format!("{who} serves no goal"),
            )
            .label(label)
            .help(help()),
        );
    }
}
