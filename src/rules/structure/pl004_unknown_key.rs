use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};
use crate::model::{Fact, FactKind, Hint, Plan};
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A key the plan format does not define. The help suggests the closest known key. Put your
    /// team's own data under the free-form `[x]` table, which is never linted.
    ///
    /// ## Why the method wants it
    /// A misspelt key is a missing key in disguise: `dedline = 2027-06-30` leaves the KPI without
    /// a deadline (step 5, time-bound) while looking complete to a reviewer.
    ///
    /// ## Fix
    /// Unsafe: renames the key to the one closest known key, when the table does not have that
    /// key yet (`dedline` → `deadline`). It is a guess, so only `--unsafe-fixes` applies it.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// dedline = 2027-06-30
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// deadline = 2027-06-30
    /// ```
    UnknownKey { code: "PL004", name: "unknown-key", severity: Error, summary: "a key the format does not define", fix: Unsafe }
}

pub fn check(_: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    super::report_facts(UnknownKey::META.code, FactKind::UnknownKey, fix, cx, out);
}

/// `dedline` → `deadline`: the key as written (quoted or bare) becomes the known key.
fn fix(fact: &Fact, _: &Ctx<'_>) -> Option<Fix> {
    let Some(Hint::Key(best)) = fact.hint else {
        return None;
    };
    Some(Fix::unsafe_(
        format!("rename the key to `{best}`"),
        vec![Edit::replace(fact.span, best)],
    ))
}
