use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::fix::edits::remove_array_item;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::small_sets::{distinct, trim};

crate::declare_rule! {
    /// ## What it checks
    /// The same metric appears twice in one tactic's `metrics`. Names are compared trimmed and
    /// case-insensitively; a `{ name = ... }` table counts by its `name`. `candidates` is the
    /// full brainstorm and may repeat the kept metrics. Both places are labelled.
    ///
    /// ## Why the method wants it
    /// Step 7: keep 2–5 distinct metrics, with no duplicates. A repeated metric takes a slot
    /// from another indicator and makes the tactic look better measured than it is.
    ///
    /// ## Fix
    /// Unsafe: removes the repeat (with its comma) from `metrics`, unless a comment sits next to
    /// it. Unsafe because the author may have meant another metric there.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["Median first response time", "median first response time "]
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["Median first response time", "Conversations closed per shift"]
    /// ```
    DuplicateMetric { code: "MT004", name: "duplicate-metric", severity: Warning, summary: "the same metric is listed twice in a tactic", fix: Unsafe }
}

/// Whether two trimmed metric names (each with whether it is ASCII) are the same regardless of
/// case: ASCII without copying them (the usual case, met for every metric of every tactic),
/// the rest lowercased.
fn same_name(&(a, a_ascii): &(&str, bool), &(b, b_ascii): &(&str, bool)) -> bool {
    if a_ascii && b_ascii {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for tactic in &plan.tactics {
        let Some(metrics) = tactic.metrics.value() else {
            continue;
        };
        let names = metrics.iter().map(|m| trim(&m.name));
        // Equal but for ASCII case is equal lowercased too: only other names need lowercasing.
        let same = |a: &str, b: &str| {
            a.eq_ignore_ascii_case(b)
                || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
        };
        if distinct(names, same) == Some(true) {
            continue; // the usual tactic: a few metrics, all different
        }
        let keys: Vec<(&str, bool)> = metrics
            .iter()
            .map(|m| {
                let name = m.name.trim();
                (name, name.is_ascii())
            })
            .collect();
        for (i, (metric, key)) in metrics.iter().zip(&keys).enumerate() {
            let Some(first) = keys
                .iter()
                .take(i)
                .position(|k| same_name(k, key))
                .and_then(|j| metrics.get(j))
            else {
                continue;
            };
            let fix = remove_array_item(cx.text, metric.span)
                .map(|edit| Fix::unsafe_("remove the repeated metric", vec![edit]));
            let mut d = Diagnostic::new(
                DuplicateMetric::META.code,
                metric.span,
                format!(
                    "{} lists the metric `{}` {}",
                    tactic.label(),
                    first.name.trim(),
                    match keys.iter().filter(|k| same_name(k, key)).count() {
                        2 => "twice".to_string(),
                        n => format!("{n} times"),
                    }
                ),
            )
            .label("listed again")
            .also(first.span, "first listed here")
            .help(
                "remove the repeat, or keep another valuable metric from `candidates` in its place",
            );
            d.fix = fix;
            out.push(d);
        }
    }
}
