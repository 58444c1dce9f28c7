crate::declare_rule! {
    /// ## What it checks
    /// Runs only with `smplan lint --base REV`. Compared with the plan's version at `REV` (found
    /// through git, following renames), a KPI (matched by `id`) of a goal that exists in both
    /// versions was added, removed, moved to another goal, or changed its `name`, `core_goal`,
    /// `unit`, `target` or `deadline`, while the date of the check (`--as-of DATE`, default today
    /// in UTC) lies inside the horizon of the base version (`start` and `end` included).
    /// Values are compared, not text: reformatting, reordering and comments are not changes.
    /// One diagnostic per KPI lists every changed field; it points at the new value (for a
    /// removed KPI, at its goal). A plan that did not exist at `REV` is not compared, KPIs of an
    /// added or removed goal are HI002's, and tactics and metrics may change freely.
    ///
    /// ## Why the method wants it
    /// Step 5: goals and their KPIs stay fixed for the horizon; tactics may change. Moving the
    /// target mid-year hides whether the tactics worked: change the tactics (steps 6–7) instead,
    /// and set new targets in the next plan.
    ///
    /// ## Example
    /// Fails (`smplan lint --base main` in June 2027, when `main` has `target = 1500`):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal.kpi]]
    /// id = "phone-deflection"
    /// target = 1100
    /// ```
    /// Passes (the KPI as committed; the tactics serving it may change):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal.kpi]]
    /// id = "phone-deflection"
    /// target = 1500
    /// ```
    KpiChangedMidHorizon { code: "HI001", name: "kpi-changed-mid-horizon", severity: Warning, summary: "a KPI changed since the base revision while its plan runs" }
}
