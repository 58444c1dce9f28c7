//! CEL expressions of pack rules (`when`, `assert`): compiled and bounded when the pack loads,
//! evaluated on the item view of each plan.
//!
//! The `cel` crate has no run-time cost budget, so the cost is bounded at load: the text size,
//! the number of syntax nodes and how deep comprehensions nest. With at most two nested
//! comprehensions, evaluation is at most quadratic in the size of the plan.

use super::Selector;
use super::view::{Entry, Item, Of, Value};
use crate::model::{GOAL_KEYS, PLAN_KEYS, Plan};
use crate::rules::options::Limits;
use cel::common::ast::{EntryExpr, Expr as Node, IdedExpr, LiteralValue, SourceInfo};
use cel::common::types::{CelDouble, CelList, CelMap, CelMapKey, CelNull, CelString, CelTimestamp};
use cel::common::value::CowVal;
use cel::context::VariableResolver;
use cel::{Context, Env, ExecutionError, Value as Cel};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// At most this many bytes of text per expression.
pub const MAX_TEXT: usize = 4096;
/// At most this many syntax nodes per expression (after the macros are expanded).
pub const MAX_NODES: usize = 500;
/// Comprehensions (`all`, `exists`, `exists_one`, `map`, `filter`) nest at most this deep.
pub const MAX_NESTING: usize = 2;
/// The parser's own recursion bound: deep nesting is an error, not a deep stack.
const MAX_PARSE_DEPTH: u16 = 48;
/// Run-time error texts (which may quote plan values) are cut to this many characters.
const MAX_ERROR_CHARS: usize = 160;

/// The keys the plan (the `plan` variable, and `item` for `select = "plan"`) has besides its
/// `[plan]` keys.
pub const PLAN_LISTS: &[&str] = &["goals", "tactics", "business_goals"];

/// Built-in type names: identifiers an expression may use besides its variables.
const TYPE_NAMES: &[&str] = &[
    "bool",
    "bytes",
    "double",
    "int",
    "list",
    "map",
    "null_type",
    "string",
    "type",
    "uint",
    "google.protobuf.Timestamp",
    "google.protobuf.Duration",
];

static ENV: LazyLock<Arc<Env>> = LazyLock::new(|| Arc::new(Env::stdlib()));

/// A compiled expression.
#[derive(Debug)]
pub struct Expr {
    /// The text as written in the pack.
    pub text: String,
    ast: IdedExpr,
    /// The keys read as `item.KEY`, in the order written: a failed `assert` points at the
    /// first the item has.
    pub item_keys: Vec<String>,
    /// The variables it names: only those are built.
    uses: Uses,
}

#[derive(Debug, Default, Clone, Copy)]
struct Uses {
    item: bool,
    goal: bool,
    plan: bool,
    limits: bool,
}

/// Why an expression does not load: a message, and where in its text (a char range).
#[derive(Debug)]
pub struct CompileError {
    pub message: String,
    pub help: Option<String>,
    /// Char offsets into the expression, when the error has a place.
    pub at: Option<(usize, usize)>,
}

impl CompileError {
    fn new(message: String, help: Option<String>, at: Option<(usize, usize)>) -> Self {
        Self { message, help, at }
    }
}

/// The variables an expression of a rule with this selector may name.
pub fn variables(select: Selector) -> &'static [&'static str] {
    match select {
        Selector::Kpi => &["item", "goal", "plan", "limits"],
        _ => &["item", "plan", "limits"],
    }
}

/// The keys `item`, `goal` or `plan` has, for the checks at load.
fn keys_of(var: &str, select: Selector) -> Option<Vec<&'static str>> {
    let plan = || PLAN_KEYS.iter().chain(PLAN_LISTS).copied().collect();
    match var {
        "item" if select == Selector::Plan => Some(plan()),
        "item" => Some(select.keys().to_vec()),
        "goal" => Some(GOAL_KEYS.to_vec()),
        "plan" => Some(plan()),
        "limits" => Some(LIMIT_KEYS.to_vec()),
        _ => None,
    }
}

const LIMIT_KEYS: &[&str] = &[
    "kpis_per_goal",
    "metrics_per_tactic",
    "candidates_per_tactic",
    "max_horizon_years",
    "max_target_ratio",
];

