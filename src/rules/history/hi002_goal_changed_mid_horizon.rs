crate::declare_rule! {
    /// ## What it checks
    /// Runs only with `smplan lint --base REV`. Compared with the plan's version at `REV` (found
    /// through git, following renames), a goal (matched by `id`) was added, removed, or changed
    /// its `supports`, while the date of the check (`--as-of DATE`, default today in UTC) lies
    /// inside the horizon of the base version (`start` and `end` included). `supports` is
    /// compared as a set of letters: reordering is not a change, nor are reformatting and
    /// comments. An added or removed goal is reported once here, not once per KPI under HI001.
    /// A plan that did not exist at `REV` is not compared.
    ///
    /// ## Why the method wants it
    /// Step 5: goals and their KPIs stay fixed for the horizon of the plan (step 1); only tactics
    /// may change. Swapping goals mid-year leaves nothing to measure the year against: change
    /// the tactics instead, and set new goals in the next plan.
    ///
    /// ## Example
    /// Fails (`smplan lint --base main` in June 2027, when `main` has `supports = ["A"]`):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal]]
    /// id = "deflect"
    /// supports = ["A", "B"]
    /// ```
    /// Passes (the goal as committed):
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    ///
    /// [[goal]]
    /// id = "deflect"
    /// supports = ["A"]
    /// ```
    GoalChangedMidHorizon { code: "HI002", name: "goal-changed-mid-horizon", severity: Warning, summary: "a goal was added, removed or re-linked since the base revision while its plan runs" }
}
