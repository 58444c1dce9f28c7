use super::{has_dropped_items, plural, tactic_label};
use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A tactic has a `candidates` list with fewer entries than *[limits]
    /// candidates_per_tactic.min* (default 7). Without `candidates` the rule is silent: keeping
    /// the brainstorm in the plan is optional. Silent too when an entry is empty or mistyped
    /// (PL005/PL006).
    ///
    /// ## Why the method wants it
    /// Step 7: first brainstorm every possible indicator — usually 7 to 10 — and only then keep
    /// the 2–5 most valuable. A short list suggests the kept metrics were the first that came to
    /// mind rather than the best of many.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[tactic]]
    /// candidates = ["Median first response time", "Conversations closed per shift"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// candidates = ["Median first response time", "Conversations closed per shift",
    ///               "Survey response rate", "Replies per agent hour", "Saved replies used",
    ///               "Threads escalated to phone", "Likes on replies"]
    /// ```
    ShortBrainstorm { code: "MT005", name: "short-brainstorm", severity: Info, summary: "a tactic's `candidates` has fewer entries than `candidates_per_tactic.min`" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let min = cx.limits.candidates_min;
    for tactic in &plan.tactics {
        let Some(candidates) = tactic.candidates.get() else {
            continue;
        };
        let n = candidates.value.len();
        if n >= min || has_dropped_items(candidates.span, &candidates.value, cx) {
            continue;
        }
        out.push(
            Diagnostic::new(
                ShortBrainstorm::META.code,
                candidates.span,
                format!(
                    "the brainstorm of {} lists {}, fewer than candidates_per_tactic.min {min}",
                    tactic_label(tactic),
                    plural(n, "candidate", "candidates")
                ),
            )
            .label(format!("{n} of at least {min}"))
            .help(format!(
                "list at least {min} possible indicators in `candidates` before choosing the \
                 ones to keep, or remove `candidates` if the brainstorm is kept elsewhere"
            )),
        );
    }
}
