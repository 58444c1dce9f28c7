//! Evaluating pack rules over the parsed TOML of a plan.

use super::{Check, PackRule, Selector};
use crate::config::Limits;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// `{name}` placeholders in a message.
pub fn placeholders(message: &str) -> impl Iterator<Item = &str> {
    message
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// One selected item: a table (or, for `business_goals.*`, a letter and its text).
enum Item<'a, 'i> {
    Table {
        table: &'a DeTable<'i>,
        header: Span,
    },
    Letter {
        key: &'a Spanned<std::borrow::Cow<'i, str>>,
        value: &'a Spanned<DeValue<'i>>,
    },
}

/// A key's value within an item, with the spans to label.
struct Found<'a, 'i> {
    key: Span,
    value: &'a Spanned<DeValue<'i>>,
}

impl<'a, 'i> Item<'a, 'i> {
    fn header(&self) -> Span {
        match self {
            Item::Table { header, .. } => *header,
            Item::Letter { key, .. } => key.span().into(),
        }
    }

    fn get(&self, key: &str) -> Option<Found<'a, 'i>> {
        match self {
            Item::Table { table, .. } => table.get_key_value(key).map(|(k, v)| Found {
                key: k.span().into(),
                value: v,
            }),
            Item::Letter { key: k, value } => match key {
                "text" => Some(Found {
                    key: k.span().into(),
                    value,
                }),
                _ => None, // `letter` is handled as a string below
            },
        }
    }

    fn string(&self, key: &str) -> Option<(Span, String)> {
        if let (Item::Letter { key: k, .. }, "letter") = (self, key) {
            return Some((k.span().into(), k.get_ref().to_string()));
        }
        let f = self.get(key)?;
        f.value
            .get_ref()
            .as_str()
            .map(|s| (f.value.span().into(), s.to_string()))
    }
}

fn items<'a, 'i>(root: &'a DeTable<'i>, select: Selector) -> Vec<Item<'a, 'i>> {
    let tables = |v: Option<&'a Spanned<DeValue<'i>>>| -> Vec<Item<'a, 'i>> {
        v.and_then(|v| v.get_ref().as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|t| {
                        t.get_ref().as_table().map(|table| Item::Table {
                            table,
                            header: t.span().into(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    match select {
        Selector::Plan => root
            .get("plan")
            .and_then(|v| {
                v.get_ref().as_table().map(|table| Item::Table {
                    table,
                    header: v.span().into(),
                })
            })
            .into_iter()
            .collect(),
        Selector::BusinessGoals => root
            .get("business_goals")
            .and_then(|v| v.get_ref().as_table())
            .map(|t| {
                t.iter()
                    .map(|(key, value)| Item::Letter { key, value })
                    .collect()
            })
            .unwrap_or_default(),
        Selector::Goal => tables(root.get("goal")),
        Selector::Tactic => tables(root.get("tactic")),
        Selector::Kpi => tables(root.get("goal"))
            .into_iter()
            .flat_map(|g| match g {
                Item::Table { table, .. } => tables(table.get("kpi")),
                Item::Letter { .. } => Vec::new(),
            })
            .collect(),
    }
}

fn blank(v: &DeValue<'_>) -> bool {
    match v {
        DeValue::String(s) => s.trim().is_empty(),
        DeValue::Array(a) => a.is_empty(),
        DeValue::Table(t) => t.is_empty(),
        _ => false,
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
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The first check the item fails, if any.
fn failure(item: &Item<'_, '_>, checks: &[Check], limits: &Limits) -> Option<Failure> {
    for check in checks {
        match check {
            Check::Require(keys) => {
                for k in keys {
                    if k == "letter" && matches!(item, Item::Letter { .. }) {
                        continue;
                    }
                    match item.get(k) {
                        None => return Some(Failure::at(item.header())),
                        Some(f) if blank(f.value.get_ref()) => {
                            return Some(Failure::at(f.value.span().into()));
                        }
                        Some(_) => {}
                    }
                }
            }
            Check::Forbid(keys) => {
                if let Some(f) = keys.iter().find_map(|k| item.get(k)) {
                    return Some(Failure::at(f.key));
                }
            }
            Check::Pattern { key, regex, forbid } => {
                let values: Vec<(Span, String)> = match item.get(key) {
                    Some(f) => match f.value.get_ref() {
                        DeValue::Array(a) => a
                            .iter()
                            .filter_map(|v| {
                                v.get_ref()
                                    .as_str()
                                    .map(|s| (Span::from(v.span()), s.to_string()))
                            })
                            .collect(),
                        _ => item.string(key).into_iter().collect(),
                    },
                    None => item.string(key).into_iter().collect(),
                };
                if let Some((span, _)) = values.iter().find(|(_, s)| regex.is_match(s) == *forbid) {
                    return Some(Failure::at(*span));
                }
            }
            Check::Count { key, min, max } => {
                let Some(f) = item.get(key) else { continue };
                let Some(array) = f.value.get_ref().as_array() else {
                    continue;
                };
                let n = array.len();
                let (lo, hi) = (
                    min.map(|b| b.resolve(limits)),
                    max.map(|b| b.resolve(limits)),
                );
                let fail = |span: Span, label: String| Failure {
                    span,
                    count: Some(n),
                    min: lo.map(|v| v.to_string()),
                    max: hi.map(|v| v.to_string()),
                    label: Some(label),
                };
                if let Some(hi) = hi.filter(|hi| n > *hi) {
                    // Label the first item over the limit.
                    let span = array.get(hi).map_or(f.key, |v| Span::from(v.span()));
                    return Some(fail(
                        span,
                        format!("item {} of {n}, over the limit of {hi}", hi + 1),
                    ));
                }
                if let Some(lo) = lo.filter(|lo| n < *lo) {
                    return Some(fail(f.value.span().into(), format!("{n} of at least {lo}")));
                }
            }
            Check::OneOf { key, values } => {
                if let Some((span, s)) = item.string(key)
                    && !values.contains(&s)
                {
                    return Some(Failure::at(span));
                }
            }
            Check::Range { key, min, max } => {
                let Some(f) = item.get(key) else { continue };
                let Some(n) = crate::model::number(f.value.get_ref()) else {
                    continue;
                };
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) || n.is_nan() {
                    return Some(Failure {
                        span: f.value.span().into(),
                        count: None,
                        min: min.map(num),
                        max: max.map(num),
                        label: None,
                    });
                }
            }
            Check::Length { key, min, max } => {
                let Some((span, s)) = item.string(key) else {
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

/// `{key}` → the item's value (strings unquoted, others as written).
/// `{item}`: how messages name the selected item, as the built-in rules do ("goal `deflect`",
/// or "this goal" when it has no usable id).
fn item_label(select: Selector, item: &Item<'_, '_>) -> String {
    let (kind, this) = match select {
        Selector::Plan => return "the plan".to_string(),
        Selector::BusinessGoals => {
            return item
                .string("letter")
                .map_or("this business goal".into(), |(_, l)| {
                    format!("business goal `{l}`")
                });
        }
        Selector::Goal => ("goal", "this goal"),
        Selector::Kpi => ("KPI", "this KPI"),
        Selector::Tactic => ("tactic", "this tactic"),
    };
    match item.string("id") {
        Some((_, id)) if !id.trim().is_empty() => format!("{kind} `{id}`"),
        _ => this.to_string(),
    }
}

fn interpolate(
    template: &str,
    select: Selector,
    item: &Item<'_, '_>,
    text: &str,
    failure: &Failure,
) -> String {
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
            "item" => Some(item_label(select, item)),
            "count" => failure.count.map(|c| c.to_string()),
            "min" => failure.min.clone(),
            "max" => failure.max.clone(),
            _ => item.string(name).map(|(_, s)| s).or_else(|| {
                item.get(name).and_then(|f| {
                    text.get(Span::from(f.value.span()).start..f.value.span().end)
                        .map(str::to_string)
                })
            }),
        };
        out.push_str(value.as_deref().unwrap_or("?"));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Runs one pack rule over a plan's parsed TOML.
pub fn check(
    rule: &PackRule,
    root: &DeTable<'_>,
    text: &str,
    limits: &Limits,
    out: &mut Vec<Diagnostic>,
) {
    for item in items(root, rule.select) {
        if let Some(f) = failure(&item, &rule.checks, limits) {
            let mut d = Diagnostic::new(
                rule.meta.code,
                f.span,
                interpolate(&rule.message, rule.select, &item, text, &f),
            );
            d.help = rule
                .help
                .as_ref()
                .map(|h| interpolate(h, rule.select, &item, text, &f));
            if let Some(label) = &f.label {
                d = d.label(label.clone());
            }
            out.push(d);
        }
    }
}
