//! The single list of rules: code → name → default severity → docs → implementation.

use super::history::HistoryFn;
use super::{CheckFn, RuleMeta};
use super::{
    business_goals as bg, mission as ms, scope as sc, structure as pl, suppressions as su,
};
use super::{goals as gl, kpis as kp, scorecard as bs, tactics as tc};
use super::{history as hi, metrics as mt, smart as sm};

/// How a built-in rule runs.
#[derive(Clone, Copy)]
pub enum Check {
    /// Per plan, over the model.
    File(CheckFn),
    /// Per plan, against its version at the base revision (`--base`); without one it never runs.
    History(HistoryFn),
    /// Raised by the pipeline itself (parse and read errors, version, suppressions, cross-file).
    Pipeline,
}

pub struct Builtin {
    pub meta: RuleMeta,
    pub check: Check,
}

macro_rules! builtin {
    ($rule:path, $check:expr) => {
        Builtin {
            meta: <$rule>::META,
            check: $check,
        }
    };
}

use Check::{File, History, Pipeline};

/// Every built-in rule, in catalog order.
pub static BUILTIN: &[Builtin] = &[
    builtin!(pl::pl001_invalid_toml::InvalidToml, Pipeline),
    builtin!(pl::pl002_unreadable_file::UnreadableFile, Pipeline),
    builtin!(
        pl::pl003_missing_key::MissingKey,
        File(pl::pl003_missing_key::check)
    ),
    builtin!(
        pl::pl004_unknown_key::UnknownKey,
        File(pl::pl004_unknown_key::check)
    ),
    builtin!(
        pl::pl005_wrong_type::WrongType,
        File(pl::pl005_wrong_type::check)
    ),
    builtin!(
        pl::pl006_invalid_value::InvalidValue,
        File(pl::pl006_invalid_value::check)
    ),
    builtin!(
        pl::pl007_duplicate_id::DuplicateId,
        File(pl::pl007_duplicate_id::check)
    ),
    builtin!(pl::pl008_unsupported_version::UnsupportedVersion, Pipeline),
    builtin!(
        pl::pl009_dangling_reference::DanglingReference,
        File(pl::pl009_dangling_reference::check)
    ),
    builtin!(
        sc::sc001_inverted_horizon::InvertedHorizon,
        File(sc::sc001_inverted_horizon::check)
    ),
    builtin!(
        sc::sc002_horizon_too_long::HorizonTooLong,
        File(sc::sc002_horizon_too_long::check)
    ),
    builtin!(sc::sc003_duplicate_scope::DuplicateScope, Pipeline),
    builtin!(
        bg::bg001_invalid_goal_letter::InvalidGoalLetter,
        File(bg::bg001_invalid_goal_letter::check)
    ),
    builtin!(
        bg::bg002_no_business_goals::NoBusinessGoals,
        File(bg::bg002_no_business_goals::check)
    ),
    builtin!(
        bg::bg003_unsupported_business_goal::UnsupportedBusinessGoal,
        File(bg::bg003_unsupported_business_goal::check)
    ),
    builtin!(
        ms::ms001_missing_mission::MissingMission,
        File(ms::ms001_missing_mission::check)
    ),
    builtin!(
        ms::ms002_mission_is_a_target::MissionIsATarget,
        File(ms::ms002_mission_is_a_target::check)
    ),
    builtin!(
        ms::ms003_long_mission::LongMission,
        File(ms::ms003_long_mission::check)
    ),
    // -- GL goals, KP KPIs (issue 3) --
    builtin!(gl::gl001_no_goals::NoGoals, File(gl::gl001_no_goals::check)),
    builtin!(
        gl::gl002_goal_supports_nothing::GoalSupportsNothing,
        File(gl::gl002_goal_supports_nothing::check)
    ),
    builtin!(
        gl::gl003_goal_reads_as_tactic::GoalReadsAsTactic,
        File(gl::gl003_goal_reads_as_tactic::check)
    ),
    builtin!(
        gl::gl004_goal_without_tactic::GoalWithoutTactic,
        File(gl::gl004_goal_without_tactic::check)
    ),
    builtin!(
        kp::kp001_goal_without_kpi::GoalWithoutKpi,
        File(kp::kp001_goal_without_kpi::check)
    ),
    builtin!(
        kp::kp003_unlinked_kpi::UnlinkedKpi,
        File(kp::kp003_unlinked_kpi::check)
    ),
    builtin!(
        kp::kp004_vanity_kpi::VanityKpi,
        File(kp::kp004_vanity_kpi::check)
    ),
    builtin!(
        kp::kp005_activity_kpi::ActivityKpi,
        File(kp::kp005_activity_kpi::check)
    ),
    // -- SM SMART (issue 3) --
    builtin!(
        sm::sm001_vague_kpi::VagueKpi,
        File(sm::sm001_vague_kpi::check)
    ),
    builtin!(
        sm::sm002_unmeasurable_kpi::UnmeasurableKpi,
        File(sm::sm002_unmeasurable_kpi::check)
    ),
    builtin!(
        sm::sm003_missing_baseline::MissingBaseline,
        File(sm::sm003_missing_baseline::check)
    ),
    builtin!(
        sm::sm004_unrealistic_target::UnrealisticTarget,
        File(sm::sm004_unrealistic_target::check)
    ),
    builtin!(
        sm::sm005_not_time_bound::NotTimeBound,
        File(sm::sm005_not_time_bound::check)
    ),
    builtin!(
        sm::sm006_deadline_outside_horizon::DeadlineOutsideHorizon,
        File(sm::sm006_deadline_outside_horizon::check)
    ),
    builtin!(
        sm::sm007_unassigned_kpi::UnassignedKpi,
        File(sm::sm007_unassigned_kpi::check)
    ),
    // -- TC tactics, MT metrics, BS scorecard (issue 3) --
    builtin!(
        tc::tc001_orphan_tactic::OrphanTactic,
        File(tc::tc001_orphan_tactic::check)
    ),
    builtin!(
        mt::mt001_tactic_without_metrics::TacticWithoutMetrics,
        File(mt::mt001_tactic_without_metrics::check)
    ),
    builtin!(
        mt::mt002_too_few_metrics::TooFewMetrics,
        File(mt::mt002_too_few_metrics::check)
    ),
    builtin!(
        mt::mt004_duplicate_metric::DuplicateMetric,
        File(mt::mt004_duplicate_metric::check)
    ),
    builtin!(
        bs::bs001_single_perspective::SinglePerspective,
        File(bs::bs001_single_perspective::check)
    ),
    // -- HI history (issue 7): with `--base`, against the plan at that revision --
    builtin!(
        hi::hi001_kpi_changed_mid_horizon::KpiChangedMidHorizon,
        History(hi::hi001_kpi_changed_mid_horizon::check)
    ),
    builtin!(
        hi::hi002_goal_changed_mid_horizon::GoalChangedMidHorizon,
        History(hi::hi002_goal_changed_mid_horizon::check)
    ),
    builtin!(su::su001_unused_suppression::UnusedSuppression, Pipeline),
    builtin!(
        su::su002_unknown_rule_in_suppression::UnknownRuleInSuppression,
        Pipeline
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for b in BUILTIN {
            assert!(seen.insert(b.meta.code), "duplicate code {}", b.meta.code);
            assert!(seen.insert(b.meta.name), "duplicate name {}", b.meta.name);
            let (letters, digits) = b.meta.code.split_at(2);
            assert!(
                letters.chars().all(|c| c.is_ascii_uppercase()) && digits.len() == 3,
                "{}",
                b.meta.code
            );
            for heading in [
                "## What it checks",
                "## Why the method wants it",
                "## Example",
            ] {
                assert!(
                    b.meta.docs.contains(heading),
                    "{} docs lack {heading}",
                    b.meta.code
                );
            }
        }
    }
}
