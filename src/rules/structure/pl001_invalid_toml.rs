crate::declare_rule! {
    /// ## What it checks
    /// The file is not valid TOML: a syntax error, a duplicate key, or nesting deeper than the
    /// parser accepts. The label sits where the parser stopped.
    ///
    /// ## Why the method wants it
    /// A plan the tool cannot read cannot be checked against any step of the method; nothing else
    /// is reported for the file until it parses.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [business_goals
    /// A = "Cut support costs by 10%"
    /// ```
    /// Passes:
    /// ```toml
    /// [business_goals]
    /// A = "Cut support costs by 10%"
    /// ```
    InvalidToml { code: "PL001", name: "invalid-toml", severity: Error, summary: "the file is not valid TOML" }
}
