use crate::diagnostic::Diagnostic;
use crate::fix::edits::{comma_number, format_number, number_literal};
use crate::fix::{Edit, Fix};
use crate::model::{Fact, FactKind, Hint, Plan};
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// A value has the wrong TOML type, such as a quoted date. The help shows the value written
    /// with the right type.
    ///
    /// ## Why the method wants it
    /// Dates, numbers and lists are what make a plan checkable: a deadline written as a string
    /// cannot be compared with the plan's horizon (step 5, time-bound).
    ///
    /// ## Fix
    /// Safe: a quoted date (`"2027-12-31"`) becomes the TOML date, and a quoted number
    /// (`baseline = "12.5"`) the number. Unsafe: a quoted number with a thousands or decimal
    /// comma (`"3,000"`) becomes the number read in the plan's language (3000 in English).
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// deadline = "2027-12-31"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// deadline = 2027-12-31
    /// ```
    WrongType { code: "PL005", name: "wrong-type", severity: Error, summary: "a value has the wrong TOML type", fix: Safe }
}

pub fn check(_: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    super::report_facts(WrongType::META.code, FactKind::WrongType, fix, cx, out);
}

fn fix(fact: &Fact, cx: &Ctx<'_>) -> Option<Fix> {
    match fact.hint.as_ref()? {
        Hint::QuotedDate(date) if is_local_date(date) => Some(Fix::safe(
            format!("write the date without quotes: `{date}`"),
            vec![Edit::replace(fact.span, date.as_str())],
        )),
        Hint::QuotedNumber(text) => quoted_number(fact.span, text, cx.decimal_comma),
        _ => None,
    }
}

/// Whether TOML reads `text` as a local date (`2027-02-30` it does not).
fn is_local_date(text: &str) -> bool {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return false;
    }
    let doc = format!("v = {text}");
    toml::de::DeTable::parse(&doc).is_ok_and(|root| {
        matches!(
            root.get_ref().get("v").map(|v| v.get_ref()),
            Some(toml::de::DeValue::Datetime(d)) if d.time.is_none() && d.offset.is_none() && d.date.is_some()
        )
    })
}

/// The fix for a number written as a string (`literal` is the string's span, `text` its
/// content): safe for a plain number, unsafe for one with a comma (read with a decimal comma
/// when the plan's language writes numbers so). Shared with SM002, which owns `target`.
pub fn quoted_number(literal: Span, text: &str, decimal_comma: bool) -> Option<Fix> {
    if let Some(n) = number_literal(text) {
        return Some(Fix::safe(
            format!("write the number without quotes: `{n}`"),
            vec![Edit::replace(literal, n)],
        ));
    }
    let n = format_number(comma_number(text, decimal_comma)?);
    Some(Fix::unsafe_(
        format!("write `{}` as the number `{n}`", text.trim()),
        vec![Edit::replace(literal, n)],
    ))
}
