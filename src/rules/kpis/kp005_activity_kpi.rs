use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::word_matches::WordMatches;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI's `name` describes an activity, not an outcome: it contains a word or phrase of
    /// *[words] activity_words* (by default launch, launching, publish, publishing, posting,
    /// implement, implementing, deliver, delivering, campaign, contest, giveaway). Words match
    /// whole and case-insensitively, so "posting" matches but "Post-chat" does not. One
    /// diagnostic per KPI labels every match.
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
    ActivityKpi { code: "KP005", name: "activity-kpi", severity: Warning, summary: "a KPI names an activity, not an outcome" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in plan.kpis() {
        let Some(name) = kpi.name.get() else {
            continue;
        };
        let found = WordMatches::find(&cx.words.activity, &[name], cx);
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