/// Parses `text`, checks its bounds and names, and returns the program.
pub fn compile(text: &str, select: Selector) -> Result<Expr, CompileError> {
    if text.len() > MAX_TEXT {
        return Err(CompileError::new(
            format!(
                "the expression is {} bytes long, more than the limit of {MAX_TEXT}",
                text.len()
            ),
            Some("split the rule into several, or move a check to `require`, `count`, ...".into()),
            None,
        ));
    }
    if text.trim().is_empty() {
        return Err(CompileError::new(
            "the expression is empty".into(),
            None,
            None,
        ));
    }
    prescan(text)?;
    // The parser and the tree walks recurse: give them a stack that the bounds above cannot
    // exhaust, whatever thread loads the pack.
    let owned = text.to_string();
    std::thread::Builder::new()
        .stack_size(COMPILE_STACK)
        .spawn(move || parse(&owned, select))
        .map_err(|e| CompileError::new(format!("cannot compile the expression: {e}"), None, None))?
        .join()
        .unwrap_or_else(|_| {
            Err(CompileError::new(
                "the expression could not be compiled".into(),
                Some("simplify the expression".into()),
                None,
            ))
        })
}

/// Stack for compiling one expression (reserved, touched only as deep as the parse goes).
const COMPILE_STACK: usize = 64 << 20;
/// Brackets (`(`, `[`, `{`) nest at most this deep, and the syntax tree at most `MAX_DEPTH`.
pub const MAX_BRACKETS: usize = 32;
pub const MAX_DEPTH: usize = 64;

/// Bounds checked on the text before the parser sees it: bracket depth, and the operator count
/// (each operator is at least one syntax node, so more than `MAX_NODES` cannot pass anyway).
fn prescan(text: &str) -> Result<(), CompileError> {
    let mut depth = 0usize;
    let mut operators = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.chars().enumerate() {
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' | '[' | '{' => {
                depth += 1;
                if c != '(' {
                    operators += 1;
                }
                if depth > MAX_BRACKETS {
                    return Err(CompileError::new(
                        format!("brackets nest more than {MAX_BRACKETS} deep"),
                        Some("simplify the expression".into()),
                        Some((i, i + 1)),
                    ));
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '+' | '*' | '/' | '%' | '!' | '<' | '>' | '=' | '&' | '|' | '?' | '.' | ',' => {
                operators += 1
            }
            _ => {}
        }
    }
    // `==`, `&&` and the like count twice: halve to stay a lower bound of the node count.
    if operators / 2 > MAX_NODES {
        return Err(too_many_nodes());
    }
    Ok(())
}

fn too_many_nodes() -> CompileError {
    CompileError::new(
        format!("the expression has more than {MAX_NODES} syntax nodes"),
        Some("split the rule into several, or simplify the expression".into()),
        None,
    )
}

fn parse(text: &str, select: Selector) -> Result<Expr, CompileError> {
    let (ast, info) = ENV
        .parser()
        .max_recursion_depth(MAX_PARSE_DEPTH)
        .parse_with_source_info(text)
        .map_err(|errors| {
            let first = errors.errors.first();
            let message = match first {
                Some(e)
                    if e.msg.contains("Recursion limit")
                        || format!("{e:?}").contains("Recursion limit") =>
                {
                    format!("the expression nests more than {MAX_PARSE_DEPTH} deep")
                }
                Some(e) => {
                    // ANTLR lists every token it could have taken: keep what it found.
                    let msg = e.msg.trim_start_matches("Syntax error: ");
                    let msg = msg.split(" expecting {").next().unwrap_or(msg);
                    let msg = msg
                        .replace("mismatched input '<EOF>'", "it ends too early")
                        .replace("'<EOF>'", "the end");
                    format!("the expression does not parse: {}", one_line(&msg))
                }
                None => "the expression does not parse".to_string(),
            };
            // The lexer and grammar count a line's chars; a macro's error (`all(1, ...)`) takes
            // its place from the parser's offsets, which count bytes.
            let at =
                first.and_then(|e| char_offset(text, e.pos, !e.msg.starts_with("Syntax error")));
            CompileError::new(
                message,
                Some("see the CEL language in rules/README.md".into()),
                at.map(|a| (a, a + 1)),
            )
        })?;
    let mut walk = Walk {
        select,
        text,
        info: &info,
        nodes: 0,
        bound: Vec::new(),
        item_keys: Vec::new(),
        uses: Uses::default(),
    };
    walk.node(&ast, 0, 0)?;
    Ok(Expr {
        text: text.to_string(),
        ast,
        item_keys: walk.item_keys,
        uses: walk.uses,
    })
}

/// A parse error's (line, column) — both 1-based, the column in chars or, `in_bytes`, in
/// bytes — as a char offset.
fn char_offset(text: &str, (line, col): (isize, isize), in_bytes: bool) -> Option<usize> {
    let (line, col) = (usize::try_from(line).ok()?, usize::try_from(col).ok()?);
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = col.saturating_sub(1);
            let chars = if in_bytes {
                chars_before(l, col)
            } else {
                col.min(l.chars().count())
            };
            return Some(offset + chars);
        }
        offset += l.chars().count();
    }
    None
}

