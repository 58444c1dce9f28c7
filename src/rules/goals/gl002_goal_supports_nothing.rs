use crate::diagnostic::Diagnostic;
use crate::model::{Plan, Slot};
use crate::rules::Ctx;
use crate::rules::business_goals::bg002_no_business_goals;
use crate::rules::rollup::goal_item;

crate::declare_rule! {
    /// ## What it checks
    /// A goal has no `supports` key, or `supports = []`. Silent when the plan has no business
    /// goals at all (BG002 reports that), and when `supports` is not an array of strings (PL005).
    ///
    /// When a plan has at least three goals and every one of them has this problem, it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 4: every social media goal cites the lettered business goals of step 2 that it
    /// serves. A goal that supports none of them has no business reason to be in the plan.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// statement = "Answer routine questions publicly so fewer customers need to call"
    /// supports = []
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// statement = "Answer routine questions publicly so fewer customers need to call"
    /// supports = ["A"]
    /// ```
    GoalSupportsNothing { code: "GL002", name: "goal-supports-nothing", severity: Error, summary: "a goal supports no business goal" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if bg002_no_business_goals::applies(plan) {
        return; // BG002: there is nothing to support yet
    }
    let letters: Vec<&str> = plan
        .business_goals
        .iter()
        .flat_map(|bg| &bg.letters)
        .filter(|l| l.valid)
        .map(|l| l.key.value.as_ref())
        .collect();
    let example = letters.first().copied().unwrap_or("A");
    // Made only for a goal that gets a diagnostic: most plans have none.
    let help = || {
        if letters.len() < 2 {
            format!(
                "list the letters of the business goals this goal serves, e.g. `supports = [\"{example}\"]`"
            )
        } else {
            let list = letters
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "list the letters of the business goals this goal serves, e.g. `supports = [\"{example}\"]` (letters in this plan: {list})"
            )
        }
    };
    for goal in &plan.goals {
        let (span, label) = match &goal.supports {
            Slot::Missing => (goal.header, "no `supports`"),
            Slot::Valid(f) if f.value.is_empty() => {
                // Items that were not strings are dropped from the list and reported by PL005.
                let mistyped = cx
                    .facts
                    .iter()
                    .any(|x| x.span.start >= f.span.start && x.span.end <= f.span.end);
                if mistyped {
                    continue;
                }
                (f.span, "an empty list")
            }
            _ => continue,
        };
        let who = match goal.id.value() {
            Some(id) => format!("goal `{id}`"),
            None => "this goal".to_string(),
        };
        out.push(
            Diagnostic::new(
                GoalSupportsNothing::META.code,
                span,
                format!("{who} supports no business goal"),
            )
            .label(label)
            .help(help())
            .item(goal_item(plan, goal))
            .habit(
                plan.goals.len(),
                "none of the {n} goals supports a business goal",
            ),
        );
    }
}
