use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::word_matches::WordMatches;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI's `name` or `unit` contains a vanity word or phrase of *[words] vanity_words* (by
    /// default followers, follower, fans, likes, impressions, impression, views, posts, tweets,
    /// tweet, retweets, retweet, reach, shares, subscribers, engagement rate(s), social media
    /// engagement, people talking about this; not "subscriber", so "Revenue per subscriber"
    /// passes). Words match whole and case-insensitively, so "posts" does not match
    /// "Post-purchase survey". One diagnostic per KPI labels every match in both fields.
    ///
    /// The list is the one for the plan's `language`: English by default, Bulgarian built
    /// in (e.g. `последователи`, `харесван*`, `публикации*`),
    /// `[words.<lang>]` or `[words]` from the config (docs/rules.md, "Word lists").
    /// An entry ending in `*` matches every word that starts with it.
    ///
    /// ## Why the method wants it
    /// Step 5: a KPI must move profit, costs or customer satisfaction. Followers, likes and
    /// views are activity counts: they may tell how a tactic is doing, so they belong to a
    /// tactic's metrics (step 7), not to the KPIs that judge the goal.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Instagram followers"
    /// unit = "followers"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Contacts resolved on social instead of by phone"
    /// unit = "contacts/month"
    /// ```
    VanityKpi { code: "KP004", name: "vanity-kpi", severity: Warning, summary: "a KPI counts a vanity metric", smart: Specific }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in plan.kpis() {
        let fields = [kpi.name.get(), kpi.unit.get()].into_iter().flatten();
        let found = WordMatches::find(&cx.words.vanity, fields, cx);
        if found.is_empty() {
            continue;
        }
        let quoted = found.quoted();
        let message = format!("{} counts a vanity metric: {quoted}", kpi.label());
        if let Some(d) = found.diagnostic(VanityKpi::META.code, "a vanity count", message) {
            out.push(d.help(format!(
                "measure the result for profit, costs or customer satisfaction instead (e.g. contacts resolved on social, sales from social leads), and count {quoted} in a tactic's `metrics`"
            )));
        }
    }
}
