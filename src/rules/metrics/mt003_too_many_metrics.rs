use super::{plural, tactic_label};
use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A tactic keeps more metrics than *[limits] metrics_per_tactic.max* (default 5). The
    /// diagnostic points at the first metric over the limit.
    ///
    /// ## Why the method wants it
    /// Step 7: brainstorm every possible indicator (usually 7–10), then keep only the 2–5 most
    /// valuable. Tracking everything dilutes attention; the full list belongs in `candidates`.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["Replies per hour", "Median first response time", "Saved replies used",
    ///            "Threads escalated", "Likes on replies", "Conversations closed per shift"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["Median first response time", "Conversations closed per shift"]
    /// candidates = ["Replies per hour", "Median first response time", "Saved replies used",
    ///               "Threads escalated", "Likes on replies", "Conversations closed per shift",
    ///               "Survey response rate"]
    /// ```
    TooManyMetrics { code: "MT003", name: "too-many-metrics", severity: Error, summary: "a tactic keeps more metrics than `metrics_per_tactic.max`" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let max = cx.limits.metrics_max;
    for tactic in &plan.tactics {
        let Some(metrics) = tactic.metrics.get() else {
            continue;
        };
        let n = metrics.value.len();
        if n <= max {
            continue;
        }
        let (span, label) = match metrics.value.get(max) {
            Some(first_over) => (first_over.span, format!("metric {} of {max}", max + 1)),
            None => (metrics.span, format!("more than {max}")),
        };
        out.push(
            Diagnostic::new(
                TooManyMetrics::META.code,
                span,
                format!(
                    "{} keeps {}, more than metrics_per_tactic.max {max}",
                    tactic_label(tactic),
                    plural(n, "metric", "metrics")
                ),
            )
            .label(label)
            .help(format!(
                "keep only the {} most valuable in `metrics` and move the rest to `candidates`",
                max.max(1)
            )),
        );
    }
}
