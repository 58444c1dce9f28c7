//! Evaluating pack rules over the item view of a plan.

use super::expr::{ItemValues, Outcome};
use super::view::{Entry, Item, Of, PlanView, Value};
use super::{Check, PackRule};
use crate::diagnostic::Diagnostic;
use crate::rules::options::Limits;
use crate::source::Span;

/// `{name}` placeholders in a message.
pub fn placeholders(message: &str) -> impl Iterator<Item = &str> {
    message
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

fn blank(v: &Value<'_>) -> bool {
    match v {
        Value::Text(s) => s.trim().is_empty(),
        Value::Strings(a) => a.is_empty(),
        Value::Kpis(k) => k.is_empty(),
        Value::Number(_) | Value::Date(_) => false,
    }
}

/// What a failed check reports: where, and the numbers for `{count}`, `{min}`, `{max}`.
struct Failure {
    span: Span,
    count: Option<usize>,
    min: Option<String>,
    max: Option<String>,
    /// The label's text, where the span alone does not say what is wrong with it.
    label: Option<String>,
}

impl Failure {
    fn at(span: Span) -> Self {
        Self {
            span,
            count: None,
            min: None,
            max: None,
            label: None,
        }
    }
}

fn num(n: f64) -> String {
    crate::rules::smart::num(n)
}

/// The first string `pattern` looks at (the key's string, or each string of its list) whose
/// match is `forbid`: read in place, no list of them built.
fn pattern_failure(item: &Item<'_>, key: &str, forbid: bool, regex: &regex::Regex) -> Option<Span> {
    let fails = |s: &str| regex.is_match(super::pattern_text(s)) == forbid;
    match item.get(key) {
        Entry::Valid {
            span,
            value: Value::Text(s),
            ..
        } => fails(s).then_some(span),
        Entry::Valid {
            value: Value::Strings(v),
            ..
        } => v.iter().find(|(_, s)| fails(s)).map(|(span, _)| span),
        _ => None,
    }
}

/// The first check the item fails, if any.
fn failure(item: &Item<'_>, checks: &[Check], limits: &Limits) -> Option<Failure> {
    for check in checks {
        match check {
            Check::Require(keys) => {
                for k in keys {
                    match item.get(k) {
                        Entry::Absent(at) => return Some(Failure::at(at.unwrap_or(item.header))),
                        Entry::Valid { span, value, .. } if blank(&value) => {
                            return Some(Failure::at(span));
                        }
                        Entry::Valid { .. } => {}
                    }
                }
            }
            Check::Forbid(keys) => {
                if let Some(key) = keys.iter().find_map(|k| match item.get(k) {
                    Entry::Valid { key, .. } => Some(key),
                    Entry::Absent(_) => None,
                }) {
                    return Some(Failure::at(key));
                }
            }
            Check::Pattern { key, regex, forbid } => {
                if let Some(span) = pattern_failure(item, key, *forbid, regex) {
                    return Some(Failure::at(span));
                }
            }
            Check::Count { key, min, max } => {
                let (lo, hi) = (
                    min.map(|b| b.resolve(limits)),
                    max.map(|b| b.resolve(limits)),
                );
                // Only valid entries count: `[1, 2, 3]` is PL005's, not "3 items". The count
                // and the span of the first item over `hi` need no list of every span.
                let (span, n, over) = match item.get(key) {
                    Entry::Valid {
                        span,
                        value: Value::Strings(v),
                        ..
                    } => (span, v.len(), hi.and_then(|h| v.get(h)).map(|(s, _)| s)),
                    Entry::Valid {
                        span,
                        value: Value::Kpis(k),
                        ..
                    } => (span, k.len(), hi.and_then(|h| k.get(h)).map(|k| k.header)),
                    _ => continue,
                };
                let fail = |span: Span, label: String| Failure {
                    span,
                    count: Some(n),
                    min: lo.map(|v| v.to_string()),
                    max: hi.map(|v| v.to_string()),
                    label: Some(label),
                };
                if let Some(hi) = hi.filter(|hi| n > *hi) {
                    // Label the first item over the limit.
                    return Some(fail(
                        over.unwrap_or(span),
                        format!("item {} of {n}, over the limit of {hi}", hi + 1),
                    ));
                }
                if let Some(lo) = lo.filter(|lo| n < *lo) {
                    return Some(fail(span, format!("{n} of at least {lo}")));
                }
            }
            Check::OneOf { key, values } => {
                if let Entry::Valid {
                    span,
                    value: Value::Text(s),
                    ..
                } = item.get(key)
                    && !values.iter().any(|v| v == s)
                {
                    return Some(Failure::at(span));
                }
            }
            Check::Range { key, min, max } => {
                let Entry::Valid {
                    span,
                    value: Value::Number(n),
                    ..
                } = item.get(key)
                else {
                    continue;
                };
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) || n.is_nan() {
                    return Some(Failure {
                        span,
                        count: None,
                        min: min.map(num),
                        max: max.map(num),
                        label: None,
                    });
                }
            }
            Check::Length { key, min, max } => {
                let Entry::Valid {
                    span,
                    value: Value::Text(s),
                    ..
                } = item.get(key)
                else {
                    continue;
                };
                let n = s.chars().count();
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    return Some(Failure {
                        span,
                        count: Some(n),
                        min: min.map(|v| v.to_string()),
                        max: max.map(|v| v.to_string()),
                        label: None,
                    });
                }
            }
        }
    }
    None
}