/// The chars of `s` before byte `b` (clamped to its length, floored to a char boundary).
fn chars_before(s: &str, b: usize) -> usize {
    let b = (0..=b.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    s[..b].chars().count()
}

fn one_line(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    cut(&s)
}

fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_ERROR_CHARS {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX_ERROR_CHARS).collect();
        format!("{head}…")
    }
}

struct Walk<'a> {
    select: Selector,
    text: &'a str,
    info: &'a SourceInfo,
    nodes: usize,
    /// Names bound by the enclosing comprehensions.
    bound: Vec<String>,
    item_keys: Vec<String>,
    uses: Uses,
}

impl Walk<'_> {
    /// A node's place in chars, as [`CompileError::at`] gives it.
    fn at(&self, node: &IdedExpr) -> Option<(usize, usize)> {
        self.bytes_at(node).map(|r| self.chars(r))
    }

    /// A node's place as a half-open range of bytes: the parser's offsets are bytes, and its
    /// `stop` is the token's last byte.
    fn bytes_at(&self, node: &IdedExpr) -> Option<(usize, usize)> {
        self.info
            .offset_for(node.id)
            .map(|(start, stop)| (start as usize, (stop.max(start) as usize).saturating_add(1)))
    }

    /// The bytes of a select's field name: its offset is the dot before it, or, for `has(x.f)`,
    /// the macro's `(` (the field is then the first `.f` after it).
    fn field_at(&self, node: &IdedExpr, field: &str) -> Option<(usize, usize)> {
        let (at, _) = self.bytes_at(node)?;
        let start = if self.text.as_bytes().get(at) == Some(&b'.') {
            at + 1
        } else {
            at + self.text.get(at..)?.find(&format!(".{field}"))? + 1
        };
        Some((start, start + field.len()))
    }

    /// Byte offsets into the text as char offsets.
    fn chars(&self, (start, end): (usize, usize)) -> (usize, usize) {
        (chars_before(self.text, start), chars_before(self.text, end))
    }

    fn free(&self, name: &str) -> bool {
        !self.bound.iter().any(|b| b == name)
    }

    fn node(&mut self, node: &IdedExpr, nesting: usize, depth: usize) -> Result<(), CompileError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(too_many_nodes());
        }
        // Evaluation recurses as deep as the tree: keep it shallow for any thread's stack.
        if depth > MAX_DEPTH {
            return Err(CompileError::new(
                format!("the expression nests more than {MAX_DEPTH} operations deep"),
                Some("split a long chain of operators, e.g. into several rules".into()),
                self.at(node),
            ));
        }
        let depth = depth + 1;
        match &node.expr {
            Node::Ident(name) => {
                if self.free(name) {
                    match name.as_str() {
                        "item" => self.uses.item = true,
                        "goal" => self.uses.goal = true,
                        "plan" => self.uses.plan = true,
                        "limits" => self.uses.limits = true,
                        _ => {}
                    }
                }
                if self.free(name)
                    && !variables(self.select).contains(&name.as_str())
                    && !TYPE_NAMES.contains(&name.as_str())
                {
                    let vars = variables(self.select)
                        .iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let help =
                        match crate::suggest::closest(name, variables(self.select).iter().copied())
                        {
                            Some(best) => format!("did you mean `{best}`? variables here: {vars}"),
                            None => format!("variables here: {vars}"),
                        };
                    return Err(CompileError::new(
                        format!("`{name}` is not a variable of this rule"),
                        Some(help),
                        self.at(node),
                    ));
                }
            }
            Node::Select(s) => {
                if let Node::Ident(var) = &s.operand.expr
                    && self.free(var)
                    && let Some(keys) = keys_of(var, self.select)
                {
                    if !keys.contains(&s.field.as_str()) {
                        let list = keys
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let help = match crate::suggest::closest(&s.field, keys.iter().copied()) {
                            Some(best) => format!("did you mean `{best}`? keys of `{var}`: {list}"),
                            None => format!("keys of `{var}`: {list}"),
                        };
                        let at = self.field_at(node, &s.field).map(|r| self.chars(r));
                        return Err(CompileError::new(
                            format!("`{}` is not a key of `{var}`", s.field),
                            Some(help),
                            at,
                        ));
                    }
                    let reads_item =
                        var == "item" || (var == "plan" && self.select == Selector::Plan);
                    if reads_item && !self.item_keys.contains(&s.field) {
                        self.item_keys.push(s.field.clone());
                    }
                }
                self.node(&s.operand, nesting, depth)?;
            }
            Node::Call(c) => {
                if c.func_name == "matches" {
                    self.literal_regex(node, c.args.last())?;
                }
                if c.target.is_some()
                    && c.args.len() == 1
                    && ZONED_GETTERS.contains(&c.func_name.as_str())
                {
                    self.literal_zone(node, &c.args[0])?;
                }
                if let Some(t) = &c.target {
                    self.node(t, nesting, depth)?;
                }
                for a in &c.args {
                    self.node(a, nesting, depth)?;
                }
            }
            Node::Comprehension(c) => {
                // The range is evaluated once: a comprehension over another's result runs
                // one after the other, not nested.
                self.node(&c.iter_range, nesting, depth)?;
                if nesting + 1 > MAX_NESTING {
                    return Err(CompileError::new(
                        format!("comprehensions nest more than {MAX_NESTING} deep"),
                        Some(
                            "`all`, `exists`, `exists_one`, `map` and `filter` may hold one more \
                             inside, no deeper: split the rule"
                                .into(),
                        ),
                        self.at(node),
                    ));
                }
                let before = self.bound.len();
                self.bound.push(c.iter_var.clone());
                self.bound.extend(c.iter_var2.clone());
                self.bound.push(c.accu_var.clone());
                for part in [&c.accu_init, &c.loop_cond, &c.loop_step, &c.result] {
                    self.node(part, nesting + 1, depth)?;
                }
                self.bound.truncate(before);
            }
            Node::List(l) => {
                for e in &l.elements {
                    self.node(e, nesting, depth)?;
                }
            }
            Node::Map(m) => {
                for e in &m.entries {
                    self.entry(&e.expr, nesting, depth)?;
                }
            }
            Node::Struct(s) => {
                for e in &s.entries {
                    self.entry(&e.expr, nesting, depth)?;
                }
            }
            Node::Literal(_) | Node::Unspecified => {}
        }
        Ok(())
    }

    fn entry(&mut self, e: &EntryExpr, nesting: usize, depth: usize) -> Result<(), CompileError> {
        match e {
            EntryExpr::MapEntry(m) => {
                self.node(&m.key, nesting, depth)?;
                self.node(&m.value, nesting, depth)
            }
            EntryExpr::StructField(f) => self.node(&f.value, nesting, depth),
        }
    }

    /// `matches` compiles its pattern on every call: it must be a literal that compiles within
    /// the size limit of `pattern` checks, so a call costs the same on every item.
    fn literal_regex(
        &self,
        call: &IdedExpr,
        pattern: Option<&IdedExpr>,
    ) -> Result<(), CompileError> {
        let Some(IdedExpr {
            expr: Node::Literal(LiteralValue::String(p)),
            ..
        }) = pattern
        else {
            return Err(CompileError::new(
                "`matches` takes a string literal as its pattern".into(),
                Some(
                    "write the regular expression in the expression, like `matches('(?i)^q[1-4]')`"
                        .into(),
                ),
                pattern
                    .and_then(|p| self.extent(p))
                    .or_else(|| self.at(call)),
            ));
        };
        regex::RegexBuilder::new(p.inner())
            .size_limit(1 << 20)
            .build()
            .map(|_| ())
            .map_err(|e| {
                CompileError::new(
                    "invalid regular expression".into(),
                    Some(one_line(&e.to_string())),
                    pattern.and_then(|p| self.at(p)),
                )
            })
    }
}

