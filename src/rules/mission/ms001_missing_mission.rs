use crate::diagnostic::Diagnostic;
use crate::model::{Plan, Slot};
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// `plan.mission` is absent or blank.
    ///
    /// ## Why the method wants it
    /// Step 3 defines one high-level purpose, the *why* every goal serves, e.g. "Make every
    /// customer feel heard where they already are".
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// mission = ""
    /// ```
    /// Passes:
    /// ```toml
    /// [plan]
    /// mission = "Make every customer feel heard where they already are"
    /// ```
    MissingMission { code: "MS001", name: "missing-mission", severity: Error, summary: "the plan has no mission" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(header) = plan.header else { return }; // no `[plan]` at all is PL003's
    let help = "write the why in one sentence: `mission = \"Make every customer feel heard where they already are\"`";
    match &plan.mission {
        Slot::Missing => out.push(
            Diagnostic::new(MissingMission::META.code, header, "the plan has no mission")
                .help(help),
        ),
        Slot::Valid(f) if f.value.trim().is_empty() => out.push(
            Diagnostic::new(MissingMission::META.code, f.span, "the mission is blank").help(help),
        ),
        _ => {}
    }
}