/// `{key}`/`{item.key}`, `{goal.key}`, `{plan.key}` → those values; `{item}` → the item's
/// label; `{count}`, `{min}`, `{max}` → the numbers of the failed check; `(none)` when absent.
fn interpolate(template: &str, view: &PlanView<'_>, item: &Item<'_>, failure: &Failure) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let value = match name {
            "item" => Some(item.label()),
            "count" => failure.count.map(|c| c.to_string()),
            "min" => failure.min.clone(),
            "max" => failure.max.clone(),
            _ => {
                let (owner, key) = match name.split_once('.') {
                    Some(("goal", key)) => (goal_of(item), key),
                    Some(("plan", key)) => (plan_item(view), key),
                    Some((_, key)) => (Some(*item), key),
                    None => (Some(*item), name),
                };
                match owner.map(|o| o.get(key)) {
                    Some(Entry::Valid { value, .. }) => Some(value.display()),
                    _ => None,
                }
            }
        };
        out.push_str(value.as_deref().unwrap_or("(none)"));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn goal_of<'p>(item: &Item<'p>) -> Option<Item<'p>> {
    match item.of {
        Of::Kpi { goal, .. } => Some(Item {
            header: goal.header,
            of: Of::Goal(goal),
        }),
        _ => None,
    }
}

fn plan_item<'p>(view: &PlanView<'p>) -> Option<Item<'p>> {
    Some(Item {
        header: view.plan.header.unwrap_or_default(),
        of: Of::Plan(view.plan),
    })
}

/// Where a failed `assert` points: the value of the first key it reads that the item has,
/// else the item.
fn assert_span(item: &Item<'_>, keys: &[String]) -> Span {
    keys.iter()
        .find_map(|k| match item.get(k) {
            Entry::Valid { span, .. } => Some(span),
            Entry::Absent(_) => None,
        })
        .unwrap_or(item.header)
}

/// An expression quoted in a message: whitespace folded, long ones shortened.
fn quoted(text: &str) -> String {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        format!("{}…", one.chars().take(79).collect::<String>())
    } else {
        one
    }
}

/// Runs one pack rule over a plan.
pub fn check(rule: &PackRule, view: &PlanView<'_>, out: &mut Vec<Diagnostic>) {
    if rule.when.is_none() && rule.assert.is_none() {
        // Plain checks (the built-in pack's): no CEL variables to keep per item.
        for item in view.items(rule.select) {
            if let Some(f) = failure(&item, &rule.checks, view.limits) {
                out.push(report(rule, view, &item, &f));
            }
        }
        return;
    }
    for item in view.items(rule.select) {
        let values = ItemValues::default();
        if let Some(when) = &rule.when
            && !matches!(
                view.shared().eval(when, &item, &values),
                Outcome::Bool(true)
            )
        {
            // False, or an error such as a key the item lacks: the rule does not apply.
            continue;
        }
        let f = match failure(&item, &rule.checks, view.limits) {
            Some(f) => f,
            None => match &rule.assert {
                None => continue,
                Some(assert) => match view.shared().eval(assert, &item, &values) {
                    Outcome::Bool(true) => continue,
                    Outcome::Bool(false) => Failure::at(assert_span(&item, &assert.item_keys)),
                    Outcome::Error(e) => {
                        let d = Diagnostic::new(
                            rule.meta.code.clone(),
                            item.header,
                            format!(
                                "cannot evaluate `assert` on {}: `{}`: {e}",
                                item.label(),
                                quoted(&assert.text)
                            ),
                        )
                        .help(format!(
                            "fix the rule's `assert` in pack `{}`; guard a key an item may lack \
                             with `has(item.key)`, and write numbers as doubles (`3.0`)",
                            rule.pack
                        ));
                        out.push(d);
                        continue;
                    }
                },
            },
        };
        out.push(report(rule, view, &item, &f));
    }
}

/// The diagnostic for an item that fails a rule.
fn report(rule: &PackRule, view: &PlanView<'_>, item: &Item<'_>, f: &Failure) -> Diagnostic {
    let mut d = Diagnostic::new(
        rule.meta.code.clone(),
        f.span,
        interpolate(&rule.message, view, item, f),
    );
    d.help = rule.help.as_ref().map(|h| interpolate(h, view, item, f));
    if let Some(label) = &f.label {
        d = d.label(label.clone());
    }
    d
}
