//! Hover, completion and navigation over the plan's own links (letters, goal ids).

use super::Server;
use super::encoding::{self, Encoding};
use super::keys;
use super::outline::{Outline, Table};
use crate::model::{CORE_GOALS, DIRECTIONS, PERSPECTIVES, SCOPES};
use crate::source::Span;
use lsp_types as lsp;
use serde_json::Value;

fn inside(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

fn to_value(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// What the cursor is on: a cited letter or goal id, or a key.
enum Target {
    Letter(String),
    Goal(String),
}

fn target(o: &Outline, offset: usize) -> Option<Target> {
    let e = o.entry_at(offset)?;
    let s = e.strings.iter().find(|s| inside(s.1, offset));
    match (e.table, e.key.as_str(), s) {
        (Table::Goal, "supports", Some(s)) => Some(Target::Letter(s.0.clone())),
        (Table::Goal, "id", Some(s)) | (Table::Tactic, "goals", Some(s)) => {
            Some(Target::Goal(s.0.clone()))
        }
        (Table::BusinessGoals, key, _) if inside(e.key_span, offset) => {
            Some(Target::Letter(key.to_string()))
        }
        _ => None,
    }
}

pub fn hover(s: &Server, text: &str, uri: &lsp::Url, pos: lsp::Position) -> Value {
    let offset = encoding::offset(text, pos, s.enc);
    let o = Outline::of(text);
    let mut parts = Vec::new();
    // A diagnostic under the cursor: its rule's `explain` text.
    if let Some(diags) = s.last.get(uri) {
        for d in diags.iter().filter(|d| {
            d.primary.span.start <= offset && offset <= d.primary.span.end.max(d.primary.span.start)
        }) {
            if let Some(rule) = s.catalog_rule(uri, &d.code) {
                parts.push(format!(
                    "**{} {}**: {}\n\n{}",
                    rule.0, rule.1, rule.2, rule.3
                ));
            }
        }
    }
    match target(&o, offset) {
        Some(Target::Letter(l)) => {
            if let Some((_, _, t)) = o.letters().find(|x| x.0 == l) {
                parts.push(format!("business goal **{l}**: {}", t.unwrap_or("")));
            }
        }
        Some(Target::Goal(id)) => {
            if let Some((_, _, h)) = o.goals().find(|g| g.0 == id) {
                let statement = o.value_in(h, "statement").map_or("", |v| v.0.as_str());
                parts.push(format!("goal **{id}**: {statement}"));
            }
        }
        None => {
            if let Some(e) = o.entry_at(offset).filter(|e| inside(e.key_span, offset))
                && let Some((meaning, step)) = keys::doc(e.table, &e.key)
            {
                parts.push(format!("`{}`: {meaning} ({step})", e.key));
            }
        }
    }
    if parts.is_empty() {
        return Value::Null;
    }
    to_value(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

fn item(
    label: &str,
    detail: Option<&str>,
    insert: String,
    kind: lsp::CompletionItemKind,
) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: detail.map(str::to_string),
        insert_text: Some(insert),
        ..Default::default()
    }
}

const KPI_SNIPPET: &str = "[[goal.kpi]]\nid = \"$1\"\nname = \"$2\"\ncore_goal = \"$3\"\nunit = \"$4\"\nbaseline = ${5:0}\ntarget = ${6:0}\ndirection = \"${7:increase}\"\ndeadline = ${8:2027-12-31}\nowner = \"$9\"\nsource = \"$0\"";
const TACTIC_SNIPPET: &str =
    "[[tactic]]\nid = \"$1\"\nname = \"$2\"\ngoals = [\"$3\"]\nmetrics = [\"$0\"]";

pub fn completion(s: &Server, text: &str, uri: &lsp::Url, pos: lsp::Position) -> Value {
    let offset = encoding::offset(text, pos, s.enc);
    let o = Outline::of(text);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let table = o.table_at(offset);
    let value_kind = lsp::CompletionItemKind::VALUE;
    let mut items = Vec::new();
    // On a continuation line of a multi-line array, the entry it continues.
    let entry = o.entry_at(offset).filter(|e| e.key_span.start < offset);
    let key = match prefix.split_once('=') {
        Some((k, _)) => Some(k.trim().to_string()),
        None => entry
            .filter(|e| !inside(e.key_span, offset))
            .map(|e| e.key.clone()),
    };
    if let Some(key) = key {
        let value_prefix = prefix.split_once('=').map_or(prefix, |(_, v)| v);
        let quoted = value_prefix.matches('"').count() % 2 == 1;
        let wrap = |v: &str| {
            if quoted {
                v.to_string()
            } else {
                format!("\"{v}\"")
            }
        };
        let mut values = |list: Vec<(String, Option<String>)>| {
            for (v, d) in list {
                items.push(item(&v, d.as_deref(), wrap(&v), value_kind));
            }
        };
        let plain = |l: &[&str]| l.iter().map(|v| (v.to_string(), None)).collect();
        match (table, key.as_str()) {
            (Table::Goal, "supports") => values(
                o.letters()
                    .map(|(l, _, t)| (l.to_string(), t.map(str::to_string)))
                    .collect(),
            ),
            (Table::Tactic, "goals") => values(
                o.goals()
                    .map(|(id, _, h)| {
                        (
                            id.to_string(),
                            o.value_in(h, "statement").map(|v| v.0.clone()),
                        )
                    })
                    .collect(),
            ),
            (Table::Plan, "scope") => values(plain(SCOPES)),
            (Table::Goal, "perspective") => values(plain(PERSPECTIVES)),
            (Table::Kpi, "direction") => values(plain(DIRECTIONS)),
            (Table::Kpi, "core_goal") => {
                let configured = s.core_goals(uri);
                values(match configured {
                    Some(c) => c.into_iter().map(|v| (v, None)).collect(),
                    None => plain(CORE_GOALS),
                })
            }
            _ => {}
        }
    } else {
        for (k, meaning, step) in keys::keys(table) {
            let mut it = item(
                k,
                Some(step),
                format!("{k} = "),
                lsp::CompletionItemKind::PROPERTY,
            );
            it.documentation = Some(lsp::Documentation::String(meaning.to_string()));
            items.push(it);
        }
        for (label, body) in [
            ("[[goal.kpi]]", KPI_SNIPPET),
            ("[[tactic]]", TACTIC_SNIPPET),
        ] {
            let mut it = item(
                label,
                Some("snippet with the required keys"),
                body.to_string(),
                lsp::CompletionItemKind::SNIPPET,
            );
            it.insert_text_format = Some(lsp::InsertTextFormat::SNIPPET);
            items.push(it);
        }
    }
    to_value(lsp::CompletionResponse::Array(items))
}

fn location(uri: &lsp::Url, text: &str, span: Span, enc: Encoding) -> lsp::Location {
    lsp::Location::new(uri.clone(), encoding::range(text, span, enc))
}

pub fn definition(s: &Server, text: &str, uri: &lsp::Url, pos: lsp::Position) -> Value {
    let offset = encoding::offset(text, pos, s.enc);
    let o = Outline::of(text);
    let span = match target(&o, offset) {
        Some(Target::Letter(l)) => o.letters().find(|x| x.0 == l).map(|x| x.1),
        Some(Target::Goal(id)) => o.goals().find(|g| g.0 == id).map(|g| o.headers[g.2].span),
        None => None,
    };
    span.map_or(Value::Null, |sp| to_value(location(uri, text, sp, s.enc)))
}

pub fn references(
    s: &Server,
    text: &str,
    uri: &lsp::Url,
    pos: lsp::Position,
    declaration: bool,
) -> Value {
    let offset = encoding::offset(text, pos, s.enc);
    let o = Outline::of(text);
    let mut spans = Vec::new();
    match target(&o, offset) {
        Some(Target::Letter(l)) => {
            if declaration {
                spans.extend(o.letters().filter(|x| x.0 == l).map(|x| x.1));
            }
            spans.extend(
                o.citations(Table::Goal, "supports")
                    .filter(|c| c.0 == l)
                    .map(|c| c.1),
            );
        }
        Some(Target::Goal(id)) => {
            if declaration {
                spans.extend(o.goals().filter(|g| g.0 == id).map(|g| g.1));
            }
            spans.extend(
                o.citations(Table::Tactic, "goals")
                    .filter(|c| c.0 == id)
                    .map(|c| c.1),
            );
        }
        None => return Value::Null,
    }
    to_value(
        spans
            .into_iter()
            .map(|sp| location(uri, text, sp, s.enc))
            .collect::<Vec<_>>(),
    )
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written.
fn symbol(
    name: String,
    kind: lsp::SymbolKind,
    range: lsp::Range,
    children: Vec<lsp::DocumentSymbol>,
) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: if name.is_empty() { "?".into() } else { name },
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn symbols(s: &Server, text: &str) -> Value {
    let o = Outline::of(text);
    let enc = s.enc;
    let full = |h: usize| {
        let head = &o.headers[h];
        encoding::range(
            text,
            Span::new(head.span.start, head.end.max(head.span.end)),
            enc,
        )
    };
    let mut out = Vec::new();
    let mut goal: Option<lsp::DocumentSymbol> = None;
    for (i, h) in o.headers.iter().enumerate() {
        let name = |key: &str, fallback: &str| {
            o.value_in(i, key)
                .map_or_else(|| fallback.to_string(), |v| v.0.clone())
        };
        match h.table {
            Table::Plan => out.push(symbol(
                name("title", "plan"),
                lsp::SymbolKind::MODULE,
                full(i),
                vec![],
            )),
            Table::BusinessGoals => {
                let letters = o
                    .letters()
                    .map(|(l, sp, t)| {
                        symbol(
                            format!("{l}: {}", t.unwrap_or("")),
                            lsp::SymbolKind::CONSTANT,
                            encoding::range(text, sp, enc),
                            vec![],
                        )
                    })
                    .collect();
                out.push(symbol(
                    "business goals".into(),
                    lsp::SymbolKind::NAMESPACE,
                    full(i),
                    letters,
                ));
            }
            Table::Goal => {
                out.extend(goal.take());
                goal = Some(symbol(
                    format!("goal {}", name("id", "?")),
                    lsp::SymbolKind::CLASS,
                    full(i),
                    vec![],
                ));
            }
            Table::Kpi => {
                let kpi = symbol(
                    format!("kpi {}", name("id", "?")),
                    lsp::SymbolKind::FIELD,
                    full(i),
                    vec![],
                );
                match &mut goal {
                    Some(g) => {
                        g.range.end = kpi.range.end;
                        g.children.get_or_insert_with(Vec::new).push(kpi);
                    }
                    None => out.push(kpi),
                }
            }
            Table::Tactic => {
                out.extend(goal.take());
                out.push(symbol(
                    format!("tactic {}", name("id", "?")),
                    lsp::SymbolKind::FUNCTION,
                    full(i),
                    vec![],
                ));
            }
            Table::Root | Table::Other => {}
        }
    }
    out.extend(goal.take());
    to_value(lsp::DocumentSymbolResponse::Nested(out))
}
