//! Reading and validating a pack file. Every problem is exit 2 with a label in the pack.

use super::expr::{self, Expr};
use super::{Bound, Check, Example, Known, LimitRef, Pack, PackRule, Selector};
use crate::diagnostic::Code;
use crate::diagnostic::Level;
use crate::error::ConfigError;
use crate::rules::Metadata;
use crate::source::NamedText;
use miette::SourceSpan;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The tool's own packs, compiled in from the repository's `rules/` folder.
pub const BUILTIN_PACKS: &[(&str, &str)] =
    &[("rules/method.toml", include_str!("../../rules/method.toml"))];

/// Area prefixes of the built-in rules; user packs may not use them.
const RESERVED: &[&str] = &[
    "PL", "SC", "BG", "MS", "GL", "KP", "SM", "TC", "MT", "BS", "HI", "SU",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: PackHeader,
    #[serde(default)]
    rule: Vec<RuleFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackHeader {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
}

type Keys = Spanned<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    code: Spanned<String>,
    name: Spanned<String>,
    severity: Spanned<String>,
    summary: String,
    docs: Option<String>,
    select: Spanned<String>,
    message: Spanned<String>,
    help: Option<Spanned<String>>,
    require: Option<Keys>,
    forbid: Option<Keys>,
    pattern: Option<PatternFile>,
    count: Option<CountFile>,
    one_of: Option<OneOfFile>,
    range: Option<RangeFile>,
    length: Option<LengthFile>,
    when: Option<Spanned<String>>,
    assert: Option<Spanned<String>>,
    #[serde(default)]
    example: Vec<Spanned<ExampleFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    key: Spanned<String>,
    regex: Spanned<String>,
    #[serde(default)]
    forbid: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountFile {
    key: Spanned<String>,
    min: Option<Spanned<BoundFile>>,
    max: Option<Spanned<BoundFile>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BoundFile {
    Number(usize),
    Limit(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OneOfFile {
    key: Spanned<String>,
    values: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeFile {
    key: Spanned<String>,
    min: Option<f64>,
    max: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LengthFile {
    key: Spanned<String>,
    min: Option<usize>,
    max: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    plan: String,
    #[serde(default)]
    expect: Vec<Spanned<String>>,
    #[serde(default)]
    expect_not: Vec<Spanned<String>>,
}

struct Ctx<'a> {
    name: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    fn error(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError {
            message,
            src: Some(NamedText::new(self.name, self.text.to_string())),
            span: Some(SourceSpan::from(span)),
            label: "here".into(),
            help,
        }
    }

    fn key(&self, select: Selector, key: &Spanned<String>) -> Result<String, ConfigError> {
        let k = key.get_ref();
        if select.keys().contains(&k.as_str()) {
            return Ok(k.clone());
        }
        let list = select
            .keys()
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match crate::suggest::closest(k, select.keys().iter().copied()) {
            Some(best) => format!("did you mean `{best}`? keys here: {list}"),
            None => format!("keys here: {list}"),
        };
        Err(self.error(
            key.span(),
            format!("`{k}` is not a key of the selected items"),
            Some(help),
        ))
    }

    fn keys(&self, select: Selector, keys: &Keys) -> Result<Vec<String>, ConfigError> {
        if keys.get_ref().is_empty() {
            return Err(self.error(keys.span(), "the list of keys is empty".into(), None));
        }
        keys.get_ref().iter().map(|k| self.key(select, k)).collect()
    }

    /// Compiles a `when`/`assert` expression; an error points into its text in the pack.
    fn expr(&self, select: Selector, e: &Spanned<String>) -> Result<Expr, ConfigError> {
        expr::compile(e.get_ref(), select).map_err(|err| {
            let span = e.span();
            // The expression's own offsets map into the pack when the TOML string has no
            // escapes (its text is the literal between the quotes); else label the whole value.
            let raw = self.text.get(span.clone()).unwrap_or_default();
            let inner = raw
                .get(1..raw.len().saturating_sub(1))
                .filter(|inner| *inner == e.get_ref());
            let at = match (inner, err.at) {
                (Some(inner), Some((start, end))) => {
                    let byte =
                        |c: usize| inner.char_indices().nth(c).map_or(inner.len(), |(b, _)| b);
                    let (s, t) = (byte(start), byte(end).max(byte(start) + 1).min(inner.len()));
                    (span.start + 1 + s)..(span.start + 1 + t.max(s))
                }
                _ => span,
            };
            self.error(at, err.message, err.help)
        })
    }

    fn bound(&self, b: &Option<Spanned<BoundFile>>) -> Result<Option<Bound>, ConfigError> {
        let Some(b) = b else { return Ok(None) };
        match b.get_ref() {
            BoundFile::Number(n) => Ok(Some(Bound::Fixed(*n))),
            BoundFile::Limit(name) => match LimitRef::ALL.iter().find(|(n, _)| n == name) {
                Some((_, l)) => Ok(Some(Bound::Limit(*l))),
                None => Err(self.error(
                    b.span(),
                    format!("`{name}` is not a count limit"),
                    Some(format!(
                        "use a number or one of {}",
                        LimitRef::ALL
                            .iter()
                            .map(|(n, _)| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                )),
            },
        }
    }
}

fn is_code(code: &str) -> Option<&str> {
    let letters = code.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = code.len() - letters.len();
    let ok = (2..=8).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && digits == 3;
    ok.then_some(letters)
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Loads a user pack from disk.
pub fn load_pack(path: &Path, catalog: &dyn Known) -> Result<Pack, ConfigError> {
    load_pack_from(path, path, &crate::source::Disk, catalog)
}

/// Loads a user pack through `sources` (an unsaved buffer, else the disk), within the same
/// size limit either way.
/// `path` is what messages show; the text is read from `access` (the same file, resolved from
/// the front end's working directory).
pub fn load_pack_from(
    path: &Path,
    access: &Path,
    sources: &dyn crate::source::Sources,
    catalog: &dyn Known,
) -> Result<Pack, ConfigError> {
    let limit = crate::source::CONFIG_BYTES;
    let text = crate::source::read_text_from(sources, access, limit).map_err(|e| {
        ConfigError::plain(format!(
            "cannot read rule pack `{}`: {}",
            path.display(),
            crate::error::config_read_reason(&e)
        ))
    })?;
    load_pack_text(&path.display().to_string(), &text, catalog, false)
}

/// Parses and validates a pack. `builtin` packs may use the built-in code prefixes.
pub fn load_pack_text(
    name: &str,
    text: &str,
    catalog: &dyn Known,
    builtin: bool,
) -> Result<Pack, ConfigError> {
    let cx = Ctx { name, text };
    let file: PackFile = toml::from_str(text).map_err(|e| ConfigError {
        message: format!("invalid rule pack: {}", e.message().trim_end()),
        src: Some(NamedText::new(name, text.to_string())),
        span: e.span().map(SourceSpan::from),
        label: "here".into(),
        help: Some("see rules/README.md for the pack language".into()),
    })?;
    if !is_kebab(file.pack.name.get_ref()) {
        return Err(cx.error(
            file.pack.name.span(),
            "a pack name is kebab-case, like `acme`".into(),
            None,
        ));
    }
    let pack_name = Code::from(file.pack.name.get_ref().clone());
    let mut rules: Vec<PackRule> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut example_codes: Vec<&Vec<Spanned<ExampleFile>>> = Vec::new();
    for r in &file.rule {
        let code = r.code.get_ref();
        let Some(letters) = is_code(code) else {
            return Err(cx.error(
                r.code.span(),
                format!("`{code}` is not a rule code"),
                Some("write two to eight capital letters then three digits, like `ACME001`".into()),
            ));
        };
        if !builtin && RESERVED.contains(&letters) {
            let help = match builtin_pack_named(name, text) {
                Some(p) => format!(
                    "`{p}` is built into smplan and its rules are always on: run its examples \
                     with `smplan test-pack --builtin`"
                ),
                None => "give your pack its own prefix, like `ACME001`".into(),
            };
            return Err(cx.error(
                r.code.span(),
                format!("`{code}` uses the built-in prefix `{letters}`"),
                Some(help),
            ));
        }
        if let Some((_, pack)) = catalog.find(code) {
            let by = pack.map_or("a built-in rule".to_string(), |p| format!("pack `{p}`"));
            return Err(cx.error(
                r.code.span(),
                format!("code `{code}` is already used by {by}"),
                None,
            ));
        }
        if !is_kebab(r.name.get_ref()) {
            return Err(cx.error(
                r.name.span(),
                "a rule name is kebab-case, like `kpi-without-source`".into(),
                None,
            ));
        }
        if catalog.find(r.name.get_ref()).is_some()
            || seen.iter().any(|(_, n)| n == r.name.get_ref())
        {
            return Err(cx.error(
                r.name.span(),
                format!("rule name `{}` is already used", r.name.get_ref()),
                None,
            ));
        }
        if seen.iter().any(|(c, _)| c == code) {
            return Err(cx.error(
                r.code.span(),
                format!("code `{code}` appears twice in this pack"),
                None,
            ));
        }
        seen.push((code.clone(), r.name.get_ref().clone()));
        let severity = match Level::parse(r.severity.get_ref()).and_then(Level::severity) {
            Some(s) => s,
            None => {
                return Err(cx.error(
                    r.severity.span(),
                    format!("`{}` is not a severity", r.severity.get_ref()),
                    Some(
                        "use `error`, `warning` or `info` (turn rules off in `smplan.toml`)".into(),
                    ),
                ));
            }
        };
        let Some(&(_, select)) = Selector::ALL.iter().find(|(s, _)| s == r.select.get_ref()) else {
            return Err(cx.error(
                r.select.span(),
                format!("`{}` is not a selector", r.select.get_ref()),
                Some(format!(
                    "use one of {}",
                    Selector::ALL
                        .iter()
                        .map(|(s, _)| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ));
        };
        let mut checks = Vec::new();
        if let Some(k) = &r.require {
            checks.push(Check::Require(cx.keys(select, k)?));
        }
        if let Some(k) = &r.forbid {
            checks.push(Check::Forbid(cx.keys(select, k)?));
        }
        if let Some(p) = &r.pattern {
            let regex = regex::RegexBuilder::new(p.regex.get_ref())
                .size_limit(super::PATTERN_SIZE_LIMIT)
                .build()
                .map_err(|e| {
                    cx.error(
                        p.regex.span(),
                        "invalid regular expression".into(),
                        Some(one_line(&e)),
                    )
                })?;
            checks.push(Check::Pattern {
                key: cx.key(select, &p.key)?,
                regex,
                forbid: p.forbid,
            });
        }
        if let Some(c) = &r.count {
            let (min, max) = (cx.bound(&c.min)?, cx.bound(&c.max)?);
            if min.is_none() && max.is_none() {
                return Err(cx.error(
                    c.key.span(),
                    "`count` needs `min`, `max` or both".into(),
                    None,
                ));
            }
            checks.push(Check::Count {
                key: cx.key(select, &c.key)?,
                min,
                max,
            });
        }
        if let Some(o) = &r.one_of {
            checks.push(Check::OneOf {
                key: cx.key(select, &o.key)?,
                values: o.values.clone(),
            });
        }
        if let Some(g) = &r.range {
            checks.push(Check::Range {
                key: cx.key(select, &g.key)?,
                min: g.min,
                max: g.max,
            });
        }
        if let Some(l) = &r.length {
            checks.push(Check::Length {
                key: cx.key(select, &l.key)?,
                min: l.min,
                max: l.max,
            });
        }
        let when = r.when.as_ref().map(|e| cx.expr(select, e)).transpose()?;
        let assert = r.assert.as_ref().map(|e| cx.expr(select, e)).transpose()?;
        if checks.is_empty() && assert.is_none() {
            return Err(cx.error(
                r.code.span(),
                format!("rule `{code}` has no check"),
                Some(
                    "add `require`, `forbid`, `pattern`, `count`, `one_of`, `range`, `length` \
                     or `assert`"
                        .into(),
                ),
            ));
        }
        validate_message(&cx, select, &r.message)?;
        if let Some(h) = &r.help {
            validate_message(&cx, select, h)?;
        }
        let examples = r
            .example
            .iter()
            .map(|e| Example {
                plan: e.get_ref().plan.clone(),
                expect: e
                    .get_ref()
                    .expect
                    .iter()
                    .map(|c| c.get_ref().clone())
                    .collect(),
                expect_not: e
                    .get_ref()
                    .expect_not
                    .iter()
                    .map(|c| c.get_ref().clone())
                    .collect(),
                line: text
                    .get(..e.span().start)
                    .map_or(1, |before| before.matches('\n').count() + 1),
            })
            .collect();
        example_codes.push(&r.example);
        let mut docs = r.docs.clone().unwrap_or_else(|| r.summary.clone());
        docs.push_str(&expressions_doc(when.as_ref(), assert.as_ref()));
        rules.push(PackRule {
            meta: Metadata {
                code: code.clone().into(),
                name: r.name.get_ref().clone().into(),
                severity,
                summary: r.summary.clone().into(),
                docs: docs.into(),
                fix: crate::fix::FixKind::None,
                smart: None,
            },
            pack: pack_name.clone(),
            select,
            message: r.message.get_ref().clone(),
            help: r.help.as_ref().map(|h| h.get_ref().clone()),
            checks,
            when,
            assert,
            examples,
        });
    }
    // `expect` and `expect_not` name rules of the catalog or of this pack (a later rule of the
    // pack too); a name stands for its rule's code, which is what examples compare.
    for (examples, rule) in example_codes.iter().zip(rules.iter_mut()) {
        for (e, ex) in examples.iter().zip(rule.examples.iter_mut()) {
            let e = e.get_ref();
            for (given, resolved) in e
                .expect
                .iter()
                .zip(ex.expect.iter_mut())
                .chain(e.expect_not.iter().zip(ex.expect_not.iter_mut()))
            {
                *resolved = example_code(&cx, catalog, &seen, given)?;
            }
        }
    }
    Ok(Pack {
        name: pack_name,
        description: file.pack.description.clone(),
        path: name.to_string(),
        rules,
    })
}

/// The built-in pack `name` is, or whose text `text` is, if any.
fn builtin_pack_named(name: &str, text: &str) -> Option<&'static str> {
    BUILTIN_PACKS
        .iter()
        .find(|(builtin, builtin_text)| Path::new(name).ends_with(builtin) || *builtin_text == text)
        .map(|(builtin, _)| *builtin)
}

/// The code an example's `expect` or `expect_not` entry names: a code or name of the catalog
/// or of this pack's rules (`seen`: code and name of each).
fn example_code(
    cx: &Ctx<'_>,
    catalog: &dyn Known,
    seen: &[(String, String)],
    given: &Spanned<String>,
) -> Result<String, ConfigError> {
    let g = given.get_ref().trim();
    if let Some((code, _)) = catalog.find(g) {
        return Ok(code.to_string());
    }
    if let Some((code, _)) = seen.iter().find(|(c, n)| c == g || n == g) {
        return Ok(code.clone());
    }
    let mut candidates: Vec<&str> = catalog.suggestions(g);
    candidates.extend(crate::suggest::closest(
        g,
        seen.iter().flat_map(|(c, n)| [c.as_str(), n.as_str()]),
    ));
    let help = match crate::suggest::closest(g, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "name a rule code, e.g. `ACME001`, of this pack or of `smplan rules`".into(),
    };
    Err(cx.error(
        given.span(),
        format!("no rule has the code or name `{g}`"),
        Some(help),
    ))
}

/// Placeholders name keys of the selected items (`{key}`, `{item.key}`), of a KPI's goal
/// (`{goal.key}`) or of the plan (`{plan.key}`), or are `item`, `count`, `min`, `max`.
fn validate_message(
    cx: &Ctx<'_>,
    select: Selector,
    message: &Spanned<String>,
) -> Result<(), ConfigError> {
    for name in super::run::placeholders(message.get_ref()) {
        if ["item", "count", "min", "max"].contains(&name) {
            continue;
        }
        let (scope, key) = match name.split_once('.') {
            Some((scope, key)) => (scope, key),
            None => ("item", name),
        };
        let keys: &[&str] = match scope {
            "item" => select.keys(),
            "goal" if select == Selector::Kpi => crate::model::GOAL_KEYS,
            "plan" => crate::model::PLAN_KEYS,
            _ => &[],
        };
        if keys.contains(&key) {
            continue;
        }
        let list = |keys: &[&str]| {
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let help = if keys.is_empty() {
            format!(
                "placeholders are keys of the item ({}), `{{plan.key}}`{}, or `item`, `count`, \
                 `min`, `max`",
                list(select.keys()),
                if select == Selector::Kpi {
                    ", `{goal.key}`"
                } else {
                    ""
                }
            )
        } else {
            format!("keys of `{scope}`: {}", list(keys))
        };
        return Err(cx.error(
            message.span(),
            format!("`{{{name}}}` is not a key of the selected items"),
            Some(help),
        ));
    }
    Ok(())
}

fn one_line(e: &regex::Error) -> String {
    e.to_string()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The expressions of a rule, for `smplan explain`.
fn expressions_doc(when: Option<&Expr>, assert: Option<&Expr>) -> String {
    if when.is_none() && assert.is_none() {
        return String::new();
    }
    let mut out = String::from("\n\n## Expressions\n");
    for (name, e) in [("when", when), ("assert", assert)] {
        if let Some(e) = e {
            out.push_str(&format!("{name}:\n```cel\n{}\n```\n", e.text.trim()));
        }
    }
    out
}