/// A timestamp's getters that take a time zone.
const ZONED_GETTERS: &[&str] = &[
    "getFullYear",
    "getMonth",
    "getDayOfYear",
    "getDayOfMonth",
    "getDate",
    "getDayOfWeek",
    "getHours",
    "getMinutes",
    "getSeconds",
    "getMilliseconds",
];

/// `'UTC'` or a fixed offset `[+-]HH:MM` (hours up to 23), the zones every build of smplan
/// reads the same: smplan's own builds leave chrono-tz's IANA table out (.cargo/config.toml),
/// others (`cargo install` from crates.io) keep it.
fn fixed_zone(zone: &str) -> bool {
    if zone == "UTC" {
        return true;
    }
    let b = zone.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    b.len() == 6
        && matches!(b[0], b'+' | b'-')
        && b[3] == b':'
        && digits(1..3)
        && digits(4..6)
        && zone[1..3] <= *"23"
        && zone[4..6] <= *"59"
}

impl Walk<'_> {
    /// A getter's time zone is a literal `'UTC'` or offset, so an expression gives the same
    /// result in every build (and a named zone fails at load, not on some plan).
    fn literal_zone(&self, call: &IdedExpr, zone: &IdedExpr) -> Result<(), CompileError> {
        let help = || {
            Some(
                "write `'UTC'` or a fixed offset like `'+02:00'`: plan dates are midnight UTC"
                    .to_string(),
            )
        };
        match &zone.expr {
            Node::Literal(LiteralValue::String(z)) if fixed_zone(z.inner()) => Ok(()),
            Node::Literal(LiteralValue::String(z)) => Err(CompileError::new(
                format!("time zone `{}` is not supported", cut(z.inner())),
                help(),
                self.at(zone).or_else(|| self.at(call)),
            )),
            _ => Err(CompileError::new(
                "a time zone must be a string literal".into(),
                help(),
                self.extent(zone).or_else(|| self.at(call)),
            )),
        }
    }

    /// From the first character of `node` and what it holds to the last: a select's own offset
    /// is its dot and a call's its `(`, so `item.zone` alone would label only `.` (a call's
    /// closing parenthesis has no offset of its own and is left out).
    fn extent(&self, node: &IdedExpr) -> Option<(usize, usize)> {
        let mut parts = vec![node];
        let (mut start, mut end) = (usize::MAX, 0);
        while let Some(n) = parts.pop() {
            let at = self.bytes_at(n);
            if let Some((s, e)) = at {
                (start, end) = (start.min(s), end.max(e));
            }
            match &n.expr {
                Node::Call(c) => {
                    // A function's name comes just before its `(` (`string(...)`).
                    if let (None, Some((paren, _))) = (&c.target, at)
                        && let Some(name) = paren.checked_sub(c.func_name.len())
                        && self.text.get(name..paren) == Some(c.func_name.as_str())
                    {
                        start = start.min(name);
                    }
                    parts.extend(c.target.as_deref().into_iter().chain(&c.args));
                }
                Node::Select(s) => {
                    if let Some((_, field_end)) = self.field_at(n, &s.field) {
                        end = end.max(field_end);
                    }
                    // `has(x.f)` is a select placed on the macro's `(`.
                    if let (true, Some((paren, _))) = (s.test, at)
                        && let Some(name) = paren.checked_sub(3)
                        && self.text.get(name..paren) == Some("has")
                    {
                        start = start.min(name);
                    }
                    parts.push(&s.operand);
                }
                Node::List(l) => parts.extend(&l.elements),
                Node::Comprehension(c) => parts.push(&c.iter_range),
                Node::Map(m) => parts.extend(m.entries.iter().flat_map(|e| entry_parts(&e.expr))),
                Node::Struct(s) => {
                    parts.extend(s.entries.iter().flat_map(|e| entry_parts(&e.expr)))
                }
                Node::Ident(_) | Node::Literal(_) | Node::Unspecified => {}
            }
        }
        (start < end).then(|| self.chars((start, end)))
    }
}

