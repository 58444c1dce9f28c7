use super::has_dropped_items;
use crate::diagnostic::Diagnostic;
use crate::model::{Plan, Slot};
use crate::rules::Ctx;
use crate::rules::rollup::tactic_item;

crate::declare_rule! {
    /// ## What it checks
    /// A tactic has no `metrics` key or `metrics = []`. (MT002 stays silent then; a `metrics`
    /// that is not an array is PL005's, and a list whose only items are empty or mistyped is
    /// reported item by item by PL005/PL006.)
    ///
    /// When a plan has at least three tactics and every one of them has this problem, it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 7: every tactic gets the 2–5 metrics that show whether it works. A tactic without
    /// them cannot be judged, changed or stopped on evidence.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[tactic]]
    /// id = "care-rota"
    /// goals = ["delight"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// id = "care-rota"
    /// goals = ["delight"]
    /// metrics = ["Median first response time", "Conversations closed per shift"]
    /// ```
    TacticWithoutMetrics { code: "MT001", name: "tactic-without-metrics", severity: Error, summary: "a tactic has no `metrics`" }
}

/// Whether MT001 reports this tactic: `metrics` missing, or literally `[]`.
pub fn applies(tactic: &crate::model::Tactic, cx: &Ctx<'_>) -> bool {
    match &tactic.metrics {
        Slot::Missing => true,
        Slot::Valid(f) => f.value.is_empty() && !has_dropped_items(f.span, &f.value, cx),
        Slot::Invalid { .. } | Slot::Misspelt { .. } => false,
    }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for tactic in &plan.tactics {
        if !applies(tactic, cx) {
            continue;
        }
        let (span, label, message) = match tactic.metrics.get() {
            Some(f) => (
                f.span,
                "empty list",
                format!("{} keeps no metrics", tactic.label()),
            ),
            None => (
                tactic.header,
                "no `metrics`",
                format!("{} has no `metrics`", tactic.label()),
            ),
        };
        out.push(
            Diagnostic::new(TacticWithoutMetrics::META.code, span, message)
                .label(label)
                .help(format!(
                    "add `metrics = [\"...\", \"...\"]` with the {}–{} indicators that show \
                     whether this tactic works",
                    cx.limits.metrics_min.max(1),
                    cx.limits.metrics_max.max(1)
                ))
                .item(tactic_item(plan, tactic))
                .habit(plan.tactics.len(), "none of the {n} tactics has metrics"),
        );
    }
}
