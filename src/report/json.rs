//! One JSON document: tool, version, summary and every diagnostic.

use crate::catalog::Catalog;
use crate::lint::Outcome;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    tool: &'static str,
    version: &'static str,
    summary: Summary,
    diagnostics: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Item<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    start: Pos,
    end: Pos,
    related: Vec<RelatedItem<'a>>,
    /// Absent when the rule offers no fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixItem<'a>>,
}

#[derive(Serialize)]
struct FixItem<'a> {
    applicability: &'static str,
    message: &'a str,
    edits: Vec<EditItem<'a>>,
}

#[derive(Serialize)]
struct EditItem<'a> {
    start: Pos,
    end: Pos,
    content: &'a str,
}

#[derive(Serialize)]
struct Pos {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct RelatedItem<'a> {
    path: &'a str,
    message: &'a str,
    start: Pos,
    end: Pos,
}

pub fn render(outcome: &Outcome, catalog: &Catalog) -> String {
    let s = &outcome.summary;
    let doc = Document {
        tool: "smplan",
        version: env!("CARGO_PKG_VERSION"),
        summary: Summary {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
        diagnostics: outcome
            .files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
            .map(|(f, d)| Item {
                path: &f.path,
                code: &d.code,
                name: catalog.get(&d.code).map_or("", |r| r.meta.name.as_str()),
                severity: d.severity.as_str(),
                message: &d.message,
                help: d.help.as_deref(),
                start: Pos {
                    line: d.start.line,
                    column: d.start.column,
                    offset: d.primary.span.start,
                },
                end: Pos {
                    line: d.end.line,
                    column: d.end.column,
                    offset: d.primary.span.end,
                },
                related: d
                    .related
                    .iter()
                    .map(|r| RelatedItem {
                        path: &r.path,
                        message: &r.text,
                        start: Pos {
                            line: r.start.line,
                            column: r.start.column,
                            offset: r.span.start,
                        },
                        end: Pos {
                            line: r.end.line,
                            column: r.end.column,
                            offset: r.span.end,
                        },
                    })
                    .collect::<Vec<_>>()
                    .into_iter()
                    .chain(rolled_up(&f.path, d))
                    .collect(),
                fix: d.fix.as_ref().map(|f| FixItem {
                    applicability: f.applicability.as_str(),
                    message: &f.message,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| EditItem {
                            start: Pos {
                                line: e.start.line,
                                column: e.start.column,
                                offset: e.span.start,
                            },
                            end: Pos {
                                line: e.end.line,
                                column: e.end.column,
                                offset: e.span.end,
                            },
                            content: &e.content,
                        })
                        .collect(),
                }),
            })
            .collect(),
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// The other items of a rolled-up diagnostic, as related locations in the same file.
fn rolled_up<'a>(
    path: &'a str,
    d: &'a crate::Diagnostic,
) -> impl Iterator<Item = RelatedItem<'a>> + 'a {
    d.rollup
        .iter()
        .flat_map(|r| r.items.iter().skip(1))
        .map(move |it| RelatedItem {
            path,
            message: &it.label,
            start: Pos {
                line: it.start.line,
                column: it.start.column,
                offset: it.span.start,
            },
            end: Pos {
                line: it.end.line,
                column: it.end.column,
                offset: it.span.end,
            },
        })
}
