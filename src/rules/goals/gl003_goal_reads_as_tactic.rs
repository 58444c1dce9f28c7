use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// The goal `statement` names a platform or a tactic: a word or phrase of *[words]
    /// tactic_words* (by default instagram, facebook, tiktok, linkedin, youtube, twitter,
    /// pinterest, snapchat, x.com, post, publish, launch, run a contest, contest, giveaway,
    /// hashtag, influencer, ad, ads, campaign). Words match whole and case-insensitively, so
    /// "post" does not match "Post-chat" or "posts", and "X" alone is not "x.com". One
    /// diagnostic per statement labels every match.
    ///
    /// ## Why the method wants it
    /// Step 4 defines goals, the *what*: an outcome for customers or the business. Platforms and
    /// tactics are the *how* of step 6 and may change during the year; a goal that names them
    /// is a tactic in disguise, the "80% start with tactics" mistake the method fights.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal]]
    /// statement = "Run a contest on Instagram every month"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// statement = "Answer routine questions publicly so fewer customers need to call"
    /// ```
    GoalReadsAsTactic { code: "GL003", name: "goal-reads-as-tactic", severity: Warning, summary: "a goal statement names a platform or a tactic" }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for goal in &plan.goals {
        let Some(statement) = goal.statement.get() else {
            continue;
        };
        let found = cx.words.tactic.find(&statement.value);
        if found.is_empty() {
            continue;
        }
        let mut words: Vec<String> = Vec::new();
        for &(s, e) in &found {
            let w = statement.value.get(s..e).unwrap_or_default().to_string();
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
        let base = cx.content_start(statement.span, &statement.value);
        let spans: Vec<Span> = if base == statement.span.start {
            vec![statement.span]
        } else {
            found
                .iter()
                .map(|&(s, e)| Span::new(base + s, base + e))
                .collect()
        };
        let label = "a platform or tactic";
        let mut spans = spans.into_iter();
        let Some(first) = spans.next() else {
            continue;
        };
        let mut d = Diagnostic::new(
            GoalReadsAsTactic::META.code,
            first,
            format!("the goal statement names a platform or tactic: {quoted}"),
        )
        .label(label);
        for span in spans {
            d = d.also(span, label);
        }
        out.push(d.help(format!(
            "state the outcome this goal should bring for customers or the business, and leave {quoted} to a `[[tactic]]` that serves it"
        )));
    }
}
