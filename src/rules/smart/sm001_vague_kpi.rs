use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::word_matches::WordMatches;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI `name` uses a vague or hedging term from *[words] vague_words* (improve, better,
    /// more, boost, enhance, optimize, maximize, awareness, presence, try to, hopefully, as much as
    /// possible, asap, tbd, etc and their forms). Words match whole and case-insensitively; one
    /// diagnostic per KPI labels every match.
    ///
    /// The list is the one for the plan's `language`: English by default, Bulgarian built
    /// in (e.g. `подобр*`, `повече` but not "повечето", `оптимиз*`),
    /// `[words.<lang>]` or `[words]` from the config (docs/rules.md, "Word lists").
    /// An entry ending in `*` matches every word that starts with it.
    ///
    /// ## Why the method wants it
    /// Step 5: a KPI must be SMART, and the S is *specific*. "Improve brand awareness" names a
    /// wish, not a quantity: nobody can say at the deadline whether it was met. The direction of
    /// change belongs in `direction` and the amount in `target`; the name says what is counted.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Improve brand awareness"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Share of surveyed customers who name us unaided"
    /// unit = "% of respondents"
    /// direction = "increase"
    /// ```
    VagueKpi { code: "SM001", name: "vague-kpi", severity: Warning, summary: "the KPI name uses a vague or hedging term", smart: Specific }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in plan.kpis() {
        let Some(name) = kpi.name.get() else {
            continue;
        };
        let found = WordMatches::find(&cx.words.vague, [name], cx);
        if found.is_empty() {
            continue;
        }
        let terms = if found.len() == 1 {
            "a vague term"
        } else {
            "vague terms"
        };
        let message = format!(
            "the name of {} uses {terms}: {}",
            kpi.label(),
            found.quoted()
        );
        if let Some(d) = found.diagnostic(VagueKpi::META.code, "vague", message) {
            out.push(d.help(
                "name the quantity you count (e.g. \"Share of customers who name us unaided\"); \
                 put the direction in `direction` and the amount in `target`",
            ));
        }
    }
}
