use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::word_matches::WordMatches;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI's `name` describes an activity, not an outcome: it contains a word or phrase of
    /// *[words] activity_words* (by default launch, publish, post, implement, deliver with
    /// their -s, -ed and -ing forms, and campaign, contest, giveaway with their plurals). Words match
    /// whole and case-insensitively, so "posting" matches but "Post-chat" does not. One
    /// diagnostic per KPI labels every match.
    ///
    /// The list is the one for the plan's `language`: English by default, Bulgarian built
    /// in (e.g. `стартира*`, `провед*`, `внедр*`),
    /// `[words.<lang>]` or `[words]` from the config (docs/rules.md, "Word lists").
    /// An entry ending in `*` matches every word that starts with it.
    ///
    /// ## Why the method wants it
    /// Step 5 measures results; doing things is a tactic (step 6), and counting them is a
    /// tactic's metric (step 7). The KPI measures what the activity changes for profit, costs
    /// or customer satisfaction.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Publishing three help videos a month"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Contacts resolved on social instead of by phone"
    /// ```
    ActivityKpi { code: "KP005", name: "activity-kpi", severity: Warning, summary: "a KPI names an activity, not an outcome", smart: Specific }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in plan.kpis() {
        let Some(name) = kpi.name.get() else {
            continue;
        };
        let found = WordMatches::find(&cx.words.activity, [name], cx);
        if found.is_empty() {
            continue;
        }
        let message = format!(
            "{} describes an activity, not an outcome: {}",
            kpi.label(),
            found.quoted()
        );
        if let Some(d) = found.diagnostic(ActivityKpi::META.code, "an activity", message) {
            out.push(d.help(
                "name the result the activity should bring (e.g. contacts resolved on social, satisfaction score) and leave the activity to a `[[tactic]]` and its `metrics`",
            ));
        }
    }
}
