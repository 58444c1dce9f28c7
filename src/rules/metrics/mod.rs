//! MT: kept metrics per tactic (step 7).

pub mod mt001_tactic_without_metrics;
pub mod mt002_too_few_metrics;
pub mod mt004_duplicate_metric;

use crate::model::Metric;
use crate::rules::Ctx;
use crate::source::Span;

/// Whether the model dropped an item of this array that a PL rule reported (an empty or mistyped
/// metric, a table without `name`): counting rules skip such a list, since its length is unknown.
pub(crate) fn has_dropped_items(array: Span, kept: &[Metric], cx: &Ctx<'_>) -> bool {
    let inside = |outer: Span, inner: Span| inner.start >= outer.start && inner.end <= outer.end;
    cx.facts
        .iter()
        .any(|f| inside(array, f.span) && !kept.iter().any(|m| inside(m.span, f.span)))
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
