use super::{has_dropped_items, mt001_tactic_without_metrics, plural};
use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A tactic keeps fewer metrics than *[limits] metrics_per_tactic.min* (default 2). Silent
    /// when MT001 reports the tactic (no metrics at all) and when an item of the list is empty or
    /// mistyped (PL005/PL006), since then the intended count is unknown.
    ///
    /// ## Why the method wants it
    /// Step 7: brainstorm every possible indicator, then keep the 2–5 most valuable. One number
    /// alone rarely tells whether a tactic works: reach without response time, or volume without
    /// quality, can mislead.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["Median first response time"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["Median first response time", "Conversations closed per shift"]
    /// ```
    TooFewMetrics { code: "MT002", name: "too-few-metrics", severity: Warning, summary: "a tactic keeps fewer metrics than `metrics_per_tactic.min`" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let min = cx.limits.metrics_min;
    for tactic in &plan.tactics {
        let Some(metrics) = tactic.metrics.get() else {
            continue;
        };
        let n = metrics.value.len();
        if n >= min
            || mt001_tactic_without_metrics::applies(tactic, cx)
            || has_dropped_items(metrics.span, &metrics.value, cx)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                TooFewMetrics::META.code,
                metrics.span,
                format!(
                    "{} keeps {}, fewer than the minimum of {min} (`metrics_per_tactic.min`)",
                    tactic.label(),
                    plural(n, "metric", "metrics")
                ),
            )
            .label(format!("{n} of at least {min}"))
            .help(format!(
                "add the most valuable indicators from your brainstorm (`candidates`) until the \
                 tactic keeps at least {min}"
            )),
        );
    }
}
