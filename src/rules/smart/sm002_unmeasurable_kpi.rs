use super::num;
use crate::diagnostic::Diagnostic;
use crate::fix::edits::{after_line, format_number, newline};
use crate::fix::{Edit, Fix};
use crate::model::{Direction, Kpi, Plan, Slot};
use crate::rules::Ctx;
use crate::rules::structure::pl005_wrong_type::quoted_number;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI has no `target` or no `unit`, its `target` is not a finite number (a quoted
    /// `"20%"`, a boolean, `nan`, `inf`), or its `unit` is blank. One diagnostic per KPI, even when
    /// both keys are wrong; PL003, PL005 and PL006 stay silent about these two keys. For a target
    /// written as text the help shows the number and the unit apart: `target = "20%"` becomes
    /// `target = 20` with `unit = "%"`. When the KPI already has another `unit`, the help keeps
    /// it: `target = "10%"` with `unit = "engagements/year"` and `baseline = 48856` becomes
    /// `target = 53742`. SM003, SM004 and SM006 skip a KPI this rule reports.
    ///
    /// ## Why the method wants it
    /// Step 5: a KPI must be SMART, and the M is *measurable*. Without a number to reach and a
    /// unit that says what is counted, nobody can tell at the deadline whether the goal was met.
    ///
    /// ## Fix
    /// Safe: a quoted number (`target = "3000"`) becomes the number; a number with a unit and no
    /// `unit` key (`target = "20%"`) becomes `target = 20` plus a `unit = "%"` line below it (or
    /// fills a blank `unit`); a unit that `unit` already says (`"25%"` with
    /// `unit = "% of closed opportunities"`) is dropped. Unsafe: a number with a thousands or
    /// decimal comma (`"3,000"`) becomes the number read in the plan's language.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Share of contacts resolved on social"
    /// target = "20%"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// name = "Share of contacts resolved on social"
    /// unit = "%"
    /// target = 20
    /// ```
    UnmeasurableKpi { code: "SM002", name: "unmeasurable-kpi", severity: Error, summary: "the KPI has no numeric `target` or no `unit`", fix: Safe, smart: Measurable }
}

/// Whether SM002 reports this KPI (its target or unit cannot be used).
pub fn applies(kpi: &Kpi) -> bool {
    // A misspelt `target` is PL004's (it names `target`).
    (kpi.target.get().is_none() && !matches!(kpi.target, Slot::Misspelt { .. }))
        || match &kpi.unit {
            Slot::Missing => true,
            // Blank: all whitespace, told by the first character of the usual unit.
            Slot::Valid(f) => f.value.chars().all(char::is_whitespace),
            // A unit of the wrong type is PL005's.
            Slot::Invalid { .. } | Slot::Misspelt { .. } => false,
        }
}

/// What kind of non-number the target literal is.
fn target_kind(kpi: &Kpi, text: &str, span: Span) -> &'static str {
    if kpi.target_text.is_some() {
        return "is a string, not a number";
    }
    let literal = text.get(span.start..span.end).unwrap_or_default().trim();
    let lower = literal.to_ascii_lowercase();
    if lower.contains("nan")
        || lower.contains("inf")
        || lower.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-')
    {
        if lower.len() >= 10 && lower.as_bytes().get(4) == Some(&b'-') {
            return "is a date, not a number";
        }
        return "is not a finite number";
    }
    match literal.as_bytes().first() {
        Some(b't' | b'f') => "is a boolean, not a number",
        Some(b'[') => "is an array, not a number",
        Some(b'{') => "is a table, not a number",
        _ => "is not a number",
    }
}

