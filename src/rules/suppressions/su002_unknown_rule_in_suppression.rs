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
