use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::word_matches::WordMatches;

crate::declare_rule! {
    /// ## What it checks
    /// The goal `statement` names a platform or a tactic: a word or phrase of *[words]
    /// tactic_words* (by default instagram, facebook, tiktok, linkedin, youtube, twitter,
    /// pinterest, snapchat, x.com, post, publish, launch, run a contest, contest, giveaway,
    /// hashtag, influencer, ad, ads, advert, campaign, tweet, with their plural, -ing and -ed
    /// forms). Words match whole and case-insensitively, so "post" does not match "Post-chat"
    /// or "postal", and "X" alone is not "x.com". One diagnostic per statement labels every match.
    ///
    /// The list is the one for the plan's `language`: English by default, Bulgarian built
    /// in (e.g. `инстаграм*`, `конкурс*`, `игра с награди`),
    /// `[words.<lang>]` or `[words]` from the config (docs/rules.md, "Word lists").
    /// An entry ending in `*` matches every word that starts with it.
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
        let found = WordMatches::find(&cx.words.tactic, [statement], cx);
        if found.is_empty() {
            continue;
        }
        let quoted = found.quoted();
        let message = format!("the goal statement names a platform or tactic: {quoted}");
        if let Some(d) = found.diagnostic(
            GoalReadsAsTactic::META.code,
            "a platform or tactic",
            message,
        ) {
            out.push(d.help(format!(
                "state the outcome this goal should bring for customers or the business, and leave {quoted} to a `[[tactic]]` that serves it"
            )));
        }
    }
}