/// `"20%"` → `(20, "%")`, `"$5,000"` → `(5000, "$")`, `"1500"` → `(1500, "")`.
fn split_number(text: &str) -> Option<(f64, String)> {
    let t = text.trim();
    if let Ok(n) = t.parse::<f64>() {
        return n.is_finite().then(|| (n, String::new()));
    }
    let start = t.find(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')?;
    let prefix = &t[..start];
    if prefix.chars().any(char::is_alphanumeric) {
        return None; // "about 20%": not a number with a unit
    }
    let rest = &t[start..];
    let len = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || c == ','
                || c == '_'
                || (i == 0 && "+-".contains(c)))
        })
        .map_or(rest.len(), |(i, _)| i);
    let digits: String = rest[..len]
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let n: f64 = digits.parse().ok()?;
    if !n.is_finite() {
        return None;
    }
    let unit = [prefix.trim(), rest[len..].trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Some((n, unit))
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in plan.kpis() {
        if !applies(kpi) {
            continue;
        }
        let unit_blank = match &kpi.unit {
            Slot::Valid(f) if f.value.trim().is_empty() => Some(f.span),
            _ => None,
        };
        let unit_missing = kpi.unit.is_missing();
        let unit_ok = kpi.unit.value().filter(|u| !u.trim().is_empty());
        let mut problems = Vec::new();
        let mut helps = Vec::new();
        let mut primary: Option<(Span, &str)> = None;
        let mut secondary = Vec::new();
        let mut fix = None;

        match &kpi.target {
            Slot::Valid(_) | Slot::Misspelt { .. } => {}
            Slot::Missing => {
                problems.push("`target` is missing".to_string());
                helps.push("add `target = N`, the number to reach by the deadline".to_string());
            }
            Slot::Invalid { value, .. } => {
                let kind = target_kind(kpi, cx.text, *value);
                problems.push(format!("`target` {kind}"));
                primary = Some((
                    *value,
                    if kind.contains("finite") {
                        "not finite"
                    } else {
                        "not a number"
                    },
                ));
                let split = kpi.target_text.as_deref().and_then(split_number);
                fix = target_fix(kpi, cx, *value, split.as_ref());
                helps.push(match &split {
                    Some((n, unit)) if unit.is_empty() => {
                        format!("write the number without quotes: `target = {}`", num(*n))
                    }
                    // `"25%"` with `unit = "% of closed opportunities"`: the unit already says it.
                    Some((n, unit)) if unit_ok.is_some_and(|u| u.trim().starts_with(unit)) => {
                        format!(
                            "write `target = {}`: `unit = \"{}\"` already says what it counts",
                            num(*n),
                            unit_ok.map_or("", |u| u.trim())
                        )
                    }
                    // `"10%"` with `unit = "engagements/year"`: keep the unit, say the number.
                    Some((n, unit)) if unit_ok.is_some() => {
                        other_unit_help(kpi, *n, unit, unit_ok.map_or("", |u| u.trim()))
                    }
                    Some((n, unit)) => {
                        format!("write `target = {}` with `unit = \"{unit}\"`", num(*n))
                    }
                    None => "write the number to reach by the deadline, e.g. `target = 1500`"
                        .to_string(),
                });
                // The unit is in the text of the target: one help line covers both keys.
                if split.as_ref().is_some_and(|(_, u)| !u.is_empty()) && unit_ok.is_none() {
                    if unit_missing {
                        problems.push("`unit` is missing".to_string());
                    } else if let Some(span) = unit_blank {
                        problems.push("`unit` is blank".to_string());
                        secondary.push(span);
                    }
                    finish(
                        kpi,
                        (problems, helps),
                        (primary, secondary),
                        fix.take(),
                        out,
                    );
                    continue;
                }
            }
        }
        if unit_missing {
            problems.push("`unit` is missing".to_string());
            helps.push(
                "add `unit = \"...\"` naming what the number counts, e.g. `unit = \"contacts/month\"`"
                    .to_string(),
            );
        } else if let Some(span) = unit_blank {
            problems.push("`unit` is blank".to_string());
            helps.push("say what the number counts, e.g. `unit = \"contacts/month\"`".to_string());
            if primary.is_none() {
                primary = Some((span, "blank unit"));
            } else {
                secondary.push(span);
            }
        }
        finish(
            kpi,
            (problems, helps),
            (primary, secondary),
            fix.take(),
            out,
        );
    }
}

/// The help for a target written in another unit than the KPI's own `unit`, e.g. `"10%"` for a KPI
/// counted in `engagements/year`: telling the planner to switch the unit to `%` would leave the
/// baseline in the old unit, so the help says the number in the KPI's unit instead.
fn other_unit_help(kpi: &Kpi, n: f64, unit: &str, kpi_unit: &str) -> String {
    let baseline = kpi
        .baseline
        .value()
        .copied()
        .filter(|b| b.is_finite() && *b > 0.0);
    match baseline {
        Some(b) if unit == "%" && n > 0.0 => {
            let (factor, word) = match kpi.direction.value() {
                Some(Direction::Decrease) => (1.0 - n / 100.0, "less"),
                _ => (1.0 + n / 100.0, "more"),
            };
            let value = b * factor;
            // A whole-number baseline is a count: keep the target whole too.
            let value = if b.fract() == 0.0 {
                value.round()
            } else {
                (value * 100.0).round() / 100.0
            };
            format!(
                "write the target in the KPI's unit, `{kpi_unit}`: for {}% {word} than `baseline = {}`, write `target = {}`",
                num(n),
                num(b),
                num(value)
            )
        }
        _ => format!(
            "write the target as a number of `{kpi_unit}`, the KPI's `unit`, or change the unit to `unit = \"{unit}\"` and write `target = {}`",
            num(n)
        ),
    }
}

