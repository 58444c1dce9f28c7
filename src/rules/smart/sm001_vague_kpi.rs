use super::{kpi_label, kpis};
use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI `name` uses a vague or hedging term from *[words] vague_words* (improve, better,
    /// more, boost, enhance, optimize, maximize, awareness, presence, try to, hopefully, as much as
    /// possible, asap, tbd, etc and their forms). Words match whole and case-insensitively; one
    /// diagnostic per KPI labels every match.
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
    VagueKpi { code: "SM001", name: "vague-kpi", severity: Warning, summary: "the KPI name uses a vague or hedging term" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in kpis(plan) {
        let Some(name) = kpi.name.get() else {
            continue;
        };
        let matches = cx.words.vague.find(&name.value);
        let Some(&(first_start, first_end)) = matches.first() else {
            continue;
        };
        let base = cx.content_start(name.span, &name.value);
        // When the literal has escapes, offsets inside it are unknown: label the whole name.
        let exact = base != name.span.start;
        let span_of = |(s, e): (usize, usize)| {
            if exact {
                Span::new(base + s, base + e)
            } else {
                name.span
            }
        };
        let words: Vec<String> = matches
            .iter()
            .map(|&(s, e)| format!("`{}`", name.value.get(s..e).unwrap_or_default()))
            .collect();
        let message = format!(
            "the name of {} uses {}: {}",
            kpi_label(kpi),
            if words.len() == 1 {
                "a vague term"
            } else {
                "vague terms"
            },
            words.join(", ")
        );
        let mut d = Diagnostic::new(
            VagueKpi::META.code,
            span_of((first_start, first_end)),
            message,
        )
        .label("vague");
        if exact {
            for &m in matches.iter().skip(1) {
                d = d.also(span_of(m), "vague");
            }
        }
        out.push(d.help(
            "name the quantity you count (e.g. \"Share of customers who name us unaided\"); \
             put the direction in `direction` and the amount in `target`",
        ));
    }
}
