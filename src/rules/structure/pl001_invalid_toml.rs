crate::declare_rule! {
    /// ## What it checks
    /// The file is not valid TOML 1.1: a syntax error, a duplicate key, nesting deeper than the
    /// parser accepts, or a value TOML rejects, whether a rule reads it or not (`x = 0x`, a
    /// non-ASCII digit, an integer outside the signed 64-bit range: TOML says "an error must
    /// be thrown", so it is never rounded to a float). The label sits where the parser stopped,
    /// or on the value.
    ///
    /// ## Why the method wants it
    /// A plan the tool cannot read cannot be checked against any step of the method; nothing else
    /// is reported for the file until it parses.
    ///
    /// ## It cannot be silenced
    /// PL001 is always an error. Silencing it would let a broken plan pass CI with nothing
    /// reported, since no other rule ran on the file. Turning it off or lowering it by name
    /// (`[rules] PL001 = "off"`, `--ignore PL001`, `--severity PL001=warning`, an override) is
    /// exit 2; an area prefix (`PL`) passes over it; a suppression comment naming it suppresses
    /// nothing and is reported as unused (SU001).
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

use crate::diagnostic::Diagnostic;
use crate::source::Span;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const REST: &str = "nothing else in the file is checked until it parses";

/// Parses a plan as TOML 1.1 and validates every value, read by a rule or not: the parser
/// keeps numbers as text, and `x = 0x`, an integer beyond 64 bits or a non-ASCII digit must be
/// PL001 here, not a silently rounded float later. The diagnostic is not yet located.
pub fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, Diagnostic> {
    let root = DeTable::parse(text).map_err(|e| diagnostic(&e))?;
    if let Some(v) = first_invalid(root.get_ref()) {
        return Err(invalid(v, text));
    }
    Ok(root)
}

/// The diagnostic for a parse error, where the parser stopped (not yet located): the first
/// line of the parser's message is the message, the rest is the help.
pub fn diagnostic(e: &toml::de::Error) -> Diagnostic {
    let span = e.span().map_or(Span::new(0, 0), Span::from);
    let mut lines = e.message().lines().map(str::trim).filter(|l| !l.is_empty());
    let message = lines.next().unwrap_or("invalid TOML").to_string();
    let detail: Vec<&str> = lines.collect();
    let help = if detail.is_empty() {
        format!("fix the TOML syntax here; {REST}")
    } else {
        format!("{}; {REST}", detail.join("; "))
    };
    Diagnostic::new(
        InvalidToml::META.code,
        span,
        format!("invalid TOML: {message}"),
    )
    .help(help)
}

/// The first value of `t` TOML rejects, depth first in source order.
fn first_invalid<'a, 'i>(t: &'a DeTable<'i>) -> Option<&'a Spanned<DeValue<'i>>> {
    first_in(t.values())
}

/// The first of `values`, or of the values inside them, that TOML rejects. Nearly every value
/// is valid: the walk only finds which is not, and [`invalid`] says why. Leaves are tested in
/// the loop, so only an array or a table costs a call (most values are strings).
fn first_in<'a, 'i: 'a>(
    values: impl Iterator<Item = &'a Spanned<DeValue<'i>>>,
) -> Option<&'a Spanned<DeValue<'i>>> {
    for v in values {
        let valid = match v.get_ref() {
            DeValue::String(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => continue,
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).is_ok(),
            DeValue::Float(f) => f
                .as_str()
                .parse::<f64>()
                .is_ok_and(|n| !n.is_infinite() || f.as_str().contains("inf")),
            DeValue::Array(a) => match first_in(a.iter()) {
                None => continue,
                found => return found,
            },
            DeValue::Table(t) => match first_invalid(t) {
                None => continue,
                found => return found,
            },
        };
        if !valid {
            return Some(v);
        }
    }
    None
}

/// The diagnostic for a number [`first_in`] found invalid.
#[cold]
fn invalid(v: &Spanned<DeValue<'_>>, text: &str) -> Diagnostic {
    let span = Span::from(v.span());
    let shown = || {
        let raw = text.get(span.start..span.end).unwrap_or_default();
        match raw.char_indices().nth(40) {
            Some((i, _)) => format!("{}…", &raw[..i]),
            None => raw.to_string(),
        }
    };
    let (message, help) = match v.get_ref() {
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                ) =>
            {
                (
                    format!("integer `{}` is outside the 64-bit range", shown()),
                    "TOML integers are 64-bit: write a smaller number, or a float such as `1e21`",
                )
            }
            _ => (
                format!("invalid integer `{}`", shown()),
                "write the digits in ASCII, with `_` only between digits, after `0x`, `0o` or `0b` if given",
            ),
        },
        DeValue::Float(f) if f.as_str().parse::<f64>().is_ok() => (
            format!("float `{}` is outside the 64-bit range", shown()),
            "write a number within ±1.8e308",
        ),
        _ => (
            format!("invalid float `{}`", shown()),
            "write a float such as `1.5`, `2e3`, `inf` or `nan`",
        ),
    };
    Diagnostic::new(
        InvalidToml::META.code,
        span,
        format!("invalid TOML: {message}"),
    )
    .help(format!("{help}; {REST}"))
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn message(text: &str) -> Option<String> {
        parse(text).err().map(|d| d.message)
    }

    #[test]
    fn every_number_is_validated() {
        for bad in [
            "x = 0x",
            "x = 0b",
            "x = 0o",
            "x = 1_0\u{660}",
            "x = [[{ y = 0x }]]",
            "[a.b]\nc = [1, [2, { d = 0b }]]",
            "a = [\"s\", true, 1979-05-27, 1, 1e999]",
        ] {
            assert!(message(bad).is_some(), "{bad:?} must be PL001");
        }
        assert_eq!(
            message("target = 99999999999999999999999").as_deref(),
            Some("invalid TOML: integer `99999999999999999999999` is outside the 64-bit range")
        );
        assert_eq!(message("x = -9223372036854775808"), None);
        assert_eq!(message("x = 9223372036854775807"), None);
        assert!(message("x = 9223372036854775808").is_some());
        assert_eq!(message("x = [0xff, 0o7, 0b1, 1_000, 1e3, inf, -nan]"), None);
    }
}