fn entry_parts(e: &EntryExpr) -> Vec<&IdedExpr> {
    match e {
        EntryExpr::MapEntry(m) => vec![&m.key, &m.value],
        EntryExpr::StructField(f) => vec![&f.value],
    }
}

/// The result of evaluating an expression on one item.
pub enum Outcome {
    Bool(bool),
    /// The expression failed (a key the item lacks, a type mismatch) or gave no bool.
    Error(String),
}

impl Expr {
    fn eval(&self, cx: &Context<'_, '_>) -> Outcome {
        // Evaluation is bounded at load; catching a panic is the last line of defence against
        // a bug in the evaluator, so that one odd expression cannot stop the run.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cx.resolve(&self.ast)));
        match result {
            Ok(Ok(Cel::Bool(b))) => Outcome::Bool(b),
            Ok(Ok(other)) => Outcome::Error(format!("it gave {}, not a bool", other.type_of())),
            Ok(Err(e)) => Outcome::Error(error_text(&e)),
            Err(_) => Outcome::Error("the evaluator failed".into()),
        }
    }
}

fn error_text(e: &ExecutionError) -> String {
    let s = one_line(&e.to_string());
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "unknown error".into(),
    }
}

// ---- values --------------------------------------------------------------------------------
//
// Values are built straight as CEL values that borrow the plan's strings (no copy, no
// intermediate `cel::Value`), and only those an expression names: the `plan` variable is built
// once per file, the first time an expression that reads it runs.

