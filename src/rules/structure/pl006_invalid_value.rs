use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::fix::edits::replace_string;
use crate::model::{Fact, FactKind, Hint, Plan};
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A value outside its allowed set or range: an unknown scope, perspective or direction, an
    /// id that is not kebab-case, an empty string, a negative cost, or a non-finite number. The
    /// help lists the allowed values and the closest one.
    ///
    /// ## Why the method wants it
    /// Step 1 names the business functions a plan may cover; the balanced scorecard names four
    /// perspectives. A value outside those lists is usually a typo that hides a real choice.
    ///
    /// ## Fix
    /// Unsafe: a scope, perspective or direction with one closest allowed value becomes that
    /// value (`customer service` → `customer-service`), keeping the quotes as written.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// scope = "customer-services"
    /// ```
    /// Passes:
    /// ```toml
    /// [plan]
    /// scope = "customer-service"
    /// ```
    InvalidValue { code: "PL006", name: "invalid-value", severity: Error, summary: "a value outside its allowed set or range", fix: Unsafe }
}

pub fn check(_: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    super::report_facts(
        InvalidValue::META.code,
        FactKind::InvalidValue,
        fix,
        cx,
        out,
    );
}

fn fix(fact: &Fact, cx: &Ctx<'_>) -> Option<Fix> {
    let Some(Hint::Value(best)) = fact.hint else {
        return None;
    };
    let edit = replace_string(cx.text, fact.span, best)?;
    Some(Fix::unsafe_(format!("write `{best}`"), vec![edit]))
}
