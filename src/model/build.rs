//! Spanned TOML → [`Plan`], recording facts instead of reporting.

use super::plan::*;
use crate::source::Span;
use crate::suggest::closest;
use std::borrow::Cow;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use toml::value::Date;

pub const SCOPES: &[&str] = &[
    "marketing",
    "sales",
    "customer-service",
    "research",
    "it",
    "recruiting",
    "executive-office",
];
pub const PERSPECTIVES: &[&str] = &[
    "customer",
    "financial",
    "internal-process",
    "learning-growth",
];
pub const DIRECTIONS: &[&str] = &["increase", "decrease", "maintain"];
pub const CORE_GOALS: &[&str] = &["increase-profit", "reduce-costs", "increase-satisfaction"];

/// The keys of one kind of table, and where a key is among them.
struct Keys {
    names: &'static [&'static str],
    /// A chain of compares with literals, each a few bytes compared in line: no hash of the key,
    /// no call to `memcmp` per known key of the same length.
    index: fn(&str) -> Option<usize>,
}

/// The public list of a table's keys and its [`Keys`].
macro_rules! keys {
    ($names:ident, $keys:ident = [$($key:literal),* $(,)?]) => {
        pub const $names: &[&str] = &[$($key),*];
        const $keys: Keys = Keys {
            names: $names,
            index: |key| {
                let mut i = 0;
                $(
                    if key == $key {
                        return Some(i);
                    }
                    i += 1;
                )*
                let _ = i;
                None
            },
        };
    };
}

keys!(
    ROOT_KEYS,
    ROOT = ["smplan", "plan", "business_goals", "goal", "tactic", "x"]
);
keys!(
    PLAN_KEYS,
    PLAN = [
        "title",
        "scope",
        "start",
        "end",
        "owner",
        "department",
        "currency",
        "language",
        "mission",
    ]
);
keys!(
    GOAL_KEYS,
    GOAL = ["id", "statement", "supports", "perspective", "kpi"]
);
keys!(
    KPI_KEYS,
    KPI = [
        "id",
        "name",
        "core_goal",
        "unit",
        "baseline",
        "target",
        "direction",
        "deadline",
        "owner",
        "source",
    ]
);
keys!(
    TACTIC_KEYS,
    TACTIC = ["id", "name", "goals", "metrics", "candidates", "cost"]
);
keys!(METRIC_KEYS, METRIC = ["name", "source", "unit"]);

/// Where a key written at the top level belongs, for PL004's help.
fn home(key: &str) -> Option<&'static str> {
    if key == "kpi" {
        Some("KPIs belong to a goal: write `[[goal.kpi]]` under the `[[goal]]` it measures")
    } else if PLAN_KEYS.contains(&key) {
        Some("this key belongs in the `[plan]` table")
    } else if GOAL_KEYS.contains(&key) {
        Some("this key belongs in a `[[goal]]` table")
    } else if KPI_KEYS.contains(&key) {
        Some("this key belongs in a `[[goal.kpi]]` table")
    } else if TACTIC_KEYS.contains(&key) {
        Some("this key belongs in a `[[tactic]]` table")
    } else {
        None
    }
}

pub struct BuildOutcome<'t> {
    pub plan: Plan<'t>,
    pub facts: Vec<Fact>,
}

/// The most regions reserved up front (a real plan has a few hundred lines).
const MAX_RESERVED_REGIONS: usize = 4096;

/// Builds the model. `len` is the text length, for the extent of the last table.
pub fn build<'t>(root: &DeTable<'t>, text: &'t str) -> BuildOutcome<'t> {
    let mut b = Builder {
        facts: Vec::new(),
        // A region per key-value and header, each on a line of its own as plans are written
        // (20 to 30 bytes a line): sized once rather than grown through every power of two,
        // from the length (counting the lines costs a pass over the text). Capped: a hostile
        // file must not reserve memory in proportion to its size.
        regions: Vec::with_capacity((text.len() / 16 + 1).min(MAX_RESERVED_REGIONS)),
        // A plan has a dozen headers or so: grown once at most, not through 1, 2, 4, 8, 16.
        headers: Vec::with_capacity(16),
        unknown_top: Vec::new(),
        text,
    };
    let plan = b.root(root);
    let Builder {
        facts,
        regions,
        headers,
        unknown_top,
        ..
    } = b;
    let mut plan = plan;
    plan.regions = regions;
    plan.unknown_top = unknown_top;
    table_regions(headers, text.len(), &mut plan.regions);
    BuildOutcome { plan, facts }
}

