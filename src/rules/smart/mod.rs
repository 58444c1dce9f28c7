//! SM: SMART completeness of each KPI (step 5).

pub mod sm001_vague_kpi;
pub mod sm002_unmeasurable_kpi;
pub mod sm003_missing_baseline;
pub mod sm004_unrealistic_target;
pub mod sm005_not_time_bound;
pub mod sm006_deadline_outside_horizon;
pub mod sm007_unassigned_kpi;

use crate::model::{FactKind, Kpi, Slot};
use crate::rules::Ctx;
use crate::source::Span;

fn invalid_span<T>(slot: &Slot<T>) -> Option<Span> {
    match slot {
        Slot::Invalid { value, .. } => Some(*value),
        _ => None,
    }
}

/// Whether PL005 reported a value of this KPI with the wrong type.
pub(crate) fn has_wrong_type(kpi: &Kpi, cx: &Ctx<'_>) -> bool {
    if cx.facts.is_empty() {
        return false; // the usual plan
    }
    let spans = [
        invalid_span(&kpi.id),
        invalid_span(&kpi.name),
        invalid_span(&kpi.core_goal),
        invalid_span(&kpi.unit),
        invalid_span(&kpi.baseline),
        invalid_span(&kpi.target),
        invalid_span(&kpi.direction),
        invalid_span(&kpi.deadline),
        invalid_span(&kpi.owner),
        invalid_span(&kpi.source),
    ];
    cx.facts
        .iter()
        .any(|f| f.kind == FactKind::WrongType && spans.contains(&Some(f.span)))
}

/// SM003, SM004 and SM006 are skipped for a KPI after SM002 or PL005 on it (rules.md: "a rule
/// that needs a value which is missing, mistyped or invalid is skipped for that item").
pub(crate) fn skip_dependents(kpi: &Kpi, cx: &Ctx<'_>) -> bool {
    sm002_unmeasurable_kpi::applies(kpi) || has_wrong_type(kpi, cx)
}

/// A number as a planner wrote it: `800`, `0.5`, `1e20`.
pub(crate) fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}
