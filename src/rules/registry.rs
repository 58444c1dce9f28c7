//! The single list of rules: code → name → default severity → docs → implementation.

use super::{CheckFn, RuleMeta};
use super::{
    business_goals as bg, mission as ms, scope as sc, structure as pl, suppressions as su,
};
use super::{goals as gl, kpis as kp, scorecard as bs, tactics as tc};
use super::{history as hi, metrics as mt, smart as sm};
use crate::diagnostic::Severity;
use crate::packs::{BUILTIN_PACKS, Pack, PackRule, load_pack_text};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// How a built-in rule runs.
#[derive(Clone, Copy)]
pub enum Check {
    /// Per plan, over the model.
    File(CheckFn),
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

use Check::{File, Pipeline};

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
    // -- HI history (issue 7): raised by the pipeline with `--base` (src/history.rs) --
    builtin!(
        hi::hi001_kpi_changed_mid_horizon::KpiChangedMidHorizon,
        Pipeline
    ),
    builtin!(
        hi::hi002_goal_changed_mid_horizon::GoalChangedMidHorizon,
        Pipeline
    ),
    builtin!(su::su001_unused_suppression::UnusedSuppression, Pipeline),
    builtin!(
        su::su002_unknown_rule_in_suppression::UnknownRuleInSuppression,
        Pipeline
    ),
];

/// Where a rule in the catalog comes from.
#[derive(Clone, Copy)]
pub enum Origin {
    Builtin(Check),
    /// Index of a declarative rule loaded from a pack.
    Pack(usize),
}

/// One rule as the run knows it (built-in or from a pack).
#[derive(Clone)]
pub struct RuleInfo {
    pub meta: RuleMeta,
    pub origin: Origin,
    /// Set for pack rules: the pack's name.
    pub pack: Option<&'static str>,
}

impl RuleInfo {
    /// The letters of the code (`SM` for `SM002`).
    pub fn area(&self) -> &'static str {
        self.meta
            .code
            .trim_end_matches(|c: char| c.is_ascii_digit())
    }
}

/// The rules of one run: the built-in ones plus any from packs.
#[derive(Clone)]
pub struct Catalog {
    pub rules: Vec<RuleInfo>,
    /// Declarative rules, indexed by [`Origin::Pack`].
    pub pack_rules: Vec<Arc<PackRule>>,
    index: HashMap<&'static str, usize>,
}

impl Default for Catalog {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Catalog {
    /// The built-in rules: those in Rust and those of the packs in `rules/`, in code order.
    /// Built once per process (the built-in packs parsed once); each call clones that.
    pub fn builtin() -> Self {
        static BUILTIN_CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::build_builtin);
        BUILTIN_CATALOG.clone()
    }

    fn build_builtin() -> Self {
        let mut catalog = Catalog {
            rules: Vec::new(),
            pack_rules: Vec::new(),
            index: HashMap::new(),
        };
        for b in BUILTIN {
            catalog.push(RuleInfo {
                meta: b.meta,
                origin: Origin::Builtin(b.check),
                pack: None,
            });
        }
        for (name, text) in BUILTIN_PACKS {
            match load_pack_text(name, text, &catalog, true) {
                Ok(pack) => catalog.add_pack(pack),
                // A test loads every built-in pack; this only guards a broken build.
                Err(e) => eprintln!("smplan: internal error: built-in pack {name}: {e}"),
            }
        }
        // The method's order (scope → … → metrics), as in rules.md; codes within an area.
        const AREAS: &[&str] = &[
            "PL", "SC", "BG", "MS", "GL", "KP", "SM", "TC", "MT", "BS", "HI", "SU",
        ];
        catalog.rules.sort_by_key(|r| {
            let area = r.area();
            (
                AREAS.iter().position(|a| *a == area).unwrap_or(AREAS.len()),
                r.meta.code,
            )
        });
        catalog.reindex();
        catalog
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, r) in self.rules.iter().enumerate() {
            self.index.insert(r.meta.code, i);
            self.index.insert(r.meta.name, i);
        }
    }

    /// Adds a loaded pack's rules (validated against this catalog by the loader).
    pub fn add_pack(&mut self, pack: Pack) {
        for rule in pack.rules {
            let meta = rule.meta;
            let origin = Origin::Pack(self.pack_rules.len());
            self.pack_rules.push(Arc::new(rule));
            self.push(RuleInfo {
                meta,
                origin,
                pack: Some(pack.name),
            });
        }
    }

    pub fn push(&mut self, rule: RuleInfo) {
        let i = self.rules.len();
        self.index.insert(rule.meta.code, i);
        self.index.insert(rule.meta.name, i);
        self.rules.push(rule);
    }

    /// A rule by exact code or name.
    pub fn lookup(&self, code_or_name: &str) -> Option<usize> {
        self.index.get(code_or_name).copied()
    }

    pub fn get(&self, code_or_name: &str) -> Option<&RuleInfo> {
        self.lookup(code_or_name).map(|i| &self.rules[i])
    }

    /// Rules named by a selector: a code, a name, or an area prefix (`SM`). Empty when unknown.
    pub fn select(&self, selector: &str) -> Selection {
        if let Some(i) = self.lookup(selector) {
            return Selection::Exact(i);
        }
        let matched: Vec<usize> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.area() == selector)
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            Selection::Unknown
        } else {
            Selection::Prefix(matched)
        }
    }

    /// Codes and names close to an unknown selector, for "did you mean".
    pub fn suggestions(&self, selector: &str) -> Vec<&'static str> {
        let upper = selector.to_ascii_uppercase();
        let mut scored: Vec<(f64, &'static str)> = self
            .rules
            .iter()
            .flat_map(|r| [r.meta.code, r.meta.name])
            .map(|c| {
                let s = if c == upper {
                    1.0
                } else {
                    strsim::jaro_winkler(&selector.to_lowercase(), &c.to_lowercase())
                };
                (s, c)
            })
            .filter(|(s, _)| *s >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, c)| c).collect()
    }

    pub fn defaults(&self) -> Vec<Option<Severity>> {
        self.rules.iter().map(|r| Some(r.meta.severity)).collect()
    }
}

/// The result of resolving a selector.
#[derive(Debug, PartialEq, Eq)]
pub enum Selection {
    Exact(usize),
    Prefix(Vec<usize>),
    Unknown,
}

impl Selection {
    pub fn indices(&self) -> &[usize] {
        match self {
            Selection::Exact(i) => std::slice::from_ref(i),
            Selection::Prefix(v) => v,
            Selection::Unknown => &[],
        }
    }
}

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

    #[test]
    fn the_builtin_packs_are_parsed_once() {
        let (a, b) = (Catalog::builtin(), Catalog::builtin());
        assert!(!a.pack_rules.is_empty());
        // Every call shares the rules parsed the first time, rather than parsing again.
        assert!(
            a.pack_rules
                .iter()
                .zip(&b.pack_rules)
                .all(|(x, y)| Arc::ptr_eq(x, y))
        );
    }

    #[test]
    fn prefixes_match_letters_exactly() {
        let c = Catalog::builtin();
        assert!(matches!(c.select("PL"), Selection::Prefix(v) if v.len() == 9));
        assert_eq!(c.select("P"), Selection::Unknown);
        assert_eq!(
            c.select("missing-key"),
            Selection::Exact(c.lookup("PL003").unwrap())
        );
    }
}