struct Builder<'t> {
    facts: Vec<Fact>,
    regions: Vec<Region>,
    /// (header start, dotted path) of every `[table]` / `[[table]]` header.
    headers: Vec<(usize, &'static str)>,
    unknown_top: Vec<UnknownTop>,
    text: &'t str,
}

/// The most keys a table of the format defines (`[[goal.kpi]]`'s).
const MAX_KNOWN: usize = 10;
const _: () = assert!(
    ROOT_KEYS.len() <= MAX_KNOWN
        && PLAN_KEYS.len() <= MAX_KNOWN
        && GOAL_KEYS.len() <= MAX_KNOWN
        && KPI_KEYS.len() <= MAX_KNOWN
        && TACTIC_KEYS.len() <= MAX_KNOWN
        && METRIC_KEYS.len() <= MAX_KNOWN
);

type Key<'a, 'i> = &'a Spanned<Cow<'i, str>>;
type Value<'a, 'i> = &'a Spanned<DeValue<'i>>;

/// A table being read, its keys sorted once into the known ones (by their place in `known`)
/// and the others: each lookup is then an index, not a hash of the key.
struct Table<'a, 'i> {
    header: Span,
    /// How the table is named in messages: `[plan]`, `[[goal]]`, ...
    name: &'static str,
    known: &'static [&'static str],
    index: fn(&str) -> Option<usize>,
    found: [Option<(Key<'a, 'i>, Value<'a, 'i>)>; MAX_KNOWN],
    /// Keys the format does not define here, in source order (PL004's), each with the known
    /// key closest to it: asked for every key the table lacks, so worked out once.
    unknown: Vec<Unknown<'a, 'i>>,
}

struct Unknown<'a, 'i> {
    key: Key<'a, 'i>,
    value: Value<'a, 'i>,
    closest: Option<&'static str>,
}

impl<'a, 'i> Table<'a, 'i> {
    /// Inlined into each caller, which passes a constant [`Keys`]: the key index is then a
    /// direct compare chain, not a call through a pointer for every key of every table.
    #[inline(always)]
    fn new(table: &'a DeTable<'i>, header: Span, name: &'static str, keys: &Keys) -> Self {
        let known = keys.names;
        let mut found = [None; MAX_KNOWN];
        let mut unknown = Vec::new();
        for (k, v) in table.iter() {
            let key: &str = k.get_ref();
            match (keys.index)(key) {
                Some(i) => found[i] = Some((k, v)),
                None => unknown.push(Unknown {
                    key: k,
                    value: v,
                    closest: closest(key, known.iter().copied()),
                }),
            }
        }
        Table {
            header,
            name,
            known,
            index: keys.index,
            found,
            unknown,
        }
    }

    /// The entry of `key`, one of `known`.
    fn entry(&self, key: &str) -> Option<(Key<'a, 'i>, Value<'a, 'i>)> {
        debug_assert!(
            self.known.contains(&key),
            "`{key}` is not a key of {}",
            self.name
        );
        let i = (self.index)(key)?;
        self.found[i]
    }

    fn get(&self, key: &str) -> Option<(Span, Value<'a, 'i>)> {
        self.entry(key).map(|(k, v)| (Span::from(k.span()), v))
    }

    /// The span of an unknown key that PL004 will suggest `key` for, when `key` itself is
    /// absent: `dedline` is one problem (a typo), not also a missing `deadline`.
    fn misspelt(&self, key: &str) -> Option<Span> {
        if self.entry(key).is_some() {
            return None;
        }
        self.unknown
            .iter()
            .find(|u| u.closest == Some(key))
            .map(|u| Span::from(u.key.span()))
    }

    /// The slot of an absent `key`: misspelt (PL004's) or missing.
    fn absent<T>(&self, key: &str) -> Slot<T> {
        self.misspelt(key)
            .map_or(Slot::Missing, |key| Slot::Misspelt { key })
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(d) if d.time.is_none() => "a date",
        DeValue::Datetime(d) if d.date.is_none() => "a time",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// A TOML number as `f64` (big integers become large floats; `nan`/`inf` stay non-finite).
pub fn number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        // Every integer of a plan that parsed fits 64 bits (PL001): 128 only for other callers.
        DeValue::Integer(i) => Some(match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => n as f64,
            Err(_) => match i128::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => n as f64,
                Err(_) => i.as_str().parse::<f64>().unwrap_or(f64::INFINITY),
            },
        }),
        DeValue::Float(f) => Some(f.as_str().parse::<f64>().unwrap_or(f64::NAN)),
        _ => None,
    }
}

