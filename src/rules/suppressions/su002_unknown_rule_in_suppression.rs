use crate::diagnostic::Diagnostic;
use crate::suppress::Suppression;

crate::declare_rule! {
    /// ## What it checks
    /// A suppression comment names a code or name that no rule has, or names none at all.
    ///
    /// ## Why the method wants it
    /// Exceptions to the method must say which check of which step they waive, so reviewers can
    /// see what was skipped and why. A typo in the code silently suppresses nothing.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["a"]  # smplan-ignore: MT02
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["a"]  # smplan-ignore: MT002 -- pilot tactic, one metric for now
    /// ```
    UnknownRuleInSuppression { code: "SU002", name: "unknown-rule-in-suppression", severity: Warning, summary: "a suppression names an unknown rule, or none" }
}

/// SU002 for one suppression comment: one diagnostic when it names no rule, and one per entry
/// that names no rule of the catalog (`codes[i]` is what entry `i` resolved to; `closest` is
/// the catalog's best "did you mean" for a name). Each comes with the entry it is about
/// (`None`: the whole comment), so that entry never suppresses it.
pub fn check<C: AsRef<str>>(
    s: &Suppression,
    codes: &[Option<C>],
    closest: impl Fn(&str) -> Option<String>,
) -> Vec<(Option<usize>, Diagnostic)> {
    let code = UnknownRuleInSuppression::META.code;
    let mut found = Vec::new();
    if s.entries.is_empty() {
        found.push((
            None,
            Diagnostic::new(code, s.comment, "suppression comment names no rule").help(
                "name the codes or rule names to suppress: `# smplan-ignore: MT003 -- reason`",
            ),
        ));
    }
    for (ei, e) in s.entries.iter().enumerate() {
        if codes.get(ei).is_some_and(Option::is_some) {
            continue;
        }
        let help = match closest(&e.name) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use a rule code such as `MT003` or a name such as `too-many-metrics`".into(),
        };
        found.push((
            Some(ei),
            Diagnostic::new(
                code,
                e.span,
                format!("`{}` is not a rule code or name", e.name),
            )
            .help(help),
        ));
    }
    found
}
