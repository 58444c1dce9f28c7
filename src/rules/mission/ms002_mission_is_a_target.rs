use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// The mission contains a decimal digit: a number, percentage, amount or date.
    ///
    /// ## Why the method wants it
    /// Step 3: the mission is the *why*, a lasting purpose. Targets and dates belong in the KPIs
    /// of step 5, where they are measured.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// mission = "Answer 90% of questions within 2 hours"
    /// ```
    /// Passes:
    /// ```toml
    /// mission = "Make every customer feel heard where they already are"
    /// ```
    MissionIsATarget { code: "MS002", name: "mission-is-a-target", severity: Warning, summary: "the mission contains a number or date" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(mission) = plan.mission.get() else {
        return;
    };
    let Some((offset, _)) = mission
        .value
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit())
    else {
        return;
    };
    // Label the whole run of digits and number punctuation.
    let rest = &mission.value[offset..];
    let len = rest
        .find(|c: char| !(c.is_ascii_digit() || ".,%:/-".contains(c)))
        .unwrap_or(rest.len());
    let base = cx.content_start(mission.span, &mission.value);
    let span = if base == mission.span.start {
        mission.span
    } else {
        crate::source::Span::new(base + offset, base + offset + len.max(1))
    };
    out.push(
        Diagnostic::new(
            MissionIsATarget::META.code,
            span,
            "the mission contains a number: it reads as a target",
        )
        .label("a number belongs in a KPI")
        .help(
            "keep the mission to the why, and move the number into a KPI's `target` and `deadline`",
        ),
    );
}
