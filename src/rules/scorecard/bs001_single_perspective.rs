use crate::diagnostic::Diagnostic;
use crate::model::{PERSPECTIVES, Plan, Slot};
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// Two or more goals declare a `perspective` and all of them declare the same one. Goals
    /// without a `perspective` are not counted; a perspective that is not valid (PL006) or not a
    /// string (PL005) skips the rule for the plan.
    ///
    /// ## Why the method wants it
    /// Step 4 uses the balanced scorecard (Kaplan & Norton) to find goals: customer, financial,
    /// internal business process, learning & growth. The scorecard is about balance; goals that
    /// all look from one perspective may miss what the other three would show.
    ///
    /// ## Example
    /// Fails (info):
    /// ```toml
    /// [[goal]]
    /// id = "delight"
    /// perspective = "customer"
    /// [[goal]]
    /// id = "loyal"
    /// perspective = "customer"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// perspective = "internal-process"
    /// [[goal]]
    /// id = "delight"
    /// perspective = "customer"
    /// ```
    SinglePerspective { code: "BS001", name: "single-perspective", severity: Info, summary: "every goal takes the same balanced scorecard perspective" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if plan
        .goals
        .iter()
        .any(|g| matches!(g.perspective, Slot::Invalid { .. }))
    {
        return; // PL005/PL006: the balance cannot be judged yet
    }
    let declared: Vec<_> = plan
        .goals
        .iter()
        .filter_map(|g| g.perspective.get())
        .collect();
    let [first, rest @ ..] = declared.as_slice() else {
        return;
    };
    if rest.is_empty() || rest.iter().any(|p| p.value != first.value) {
        return;
    }
    let left_out: Vec<String> = PERSPECTIVES
        .iter()
        .filter(|p| **p != first.value)
        .map(|p| format!("`{p}`"))
        .collect();
    let listed = |conjunction: &str| match left_out.split_last() {
        Some((last, init)) if !init.is_empty() => {
            format!("{} {conjunction} {last}", init.join(", "))
        }
        _ => left_out.join(""),
    };
    let mut d = Diagnostic::new(
        SinglePerspective::META.code,
        first.span,
        format!(
            "every goal with a perspective takes `{}`: {} are left out",
            first.value,
            listed("and")
        ),
    )
    .label("the same perspective");
    for p in rest {
        d = d.also(p.span, "the same perspective");
    }
    out.push(d.help(format!(
        "look for a goal from the {} perspective too: the balanced scorecard is about balance",
        listed("or")
    )));
}