/// The fix for a target written as text: the number alone, plus the unit when the KPI has no
/// usable `unit` (`None` when the text is not a number, or names another unit than `unit`).
fn target_fix(
    kpi: &Kpi,
    cx: &Ctx<'_>,
    literal: Span,
    split: Option<&(f64, String)>,
) -> Option<Fix> {
    let text = cx.text;
    let target_text = kpi.target_text.as_deref()?;
    let (n, unit) = split?;
    if unit.is_empty() {
        return quoted_number(literal, target_text, cx.decimal_comma);
    }
    // A comma makes the number a reading of the plan's language: a guess.
    let sure = !target_text.contains(',');
    let number = format_number(*n);
    let target = Edit::replace(literal, number.clone());
    let make = |message: String, edits| {
        if sure {
            Fix::safe(message, edits)
        } else {
            Fix::unsafe_(message, edits)
        }
    };
    match &kpi.unit {
        Slot::Valid(f) if f.value.trim().starts_with(unit.as_str()) => {
            Some(make(format!("write `target = {number}`"), vec![target]))
        }
        Slot::Valid(f) if f.value.trim().is_empty() => {
            let quoted = basic_string(unit)?;
            Some(make(
                format!("write `target = {number}` and `unit = {quoted}`"),
                vec![target, Edit::replace(f.span, quoted)],
            ))
        }
        Slot::Missing => {
            let quoted = basic_string(unit)?;
            // A key is inserted on a line of its own below `target`: only in a `[[goal.kpi]]`
            // table (not an inline one).
            if text.as_bytes().get(kpi.header.start) != Some(&b'[') {
                return None;
            }
            let (at, indent) = after_line(text, literal.end)?;
            let nl = newline(text);
            let line = if at == text.len() && !text.ends_with('\n') {
                format!("{nl}{indent}unit = {quoted}")
            } else {
                format!("{indent}unit = {quoted}{nl}")
            };
            Some(make(
                format!("write `target = {number}` and add `unit = {quoted}`"),
                vec![target, Edit::insert(at, line)],
            ))
        }
        _ => None,
    }
}

/// A TOML basic string for text that needs no escapes.
fn basic_string(s: &str) -> Option<String> {
    (!s.chars().any(|c| c == '"' || c == '\\' || c.is_control())).then(|| format!("\"{s}\""))
}

fn finish(
    kpi: &Kpi,
    (problems, helps): (Vec<String>, Vec<String>),
    (primary, secondary): (Option<(Span, &str)>, Vec<Span>),
    fix: Option<Fix>,
    out: &mut Vec<Diagnostic>,
) {
    let (span, label) = primary.unwrap_or((
        kpi.header,
        match (kpi.target.is_missing(), kpi.unit.is_missing()) {
            (true, true) => "no `target` and no `unit`",
            (true, false) => "no `target`",
            _ => "no `unit`",
        },
    ));
    let mut d = Diagnostic::new(
        UnmeasurableKpi::META.code,
        span,
        format!("{} is not measurable: {}", kpi.label(), problems.join("; ")),
    )
    .label(label);
    for s in secondary {
        d = d.also(s, "blank unit");
    }
    d.fix = fix;
    out.push(d.help(helps.join("; ")));
}

#[cfg(test)]
mod tests {
    use super::{other_unit_help, split_number};
    use crate::model::{Direction, Field, Kpi, Slot};
    use crate::source::Span;

    fn field<T>(value: T) -> Slot<T> {
        Slot::Valid(Field {
            key: Span::new(0, 0),
            span: Span::new(0, 0),
            value,
        })
    }

    #[test]
    fn a_percentage_for_a_kpi_counted_in_another_unit_keeps_the_unit() {
        let mut kpi = Kpi {
            baseline: field(48856.0),
            ..Kpi::default()
        };
        let help = other_unit_help(&kpi, 10.0, "%", "engagements/year");
        assert!(help.contains("for 10% more than `baseline = 48856`, write `target = 53742`"));
        kpi.direction = field(Direction::Decrease);
        let help = other_unit_help(&kpi, 10.0, "%", "engagements/year");
        assert!(help.contains("for 10% less than `baseline = 48856`, write `target = 43970`"));
        kpi.baseline = field(3.5);
        let help = other_unit_help(&kpi, 10.0, "%", "points");
        assert!(help.contains("write `target = 3.15`"), "{help}");
        kpi.baseline = Slot::Missing;
        let help = other_unit_help(&kpi, 10.0, "%", "engagements/year");
        assert_eq!(
            help,
            "write the target as a number of `engagements/year`, the KPI's `unit`, or change the unit to `unit = \"%\"` and write `target = 10`"
        );
    }

    #[test]
    fn splits_numbers_from_units() {
        assert_eq!(split_number("20%"), Some((20.0, "%".to_string())));
        assert_eq!(split_number(" 1500 "), Some((1500.0, String::new())));
        assert_eq!(split_number("$5,000"), Some((5000.0, "$".to_string())));
        assert_eq!(split_number("-3.5 pts"), Some((-3.5, "pts".to_string())));
        assert_eq!(
            split_number("1500 contacts/month"),
            Some((1500.0, "contacts/month".to_string()))
        );
        assert_eq!(split_number("about 20%"), None);
        assert_eq!(split_number("lots"), None);
        assert_eq!(split_number("."), None);
        assert_eq!(split_number("é20"), None);
        assert_eq!(
            split_number("€5,000.50 per month"),
            Some((5000.5, "€ per month".to_string()))
        );
        assert_eq!(split_number("1e5"), Some((100000.0, String::new())));
        assert_eq!(split_number("1e999"), None);
        assert_eq!(split_number("nan"), None);
        assert_eq!(split_number(""), None);
    }
}