type Val<'p> = Box<dyn cel::common::value::Val + 'p>;

fn map<'p>(entries: Vec<(&'p str, Val<'p>)>) -> Val<'p> {
    let map: HashMap<CelMapKey<'p>, Val<'p>> = entries
        .into_iter()
        .map(|(k, v)| (CelMapKey::from(k), v))
        .collect();
    Box::new(CelMap::from(map))
}

fn string(s: &str) -> Val<'_> {
    Box::new(CelString::from(s))
}

fn double<'p>(n: f64) -> Val<'p> {
    Box::new(CelDouble::from(n))
}

fn list<'p>(items: Vec<Val<'p>>) -> Val<'p> {
    Box::new(CelList::from(items))
}

fn date<'p>(d: toml::value::Date) -> Val<'p> {
    use chrono::{NaiveDate, TimeZone};
    let day = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        .and_then(|day| day.and_hms_opt(0, 0, 0));
    match (day, chrono::FixedOffset::east_opt(0)) {
        (Some(day), Some(utc)) => Box::new(CelTimestamp::from(utc.from_utc_datetime(&day))),
        // A date TOML accepts but chrono does not: null rather than wrong.
        _ => Box::new(CelNull),
    }
}

fn value<'p>(v: &Value<'p>, of: Of<'p>) -> Val<'p> {
    match v {
        Value::Text(s) => string(s),
        Value::Number(n) => double(*n),
        Value::Date(d) => date(*d),
        Value::Strings(v) => list(v.iter().map(|(_, s)| string(s)).collect()),
        Value::Kpis(kpis) => {
            let Of::Goal(goal) = of else {
                return list(Vec::new());
            };
            list(
                kpis.iter()
                    .map(|kpi| {
                        item_value(&Item {
                            header: kpi.header,
                            of: Of::Kpi { goal, kpi },
                        })
                    })
                    .collect(),
            )
        }
    }
}

/// An item's valid values as a CEL map (the plan: with its goals, tactics and business goals).
fn item_value<'p>(item: &Item<'p>) -> Val<'p> {
    let keys: &'static [&'static str] = match item.of {
        Of::Plan(p) => return plan_value(p),
        Of::Letter(_) => Selector::BusinessGoals.keys(),
        Of::Goal(_) => Selector::Goal.keys(),
        Of::Kpi { .. } => Selector::Kpi.keys(),
        Of::Tactic(_) => Selector::Tactic.keys(),
    };
    map(fields(item, keys))
}

fn fields<'p>(item: &Item<'p>, keys: &'static [&'static str]) -> Vec<(&'p str, Val<'p>)> {
    keys.iter()
        .filter_map(|k| match item.get(k) {
            Entry::Valid { value: v, .. } => Some((*k, value(&v, item.of))),
            Entry::Absent(_) => None,
        })
        .collect()
}

