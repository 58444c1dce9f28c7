crate::declare_rule! {
    /// ## What it checks
    /// Two plan files linted together have the same `scope`, the same `department` (or both
    /// none) and overlapping horizons. Reported once per file that overlaps an earlier one (files
    /// in path order), on its `scope`, with a label on the first earlier plan it overlaps.
    ///
    /// ## Why the method wants it
    /// Step 1: one plan per department and period. Two plans for the same team and time compete
    /// for the same goals and make nobody accountable for either.
    ///
    /// ## Example
    /// Fails: `care-2027.plan.toml` and `care-2027-v2.plan.toml` both with
    /// ```toml
    /// scope = "customer-service"
    /// department = "Customer Care EMEA"
    /// start = 2027-01-01
    /// end = 2027-12-31
    /// ```
    /// Passes: the second plan covers another department or another period:
    /// ```toml
    /// scope = "customer-service"
    /// department = "Customer Care EMEA"
    /// start = 2028-01-01
    /// end = 2028-12-31
    /// ```
    DuplicateScope { code: "SC003", name: "duplicate-scope", severity: Warning, summary: "two plans claim the same scope, department and period" }
}
