crate::declare_rule! {
    /// ## What it checks
    /// A `# smplan-ignore` or `# smplan-ignore-file` comment names a rule that produced no
    /// diagnostic where the comment applies. Suppressing a rule that is off or not selected is not
    /// reported.
    ///
    /// ## Why the method wants it
    /// A suppression is a recorded exception to one step of the method (for example step 7's
    /// 2–5 metrics). Once the plan is fixed, a stale exception hides the next real problem;
    /// remove it.
    ///
    /// ## Example
    /// Fails (the tactic keeps three metrics, so MT003 never fires):
    /// ```toml
    /// # smplan-ignore: MT003 -- legacy tactic
    /// [[tactic]]
    /// metrics = ["a", "b", "c"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["a", "b", "c"]
    /// ```
    UnusedSuppression { code: "SU001", name: "unused-suppression", severity: Warning, summary: "a suppression comment matched no diagnostic" }
}