fn local_date(v: &DeValue<'_>) -> Option<Date> {
    match v {
        DeValue::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.date,
        _ => None,
    }
}

/// Nothing but whitespace (what `trim` would leave empty), stopping at the first other char.
fn is_blank(s: &str) -> bool {
    // Most values start with a printable ASCII character, which no whitespace is: no decoding.
    if s.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    s.chars().all(char::is_whitespace)
}

fn looks_like_date(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Kebab-case: ASCII lowercase letters, digits and hyphens, not starting with a hyphen. Read
/// as bytes: every byte of a non-ASCII character is outside that set, as the character is.
fn is_id(s: &str) -> bool {
    let id_byte = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let b = s.as_bytes();
    b.first().is_some_and(id_byte) && b.iter().all(|c| id_byte(c) || *c == b'-')
}

/// The closest kebab-case id, for PL006's help.
fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn allowed_help(allowed: &[&str], got: &str) -> String {
    let list = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(got, allowed.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? allowed values: {list}"),
        None => format!("allowed values: {list}"),
    }
}

impl<'t> Builder<'t> {
    fn fact(&mut self, kind: FactKind, span: Span, message: String, help: Option<String>) {
        self.facts.push(Fact {
            kind,
            span,
            message,
            help,
            hint: None,
        });
    }

    /// Attaches a fix hint to the fact just recorded.
    fn hint(&mut self, hint: Hint) {
        if let Some(f) = self.facts.last_mut() {
            f.hint = Some(hint);
        }
    }

    fn region(&mut self, key: Span, value: Value<'_, '_>) {
        self.regions.push(Region {
            start: key.start,
            end: value.span().end,
        });
    }

    /// Reports every key of `t` the format does not define (PL004).
    fn unknown_keys(&mut self, t: &Table<'_, 't>) {
        for u in &t.unknown {
            let (k, v) = (u.key, u.value);
            let key: &str = k.get_ref();
            self.region(k.span().into(), v);
            if t.header.is_empty() {
                let key_span: Span = k.span().into();
                // `[tactics]` / `[[tactics]]`: the header's brackets come right before the key.
                let header = self.text[..key_span.start].trim_end().ends_with('[');
                self.unknown_top.push(UnknownTop {
                    key: key.to_string(),
                    span: Span::new(key_span.start, v.span().end.max(key_span.end)),
                    header,
                });
            }
            let help = match u.closest {
                Some(best) => format!("did you mean `{best}`?"),
                None if t.header.is_empty() && home(key).is_some() => {
                    home(key).unwrap_or_default().to_string()
                }
                None => format!(
                    "known keys here: {}",
                    t.known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.fact(
                FactKind::UnknownKey,
                k.span().into(),
                if t.header.is_empty() {
                    format!("unknown top-level key `{key}`")
                } else {
                    format!("unknown key `{key}` in `{}`", t.name)
                },
                Some(help),
            );
            // Renaming is a fix only to a key the table lacks, and not for an array of tables
            // written as several `[[headers]]`: the rename would cover only the first.
            let many_tables = v
                .get_ref()
                .as_array()
                .is_some_and(|a| a.len() > 1 && a.iter().any(|i| i.get_ref().is_table()));
            if let Some(best) = u.closest
                && t.entry(best).is_none()
                && !many_tables
            {
                self.hint(Hint::Key(best));
            }
        }
    }

    fn missing(&mut self, t: &Table<'_, 't>, key: &str, example: &str) {
        self.fact(
            FactKind::MissingKey,
            t.header,
            format!("`{}` is missing the required key `{key}`", t.name),
            Some(format!("add `{key} = {example}`")),
        );
    }

    fn wrong_type(&mut self, key: &str, v: Value<'_, '_>, expected: &str) {
        let found = type_name(v.get_ref());
        let help = match v.get_ref() {
            DeValue::String(s) if expected.contains("date") && looks_like_date(s) => {
                format!("write the date without quotes: `{key} = {}`", s.trim())
            }
            DeValue::String(s)
                if expected.contains("number") && s.trim().parse::<f64>().is_ok() =>
            {
                format!("write the number without quotes: `{key} = {}`", s.trim())
            }
            DeValue::Datetime(_) if expected.contains("date") => {
                "write a local date without time or offset, like `2027-12-31`".to_string()
            }
            _ => format!("write {expected} here"),
        };
        self.fact(
            FactKind::WrongType,
            v.span().into(),
            format!("`{key}` must be {expected}, found {found}"),
            Some(help),
        );
        match v.get_ref() {
            DeValue::String(s) if expected.contains("date") => {
                self.hint(Hint::QuotedDate(s.trim().to_string()))
            }
            DeValue::String(s) if expected.contains("number") => {
                self.hint(Hint::QuotedNumber(s.to_string()))
            }
            _ => {}
        }
    }

    fn wrong_item(&mut self, key: &str, item: Value<'_, '_>, expected: &str) {
        let found = type_name(item.get_ref());
        self.fact(
            FactKind::WrongType,
            item.span().into(),
            format!("items of `{key}` must be {expected}, found {found}"),
            Some(format!(
                "write this item as a string, e.g. `\"{}\"`",
                self.text.get(item.span()).unwrap_or("...")
            )),
        );
    }

    /// A string key. `required` reports it missing (PL003); `non_empty` reports blank values (PL006).
    fn string(
        &mut self,
        t: &Table<'_, 't>,
        key: &str,
        required: bool,
        non_empty: bool,
    ) -> Slot<Text<'t>> {
        self.cow(t, key, required, non_empty).map(Cow::clone)
    }

    /// [`Self::string`], borrowing the value: for keys only checked or turned into something else.
    fn str<'a>(
        &mut self,
        t: &Table<'a, 't>,
        key: &str,
        required: bool,
        non_empty: bool,
    ) -> Slot<&'a str> {
        self.cow(t, key, required, non_empty).map(|s| s.as_ref())
    }

    /// The string under `key` as the parser holds it: borrowed from the text, or owned when
    /// the literal has escapes.
    fn cow<'a>(
        &mut self,
        t: &Table<'a, 't>,
        key: &str,
        required: bool,
        non_empty: bool,
    ) -> Slot<&'a Cow<'t, str>> {
        let Some((k, v)) = t.get(key) else {
            if let Some(key) = t.misspelt(key) {
                return Slot::Misspelt { key };
            }
            if required {
                self.missing(t, key, "\"...\"");
            }
            return Slot::Missing;
        };
        self.region(k, v);
        match v.get_ref() {
            DeValue::String(s) if non_empty && is_blank(s) => {
                self.fact(
                    FactKind::InvalidValue,
                    v.span().into(),
                    format!("`{key}` is empty"),
                    Some(format!(
                        "write a value for `{key}`{}",
                        if required { "" } else { " or remove the key" }
                    )),
                );
                Slot::Invalid {
                    key: k,
                    value: v.span().into(),
                }
            }
            DeValue::String(s) => Slot::Valid(Field {
                key: k,
                span: v.span().into(),
                value: s,
            }),
            _ => {
                self.wrong_type(key, v, "a string");
                Slot::Invalid {
                    key: k,
                    value: v.span().into(),
                }
            }
        }
    }

    /// A string with no facts at all: the rule that owns the key reports every problem.
    fn owned_string(&mut self, t: &Table<'_, 't>, key: &str) -> Slot<Text<'t>> {
        let Some((k, v)) = t.get(key) else {
            return t.absent(key);
        };
        self.region(k, v);
        match v.get_ref() {
            DeValue::String(s) => Slot::Valid(Field {
                key: k,
                span: v.span().into(),
                value: s.clone(),
            }),
            _ => Slot::Invalid {
                key: k,
                value: v.span().into(),
            },
        }
    }

    /// A string that must be one of `allowed`: when valid, the allowed value itself.
    fn one_of(
        &mut self,
        t: &Table<'_, 't>,
        key: &str,
        required: bool,
        allowed: &[&'static str],
    ) -> Slot<&'static str> {
        let slot = self.str(t, key, required, false);
        let Slot::Valid(f) = slot else {
            // No value to carry: missing, invalid or misspelt.
            return slot.map(|_| "");
        };
        if let Some(&value) = allowed.iter().find(|a| **a == f.value) {
            return Slot::Valid(Field {
                key: f.key,
                span: f.span,
                value,
            });
        }
        let (span, got, k) = (f.span, f.value, f.key);
        self.fact(
            FactKind::InvalidValue,
            span,
            format!("`{got}` is not a valid `{key}`"),
            Some(allowed_help(allowed, got)),
        );
        if let Some(best) = closest(got, allowed.iter().copied()) {
            self.hint(Hint::Value(best));
        }
        Slot::Invalid {
            key: k,
            value: span,
        }
    }

    /// `plan.language`: a lowercase two- or three-letter BCP 47 primary tag (`en`, `bg`).
    fn language(&mut self, t: &Table<'_, 't>) -> Slot<Text<'t>> {
        let slot = self.string(t, "language", false, true);
        if let Slot::Valid(f) = &slot
            && !is_language_tag(&f.value)
        {
            let lower = f.value.trim().to_lowercase();
            let primary = lower.split(['-', '_']).next().unwrap_or_default();
            let help = if is_language_tag(primary) {
                format!("write the primary language tag alone: `language = \"{primary}\"`")
            } else {
                "write a lowercase two- or three-letter language tag, e.g. `language = \"en\"` or `language = \"bg\"`".to_string()
            };
            let (span, k) = (f.span, f.key);
            self.fact(
                FactKind::InvalidValue,
                span,
                format!("`{}` is not a language tag", f.value.escape_debug()),
                Some(help),
            );
            return Slot::Invalid {
                key: k,
                value: span,
            };
        }
        slot
    }

    fn id(&mut self, t: &Table<'_, 't>) -> Slot<Text<'t>> {
        let slot = self.string(t, "id", true, true);
        if let Slot::Valid(f) = &slot
            && !is_id(&f.value)
        {
            let suggestion = kebab(&f.value);
            let help = if suggestion.is_empty() {
                "use lowercase letters, digits and hyphens, starting with a letter or digit"
                    .to_string()
            } else {
                format!("use lowercase letters, digits and hyphens: `id = \"{suggestion}\"`")
            };
            let span = f.span;
            let k = f.key;
            self.fact(
                FactKind::InvalidValue,
                span,
                format!("id `{}` is not kebab-case", f.value),
                Some(help),
            );
            return Slot::Invalid {
                key: k,
                value: span,
            };
        }
        slot
    }

    fn date(&mut self, t: &Table<'_, 't>, key: &str, required: bool) -> Slot<Date> {
        let Some((k, v)) = t.get(key) else {
            if let Some(key) = t.misspelt(key) {
                return Slot::Misspelt { key };
            }
            if required {
                self.missing(t, key, "2027-12-31");
            }
            return Slot::Missing;
        };
        self.region(k, v);
        match local_date(v.get_ref()) {
            Some(d) => Slot::Valid(Field {
                key: k,
                span: v.span().into(),
                value: d,
            }),
            None => {
                self.wrong_type(key, v, "a date like 2027-12-31");
                Slot::Invalid {
                    key: k,
                    value: v.span().into(),
                }
            }
        }
    }

    /// A number; `min` is the smallest allowed value (PL006 below it or when not finite).
    fn number(&mut self, t: &Table<'_, 't>, key: &str, min: Option<f64>) -> Slot<f64> {
        let Some((k, v)) = t.get(key) else {
            return t.absent(key);
        };
        self.region(k, v);
        let span: Span = v.span().into();
        match number(v.get_ref()) {
            Some(n) if !n.is_finite() => {
                self.fact(
                    FactKind::InvalidValue,
                    span,
                    format!("`{key}` is not a finite number"),
                    Some(format!("write a finite number for `{key}`")),
                );
                Slot::Invalid {
                    key: k,
                    value: span,
                }
            }
            Some(n) if min.is_some_and(|m| n < m) => {
                self.fact(
                    FactKind::InvalidValue,
                    span,
                    format!("`{key}` must not be negative"),
                    Some(format!("write `{key} = 0` or a positive amount")),
                );
                Slot::Invalid {
                    key: k,
                    value: span,
                }
            }
            Some(n) => Slot::Valid(Field {
                key: k,
                span,
                value: n,
            }),
            None => {
                self.wrong_type(key, v, "a number");
                Slot::Invalid {
                    key: k,
                    value: span,
                }
            }
        }
    }

    /// The key span, value span and items of the array under `key`; anything else is PL005
    /// (`expected`), and `Err` holds the slot to return for it.
    fn array<'a, 'i, T>(
        &mut self,
        t: &Table<'a, 'i>,
        key: &str,
        expected: &str,
    ) -> Result<(Span, Span, &'a DeArray<'i>), Slot<T>> {
        let Some((k, v)) = t.get(key) else {
            return Err(t.absent(key));
        };
        self.region(k, v);
        match v.get_ref().as_array() {
            Some(items) => Ok((k, v.span().into(), items)),
            None => {
                self.wrong_type(key, v, expected);
                Err(Slot::Invalid {
                    key: k,
                    value: v.span().into(),
                })
            }
        }
    }

    /// An array of strings whose absence or emptiness a specific rule owns.
    fn string_list(&mut self, t: &Table<'_, 't>, key: &str) -> Slot<Vec<Str<'t>>> {
        let (k, span, items) = match self.array(t, key, "an array of strings") {
            Ok(array) => array,
            Err(slot) => return slot,
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Str {
                    value: s.clone(),
                    span: item.span().into(),
                }),
                _ => self.wrong_item(key, item, "strings"),
            }
        }
        Slot::Valid(Field {
            key: k,
            span,
            value: out,
        })
    }

    fn metrics(&mut self, t: &Table<'_, 't>, key: &str) -> Slot<Vec<Metric<'t>>> {
        let (k, span, items) = match self.array(t, key, "an array of metric names") {
            Ok(array) => array,
            Err(slot) => return slot,
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            let span: Span = item.span().into();
            match item.get_ref() {
                DeValue::String(s) if is_blank(s) => self.fact(
                    FactKind::InvalidValue,
                    span,
                    format!("a metric in `{key}` is empty"),
                    Some("name the metric or remove the empty entry".into()),
                ),
                DeValue::String(s) => out.push(Metric {
                    name: s.clone(),
                    span,
                }),
                DeValue::Table(table) => {
                    let mt = Table::new(table, span, "metric", &METRIC);
                    let name = self.cow(&mt, "name", true, true);
                    self.str(&mt, "source", false, true);
                    self.str(&mt, "unit", false, true);
                    self.unknown_keys(&mt);
                    if let Some(n) = name.value() {
                        out.push(Metric {
                            name: Cow::clone(n),
                            span,
                        });
                    }
                }
                _ => self.wrong_item(key, item, "strings or `{ name = \"...\" }` tables"),
            }
        }
        Slot::Valid(Field {
            key: k,
            span,
            value: out,
        })
    }

    /// The array of tables under `key` (`[[goal]]`), whose items [`tables_in`] yields; anything
    /// else, and any item that is not a table, is PL005 (reported here, before the tables are
    /// read). Also says whether anything under `key` had the wrong type, so that "no goals" /
    /// "no KPIs" rules stay silent. `header` is how the table is written.
    fn tables<'a, 'i>(
        &mut self,
        t: &Table<'a, 'i>,
        key: &str,
        header: &str,
    ) -> (Option<&'a DeArray<'i>>, bool) {
        let Some((k, v)) = t.get(key) else {
            // A misspelt `[[goal.kpis]]` counts as written, for "no KPIs" rules.
            return (None, t.misspelt(key).is_some());
        };
        let Some(items) = v.get_ref().as_array() else {
            self.region(k, v);
            self.wrong_type(key, v, &format!("an array of tables (`[[{header}]]`)"));
            return (None, true);
        };
        let mut mistyped = false;
        for item in items.iter() {
            if !item.get_ref().is_table() {
                mistyped = true;
                self.wrong_type(key, item, &format!("a table (`[[{header}]]`)"));
            }
        }
        (Some(items), mistyped)
    }

    fn note_header(&mut self, span: Span, path: &'static str) {
        if self.text.as_bytes().get(span.start) == Some(&b'[') {
            self.headers.push((span.start, path));
        }
    }

    fn root(&mut self, root: &DeTable<'t>) -> Plan<'t> {
        let t = Table::new(root, Span::new(0, 0), "the plan file", &ROOT);
        let mut plan = Plan::default();
        // `smplan` is PL008's alone.
        if let Some((k, v)) = t.get("smplan") {
            self.region(k, v);
            // The version is an integer: `1.0` or an overflowing number is not version 1.
            let integer = match v.get_ref() {
                DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
                _ => None,
            };
            plan.version = match integer {
                Some(n) => Slot::Valid(Field {
                    key: k,
                    span: v.span().into(),
                    value: n,
                }),
                None => Slot::Invalid {
                    key: k,
                    value: v.span().into(),
                },
            };
        }
        match t.get("plan") {
            Some((_, v)) => match v.get_ref() {
                DeValue::Table(table) => {
                    let header: Span = v.span().into();
                    self.note_header(header, "plan");
                    self.plan_table(&mut plan, Table::new(table, header, "[plan]", &PLAN));
                }
                _ => self.wrong_type("plan", v, "a table (`[plan]`)"),
            },
            // A misspelt `[plans]` is PL004's alone.
            None if t.misspelt("plan").is_some() => {}
            None => self.fact(
                FactKind::MissingKey,
                t.header,
                "the plan file has no `[plan]` table".into(),
                Some("add a `[plan]` table with title, scope, start, end and mission".into()),
            ),
        }
        if let Some((_, v)) = t.get("business_goals") {
            match v.get_ref() {
                DeValue::Table(table) => {
                    let header: Span = v.span().into();
                    self.note_header(header, "business_goals");
                    plan.business_goals = Some(self.business_goals(table, header));
                }
                _ => {
                    plan.business_goals_unreadable = true;
                    self.wrong_type(
                        "business_goals",
                        v,
                        "a table of letters (`[business_goals]`)",
                    )
                }
            }
        } else {
            plan.business_goals_unreadable = t.misspelt("business_goals").is_some();
        }
        if let Some((_, v)) = t.get("x") {
            self.note_header(v.span().into(), "x");
        }
        let (goals, goals_mistyped) = self.tables(&t, "goal", "goal");
        plan.goals_mistyped = goals_mistyped;
        // Sized on an empty Vec: the direct allocation, not `reserve_exact`'s slower grow path.
        plan.goals = Vec::with_capacity(goals.map_or(0, |a| a.len()));
        for (table, header) in tables_in(goals) {
            self.note_header(header, "goal");
            let goal = self.goal(table, header);
            plan.goals.push(goal);
        }
        let (tactics, tactics_unreadable) = self.tables(&t, "tactic", "tactic");
        plan.tactics_unreadable = tactics_unreadable;
        plan.tactics = Vec::with_capacity(tactics.map_or(0, |a| a.len()));
        for (table, header) in tables_in(tactics) {
            self.note_header(header, "tactic");
            let tactic = self.tactic(table, header);
            plan.tactics.push(tactic);
        }
        self.unknown_keys(&t);
        plan
    }

    fn plan_table(&mut self, plan: &mut Plan<'t>, t: Table<'_, 't>) {
        plan.header = Some(t.header);
        plan.title = self.string(&t, "title", true, true);
        plan.scope = self.one_of(&t, "scope", true, SCOPES).map(Cow::Borrowed);
        plan.start = self.date(&t, "start", true);
        plan.end = self.date(&t, "end", true);
        plan.owner = self.string(&t, "owner", false, true);
        plan.department = self.string(&t, "department", false, true);
        plan.currency = self.string(&t, "currency", false, true);
        plan.language = self.language(&t);
        // Missing or blank is MS001's; only a wrong type is generic.
        plan.mission = self.string(&t, "mission", false, false);
        self.unknown_keys(&t);
    }

    fn business_goals(&mut self, table: &DeTable<'t>, header: Span) -> BusinessGoals<'t> {
        let mut letters = Vec::new();
        for (k, v) in table.iter() {
            let key = Str {
                value: k.get_ref().clone(),
                span: k.span().into(),
            };
            self.region(key.span, v);
            let valid = key.value.len() == 1 && key.value.as_bytes()[0].is_ascii_uppercase();
            let text = match v.get_ref() {
                DeValue::String(s) if is_blank(s) => {
                    self.fact(
                        FactKind::InvalidValue,
                        v.span().into(),
                        format!("business goal `{}` is empty", key.value),
                        Some("write the business goal this letter stands for".into()),
                    );
                    Slot::Invalid {
                        key: key.span,
                        value: v.span().into(),
                    }
                }
                DeValue::String(s) => Slot::Valid(Field {
                    key: key.span,
                    span: v.span().into(),
                    value: s.clone(),
                }),
                _ => {
                    self.wrong_type(&key.value, v, "a string describing the business goal");
                    Slot::Invalid {
                        key: key.span,
                        value: v.span().into(),
                    }
                }
            };
            letters.push(Letter { key, text, valid });
        }
        BusinessGoals { header, letters }
    }

    fn goal(&mut self, table: &DeTable<'t>, header: Span) -> Goal<'t> {
        let t = Table::new(table, header, "[[goal]]", &GOAL);
        let mut goal = Goal {
            header,
            ..Goal::default()
        };
        goal.id = self.id(&t);
        goal.statement = self.string(&t, "statement", true, true);
        goal.supports = self.string_list(&t, "supports");
        goal.perspective = self
            .one_of(&t, "perspective", false, PERSPECTIVES)
            .map(Cow::Borrowed);
        let (kpis, kpis_mistyped) = self.tables(&t, "kpi", "goal.kpi");
        goal.kpis_mistyped = kpis_mistyped;
        goal.kpis = Vec::with_capacity(kpis.map_or(0, |a| a.len()));
        for (table, header) in tables_in(kpis) {
            self.note_header(header, "goal.kpi");
            let kpi = self.kpi(table, header);
            goal.kpis.push(kpi);
        }
        self.unknown_keys(&t);
        goal
    }

    fn kpi(&mut self, table: &DeTable<'t>, header: Span) -> Kpi<'t> {
        let t = Table::new(table, header, "[[goal.kpi]]", &KPI);
        let mut kpi = Kpi {
            header,
            ..Kpi::default()
        };
        kpi.id = self.id(&t);
        kpi.name = self.string(&t, "name", true, true);
        kpi.core_goal = self.owned_string(&t, "core_goal");
        kpi.unit = match t.get("unit") {
            Some((_, v)) if !v.get_ref().is_str() => self.string(&t, "unit", false, false),
            _ => self.owned_string(&t, "unit"),
        };
        kpi.baseline = self.number(&t, "baseline", None);
        if let Some((k, v)) = t.get("target") {
            self.region(k, v);
            kpi.target = match number(v.get_ref()) {
                Some(n) if n.is_finite() => Slot::Valid(Field {
                    key: k,
                    span: v.span().into(),
                    value: n,
                }),
                _ => Slot::Invalid {
                    key: k,
                    value: v.span().into(),
                },
            };
            kpi.target_text = v.get_ref().as_str().map(str::to_string);
        } else if let Some(key) = t.misspelt("target") {
            kpi.target = Slot::Misspelt { key };
        }
        kpi.direction = self
            .one_of(&t, "direction", false, DIRECTIONS)
            .map(|d| match d {
                "increase" => Direction::Increase,
                "decrease" => Direction::Decrease,
                _ => Direction::Maintain,
            });
        // Missing is SM005's; a wrong type is generic.
        kpi.deadline = self.date(&t, "deadline", false);
        kpi.owner = self.string(&t, "owner", false, true);
        kpi.source = self.string(&t, "source", false, true);
        self.unknown_keys(&t);
        kpi
    }

    fn tactic(&mut self, table: &DeTable<'t>, header: Span) -> Tactic<'t> {
        let t = Table::new(table, header, "[[tactic]]", &TACTIC);
        let mut tactic = Tactic {
            header,
            ..Tactic::default()
        };
        tactic.id = self.id(&t);
        tactic.name = self.string(&t, "name", true, true);
        tactic.goals = self.string_list(&t, "goals");
        tactic.metrics = self.metrics(&t, "metrics");
        tactic.candidates = self.metrics(&t, "candidates");
        tactic.cost = self.number(&t, "cost", Some(0.0));
        self.unknown_keys(&t);
        tactic
    }
}

/// The tables of an array [`Builder::tables`] returned, with their spans, in order.
fn tables_in<'a, 'i>(
    items: Option<&'a DeArray<'i>>,
) -> impl Iterator<Item = (&'a DeTable<'i>, Span)> {
    items
        .into_iter()
        .flat_map(|a| a.iter())
        .filter_map(|item| match item.get_ref() {
            DeValue::Table(table) => Some((table, Span::from(item.span()))),
            _ => None,
        })
}

/// Extent of each header's table, added to `out`: up to the next header not nested in it.
fn table_regions(mut headers: Vec<(usize, &'static str)>, len: usize, out: &mut Vec<Region>) {
    headers.sort_by_key(|h| h.0);
    out.reserve(headers.len());
    for (i, (start, path)) in headers.iter().enumerate() {
        let end = headers[i + 1..]
            .iter()
            .find(|(_, p)| {
                !(p.len() > path.len() && p.starts_with(path) && p.as_bytes()[path.len()] == b'.')
            })
            .map_or(len, |h| h.0);
        out.push(Region { start: *start, end });
    }
}

/// A lowercase two- or three-letter BCP 47 primary language subtag (`en`, `bg`, `fil`).
pub fn is_language_tag(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::{is_blank, is_id};

    #[test]
    fn the_byte_checks_agree_with_the_char_checks() {
        for s in [
            "",
            " ",
            "\t\n",
            "\u{a0}",
            "\u{3000}x",
            " x",
            "x",
            "goal-1",
            "-goal",
            "Goal",
            "g_1",
            "1st",
            "gé",
            "é",
            "kpi-\u{660}",
            "a b",
            "\u{1c}",
            "~",
        ] {
            assert_eq!(is_blank(s), s.chars().all(char::is_whitespace), "{s:?}");
            let mut chars = s.chars();
            let id = chars
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            assert_eq!(is_id(s), id, "{s:?}");
        }
    }
}
