use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::source::Span;

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
    for kpi in plan.goals.iter().flat_map(|g| &g.kpis) {
        let Some(name) = kpi.name.get() else {
            continue;
        };
        let found = cx.words.activity.find(&name.value);
        if found.is_empty() {
            continue;
        }
        let mut words: Vec<String> = Vec::new();
        for &(s, e) in &found {
            let w = name.value.get(s..e).unwrap_or_default().to_string();
            if !words.iter().any(|x| x.eq_ignore_ascii_case(&w)) {
                words.push(w);
            }
        }
        let quoted = words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        // Label the words themselves when the literal's content can be located (no escapes).
        let base = cx.content_start(name.span, &name.value);
        let spans: Vec<Span> = if base == name.span.start {
            vec![name.span]
        } else {
            found
                .iter()
                .map(|&(s, e)| Span::new(base + s, base + e))
                .collect()
        };
        let mut spans = spans.into_iter();
        let Some(first) = spans.next() else {
            continue;
        };
        let who = match kpi.id.value() {
            Some(id) => format!("KPI `{id}`"),
            None => "this KPI".to_string(),
        };
        let label = "an activity";
        let mut d = Diagnostic::new(
            ActivityKpi::META.code,
            first,
            format!("{who} describes an activity, not an outcome: {quoted}"),
        )
        .label(label);
        for span in spans {
            d = d.also(span, label);
        }
        out.push(d.help(
            "name the result the activity should bring (e.g. contacts resolved on social, satisfaction score) and leave the activity to a `[[tactic]]` and its `metrics`",
        ));
    }
}
