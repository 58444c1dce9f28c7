use crate::diagnostic::Diagnostic;
use crate::model::{Field, Plan};
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI's `name` or `unit` contains a vanity word or phrase of *[words] vanity_words* (by
    /// default followers, follower, fans, likes, impressions, impression, views, posts, tweets,
    /// tweet, retweets, retweet, reach, shares, subscribers, engagement rate, social media
    /// engagement, people talking about this). Words match whole and case-insensitively, so
    /// "posts" does not match "Post-purchase survey". One diagnostic per KPI labels every match
    /// in both fields.
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
    VanityKpi { code: "KP004", name: "vanity-kpi", severity: Warning, summary: "a KPI counts a vanity metric" }
}

/// The matched words and where to label them (the whole literal when its content has escapes).
fn matches(field: &Field<String>, cx: &Ctx<'_>, words: &mut Vec<String>) -> Vec<Span> {
    let found = cx.words.vanity.find(&field.value);
    for &(s, e) in &found {
        let w = field.value.get(s..e).unwrap_or_default().to_string();
        if !words.iter().any(|x| x.eq_ignore_ascii_case(&w)) {
            words.push(w);
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    let base = cx.content_start(field.span, &field.value);
    if base == field.span.start {
        return vec![field.span];
    }
    found
        .iter()
        .map(|&(s, e)| Span::new(base + s, base + e))
        .collect()
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in plan.goals.iter().flat_map(|g| &g.kpis) {
        let mut words = Vec::new();
        let mut spans = Vec::new();
        for field in [kpi.name.get(), kpi.unit.get()].into_iter().flatten() {
            spans.extend(matches(field, cx, &mut words));
        }
        let mut spans = spans.into_iter();
        let Some(first) = spans.next() else {
            continue;
        };
        let quoted = words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let who = match kpi.id.value() {
            Some(id) => format!("KPI `{id}`"),
            None => "this KPI".to_string(),
        };
        let label = "a vanity count";
        let mut d = Diagnostic::new(
            VanityKpi::META.code,
            first,
            format!("{who} counts a vanity metric: {quoted}"),
        )
        .label(label);
        for span in spans {
            d = d.also(span, label);
        }
        out.push(d.help(format!(
            "measure the result for profit, costs or customer satisfaction instead (e.g. contacts resolved on social, sales from social leads), and count {quoted} in a tactic's `metrics`"
        )));
    }
}
