//! What each key means in the format and which step of the method it belongs to (hover and
//! completion documentation).

use super::outline::Table;

/// `(key, meaning, step of the method)` per table.
pub fn keys(table: Table) -> &'static [(&'static str, &'static str, &'static str)] {
    match table {
        Table::Root => &[("smplan", "the format version: `1`", "the file")],
        Table::Plan => &[
            ("title", "the plan's name", "the plan"),
            (
                "scope",
                "the business area the plan covers",
                "step 1: scope",
            ),
            (
                "start",
                "first day of the horizon (a TOML date, unquoted)",
                "step 1: scope",
            ),
            (
                "end",
                "last day of the horizon (a TOML date, unquoted)",
                "step 1: scope",
            ),
            ("owner", "who answers for the plan", "the plan"),
            (
                "department",
                "the department, when several plans share a scope",
                "step 1: scope",
            ),
            (
                "currency",
                "ISO 4217 code for `tactic.cost`",
                "step 6: tactics",
            ),
            (
                "language",
                "BCP 47 primary tag picking the word lists (`en`, `bg`)",
                "the plan",
            ),
            (
                "mission",
                "what social media is for, in one sentence",
                "step 3: mission",
            ),
        ],
        Table::BusinessGoals => &[],
        Table::Goal => &[
            (
                "id",
                "the goal's id, cited by `tactic.goals`",
                "step 4: goals",
            ),
            ("statement", "what the goal achieves", "step 4: goals"),
            (
                "supports",
                "letters of the business goals it serves",
                "step 4: goals",
            ),
            (
                "perspective",
                "balanced-scorecard perspective",
                "step 7: scorecard",
            ),
        ],
        Table::Kpi => &[
            ("id", "the KPI's id", "step 5: KPIs"),
            ("name", "what is measured", "step 5: KPIs"),
            (
                "core_goal",
                "the core business goal the KPI serves",
                "step 5: KPIs",
            ),
            (
                "unit",
                "the unit of baseline and target",
                "step 5: KPIs (SMART: measurable)",
            ),
            (
                "baseline",
                "the value today",
                "step 5: KPIs (SMART: measurable)",
            ),
            (
                "target",
                "the value to reach",
                "step 5: KPIs (SMART: achievable)",
            ),
            (
                "direction",
                "whether the target is above, below or at the baseline",
                "step 5: KPIs",
            ),
            (
                "deadline",
                "when the target is due (a TOML date)",
                "step 5: KPIs (SMART: time-bound)",
            ),
            ("owner", "who answers for the KPI", "step 5: KPIs"),
            (
                "source",
                "where the number comes from",
                "step 5: KPIs (SMART: measurable)",
            ),
        ],
        Table::Tactic => &[
            ("id", "the tactic's id", "step 6: tactics"),
            ("name", "what the team does", "step 6: tactics"),
            (
                "goals",
                "ids of the goals the tactic serves",
                "step 6: tactics",
            ),
            (
                "metrics",
                "the few metrics kept to watch the tactic",
                "step 8: metrics",
            ),
            (
                "candidates",
                "the metrics considered before choosing",
                "step 8: metrics",
            ),
            (
                "cost",
                "what the tactic costs, in `plan.currency`",
                "step 6: tactics",
            ),
        ],
        Table::Other => &[],
    }
}

pub fn doc(table: Table, key: &str) -> Option<(&'static str, &'static str)> {
    keys(table).iter().find(|k| k.0 == key).map(|k| (k.1, k.2))
}