fn plan_value<'a>(plan: &'a Plan<'a>) -> Val<'a> {
    let header = plan.header.unwrap_or_default();
    let mut entries = fields(
        &Item {
            header,
            of: Of::Plan(plan),
        },
        PLAN_KEYS,
    );
    let items = |select| {
        list(
            super::view::items(plan, select)
                .map(|item| item_value(&item))
                .collect(),
        )
    };
    entries.push(("goals", items(Selector::Goal)));
    entries.push(("tactics", items(Selector::Tactic)));
    let letters = plan
        .business_goals
        .iter()
        .flat_map(|b| &b.letters)
        .filter(|l| l.valid)
        .filter_map(|l| l.text.value().map(|t| (l.key.value.as_ref(), string(t))))
        .collect();
    entries.push(("business_goals", map(letters)));
    map(entries)
}

fn limits_value<'p>(l: &Limits) -> Val<'p> {
    let n = |v: usize| double(v as f64);
    map(vec![
        (
            "kpis_per_goal",
            map(vec![("min", n(l.kpis_min)), ("max", n(l.kpis_max))]),
        ),
        (
            "metrics_per_tactic",
            map(vec![("min", n(l.metrics_min)), ("max", n(l.metrics_max))]),
        ),
        (
            "candidates_per_tactic",
            map(vec![("min", n(l.candidates_min))]),
        ),
        ("max_horizon_years", double(f64::from(l.max_horizon_years))),
        ("max_target_ratio", double(l.max_target_ratio)),
    ])
}

/// What the expressions of one plan share: the `plan` and `limits` variables, each built the
/// first time an expression reads it.
pub struct Shared<'p> {
    plan: &'p Plan<'p>,
    limits: &'p Limits,
    plan_value: OnceCell<Val<'p>>,
    limits_value: OnceCell<Val<'p>>,
}

/// The `item` and `goal` variables of one item, built once for its `when` and `assert`.
#[derive(Default)]
pub struct ItemValues<'p> {
    item: OnceCell<Val<'p>>,
    goal: OnceCell<Val<'p>>,
}

/// Hands the evaluator borrowed variables: nothing is copied per evaluation.
struct Vars<'a, 'p> {
    item: Option<&'a (dyn cel::common::value::Val + 'p)>,
    goal: Option<&'a (dyn cel::common::value::Val + 'p)>,
    plan: Option<&'a (dyn cel::common::value::Val + 'p)>,
    limits: Option<&'a (dyn cel::common::value::Val + 'p)>,
}

impl VariableResolver for Vars<'_, '_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        let v = match variable {
            "item" => self.item,
            "goal" => self.goal,
            "plan" => self.plan,
            "limits" => self.limits,
            _ => None,
        }?;
        Some(CowVal::Borrowed(v))
    }
}

impl<'p> Shared<'p> {
    pub fn new(plan: &'p Plan<'p>, limits: &'p Limits) -> Self {
        Self {
            plan,
            limits,
            plan_value: OnceCell::new(),
            limits_value: OnceCell::new(),
        }
    }

    fn plan(&self) -> &(dyn cel::common::value::Val + 'p) {
        self.plan_value
            .get_or_init(|| plan_value(self.plan))
            .as_ref()
    }

    /// Evaluates `expr` on `item`; `values` caches the item's variables between calls.
    pub fn eval(&self, expr: &Expr, item: &Item<'p>, values: &ItemValues<'p>) -> Outcome {
        let uses = &expr.uses;
        let item_val = match item.of {
            // For `select = "plan"` the item is the plan.
            Of::Plan(_) => uses.item.then(|| self.plan()),
            _ => uses
                .item
                .then(|| values.item.get_or_init(|| item_value(item)).as_ref()),
        };
        let goal_val = match item.of {
            Of::Kpi { goal, .. } if uses.goal => Some(
                values
                    .goal
                    .get_or_init(|| {
                        item_value(&Item {
                            header: goal.header,
                            of: Of::Goal(goal),
                        })
                    })
                    .as_ref(),
            ),
            _ => None,
        };
        let vars = Vars {
            item: item_val,
            goal: goal_val,
            plan: uses.plan.then(|| self.plan()),
            limits: uses.limits.then(|| {
                self.limits_value
                    .get_or_init(|| limits_value(self.limits))
                    .as_ref()
            }),
        };
        let mut cx = Context::with_env(Arc::clone(&ENV));
        cx.set_variable_resolver(&vars);
        expr.eval(&cx)
    }
}
