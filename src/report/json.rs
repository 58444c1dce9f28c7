//! One JSON document: tool, version, summary and every diagnostic.

use crate::catalog::Catalog;
use crate::lint::{FileResult, Outcome};
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
    render_on(outcome, catalog, 1)
}

/// Diagnostics below which one thread writes the whole document (a thread costs more).
const PER_THREAD: usize = 2048;

/// [`render`] on up to `threads` threads: a large run's diagnostics are written in contiguous
/// parts, the first in this thread and each other on a thread of its own, and joined; the
/// bytes are the same as with one thread.
pub fn render_on(outcome: &Outcome, catalog: &Catalog, threads: usize) -> String {
    render_pieces(outcome, catalog, threads).concat()
}

/// [`render_on`] as pieces that make the document when written one after the other: a caller
/// that writes them in turn saves joining a large report (a copy into fresh memory as long as
/// writing one part).
pub fn render_pieces(outcome: &Outcome, catalog: &Catalog, threads: usize) -> Vec<String> {
    let doc = document(outcome, Vec::new());
    let items: Vec<(&FileResult, &crate::Diagnostic)> = outcome
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
        .collect();
    // The document without diagnostics ends `"diagnostics": []` and `}`: the items go between
    // the brackets, each indented as serde_json indents an array's elements.
    let head = pretty(&doc);
    let Some(head) = head.strip_suffix("[]\n}") else {
        // Not the shape serde_json writes (it cannot happen): the whole document by serde_json.
        return vec![serde_pretty(outcome, catalog)];
    };
    if items.is_empty() {
        return vec![format!("{head}[]\n}}\n")];
    }
    // Never more threads than files (safety.md), nor than parts worth a thread.
    let threads = threads
        .min(outcome.files.len())
        .clamp(1, items.len() / PER_THREAD + 1);
    let size = items.len().div_ceil(threads);
    let mut chunks = items.chunks(size);
    let first = chunks.next().unwrap_or_default();
    let mut pieces = vec![format!("{head}[")];
    std::thread::scope(|scope| {
        let others: Vec<_> = chunks
            .map(|chunk| {
                let thread = std::thread::Builder::new()
                    .spawn_scoped(scope, move || part(catalog, chunk, false));
                (chunk, thread)
            })
            .collect();
        // This thread writes the first part while the others write theirs.
        pieces.push(part(catalog, first, true));
        for (chunk, thread) in others {
            pieces.push(match thread {
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                // The system refused a thread (a process limit): written in this one.
                Err(_) => part(catalog, chunk, false),
            });
        }
    });
    pieces.push("\n  ]\n}\n".to_string());
    pieces
}

/// Items as elements of the document's `diagnostics` array: each on new lines, indented by
/// four spaces, separated by commas (a comma before the first too, unless it starts the array).
fn part(catalog: &Catalog, chunk: &[(&FileResult, &crate::Diagnostic)], starts: bool) -> String {
    let mut out = Layout(Vec::with_capacity(768 * chunk.len()));
    for (i, &(f, d)) in chunk.iter().enumerate() {
        if i > 0 || !starts {
            out.0.push(b',');
        }
        out.indent(2);
        let at = out.0.len();
        if let Err(e) = out.item(2, &item(catalog, f, d)) {
            out.0.truncate(at);
            out.0
                .extend_from_slice(format!("{{\"error\": \"{e}\"}}").as_bytes());
        }
    }
    // serde_json writes UTF-8 only, and so does [`Layout`].
    String::from_utf8(out.0).unwrap_or_default()
}

/// The document of `outcome` with these items.
fn document<'a>(outcome: &Outcome, diagnostics: Vec<Item<'a>>) -> Document<'a> {
    let s = &outcome.summary;
    Document {
        tool: "smplan",
        version: env!("CARGO_PKG_VERSION"),
        summary: Summary {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
        diagnostics,
    }
}

/// The whole document as serde_json writes it: the layout [`Layout`] writes by hand (the tests
/// hold the two equal).
fn serde_pretty(outcome: &Outcome, catalog: &Catalog) -> String {
    let items = outcome
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| item(catalog, f, d)))
        .collect();
    let doc = document(outcome, items);
    pretty(&doc) + "\n"
}

/// The whole document as serde_json's pretty printer writes it.
fn pretty(value: &impl Serialize) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(s) => s,
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// Writes an [`Item`] byte for byte as serde_json's pretty printer does (two spaces a level),
/// straight into the buffer: the layout is fixed, so nothing walks it field by field at run
/// time, which cost five times as much in a run with thousands of diagnostics. Strings and
/// numbers are still written by serde_json (its escaping). `tests` holds the two equal.
struct Layout(Vec<u8>);

/// Spaces for the deepest level an item reaches (an edit's position: level 7).
const SPACES: &[u8; 16] = b"                ";

impl Layout {
    fn indent(&mut self, level: usize) {
        debug_assert!(
            2 * level <= SPACES.len(),
            "level {level} is deeper than `SPACES`"
        );
        self.0.push(b'\n');
        self.0
            .extend_from_slice(SPACES.get(..2 * level).unwrap_or(SPACES));
    }

    /// `"key": ` on a line of its own at `level`, after a comma unless it is the first.
    fn key(&mut self, level: usize, first: bool, key: &str) {
        if !first {
            self.0.push(b',');
        }
        self.indent(level);
        self.0.push(b'"');
        self.0.extend_from_slice(key.as_bytes());
        self.0.extend_from_slice(b"\": ");
    }

    fn close(&mut self, level: usize) {
        self.indent(level);
        self.0.push(b'}');
    }

    fn str(&mut self, s: &str) -> serde_json::Result<()> {
        serde_json::to_writer(&mut self.0, s)
    }

    /// An object at `level`, its fields one level deeper.
    fn item(&mut self, level: usize, it: &Item<'_>) -> serde_json::Result<()> {
        let l = level + 1;
        self.0.push(b'{');
        self.key(l, true, "path");
        self.str(it.path)?;
        self.key(l, false, "code");
        self.str(it.code)?;
        self.key(l, false, "name");
        self.str(it.name)?;
        self.key(l, false, "severity");
        self.str(it.severity)?;
        self.key(l, false, "message");
        self.str(it.message)?;
        self.key(l, false, "help");
        match it.help {
            Some(help) => self.str(help)?,
            None => self.0.extend_from_slice(b"null"),
        }
        self.key(l, false, "start");
        self.pos(l, &it.start)?;
        self.key(l, false, "end");
        self.pos(l, &it.end)?;
        self.key(l, false, "related");
        self.array(l, &it.related, Self::related)?;
        if let Some(fix) = &it.fix {
            self.key(l, false, "fix");
            self.fix(l, fix)?;
        }
        self.close(level);
        Ok(())
    }

    fn pos(&mut self, level: usize, p: &Pos) -> serde_json::Result<()> {
        let l = level + 1;
        self.0.push(b'{');
        self.key(l, true, "line");
        serde_json::to_writer(&mut self.0, &p.line)?;
        self.key(l, false, "column");
        serde_json::to_writer(&mut self.0, &p.column)?;
        self.key(l, false, "offset");
        serde_json::to_writer(&mut self.0, &p.offset)?;
        self.close(level);
        Ok(())
    }

    /// An array of objects at `level`: `[]` when empty, else each element on its own line.
    fn array<T>(
        &mut self,
        level: usize,
        items: &[T],
        mut element: impl FnMut(&mut Self, usize, &T) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        if items.is_empty() {
            self.0.extend_from_slice(b"[]");
            return Ok(());
        }
        self.0.push(b'[');
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.indent(level + 1);
            element(self, level + 1, it)?;
        }
        self.indent(level);
        self.0.push(b']');
        Ok(())
    }

    fn related(&mut self, level: usize, r: &RelatedItem<'_>) -> serde_json::Result<()> {
        let l = level + 1;
        self.0.push(b'{');
        self.key(l, true, "path");
        self.str(r.path)?;
        self.key(l, false, "message");
        self.str(r.message)?;
        self.key(l, false, "start");
        self.pos(l, &r.start)?;
        self.key(l, false, "end");
        self.pos(l, &r.end)?;
        self.close(level);
        Ok(())
    }

    fn fix(&mut self, level: usize, f: &FixItem<'_>) -> serde_json::Result<()> {
        let l = level + 1;
        self.0.push(b'{');
        self.key(l, true, "applicability");
        self.str(f.applicability)?;
        self.key(l, false, "message");
        self.str(f.message)?;
        self.key(l, false, "edits");
        self.array(l, &f.edits, Self::edit)?;
        self.close(level);
        Ok(())
    }

    fn edit(&mut self, level: usize, e: &EditItem<'_>) -> serde_json::Result<()> {
        let l = level + 1;
        self.0.push(b'{');
        self.key(l, true, "start");
        self.pos(l, &e.start)?;
        self.key(l, false, "end");
        self.pos(l, &e.end)?;
        self.key(l, false, "content");
        self.str(e.content)?;
        self.close(level);
        Ok(())
    }
}

fn item<'a>(catalog: &'a Catalog, f: &'a FileResult, d: &'a crate::Diagnostic) -> Item<'a> {
    Item {
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
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Related};
    use crate::lint::{FileResult, Outcome, Summary};
    use crate::source::Span;

    fn outcome(files: usize, per_file: usize) -> Outcome {
        let files: Vec<FileResult> = (0..files)
            .map(|i| FileResult {
                path: format!("plans/p{i}.plan.toml"),
                text: None,
                diagnostics: (0..per_file)
                    .map(|n| {
                        let mut d =
                            Diagnostic::new("SM001", Span::new(n, n + 3), "a \"quoted\"\nline")
                                .help("write `x`");
                        if n % 2 == 0 {
                            d.related.push(Related {
                                path: "other.plan.toml".into(),
                                span: Span::new(1, 2),
                                start: Default::default(),
                                end: Default::default(),
                                text: "there".into(),
                            });
                        }
                        d
                    })
                    .collect(),
            })
            .collect();
        Outcome {
            summary: Summary {
                files: files.len(),
                ..Summary::default()
            },
            files,
        }
    }

    #[test]
    fn the_layout_is_the_one_serde_json_writes() {
        use crate::diagnostic::{RollUp, RolledItem};
        use crate::fix::{Edit, Fix};
        let catalog = Catalog::builtin();
        let pos = |line, column| crate::source::Position { line, column };
        // Every shape a field takes: escapes and control characters, non-ASCII text, no help,
        // related locations and rolled-up items, fixes with none, one and several edits.
        let texts = [
            "plain",
            "",
            "tab\there \"q\" back\\slash",
            "\u{1b}[31m\u{7f}\u{0}",
            "кириллица ✓ 🚀",
            " padded \n",
        ];
        let mut o = outcome(3, 4);
        for (i, d) in o
            .files
            .iter_mut()
            .flat_map(|f| &mut f.diagnostics)
            .enumerate()
        {
            let text = texts[i % texts.len()];
            d.message = format!("{text} {i}");
            d.help = (i % 3 != 0).then(|| text.to_string());
            d.start = pos(i + 1, 2 * i + 1);
            d.end = pos(i + 10, 1_000_000 + i);
            d.code = ["SM001", "PL005", "XX999"][i % 3].into();
            if i % 2 == 1 {
                let edits = (0..i % 3)
                    .map(|n| Edit::replace(Span::new(n, n + 1), texts[(i + n) % texts.len()]))
                    .collect();
                d.fix = Some(match i % 4 {
                    1 => Fix::safe(text, edits),
                    _ => Fix::unsafe_(text, edits),
                });
            }
            if i % 5 == 4 {
                d.rollup = Some(Box::new(RollUp {
                    of: 3,
                    message: "m".into(),
                    help: None,
                    items: (0..3)
                        .map(|n| RolledItem {
                            item: format!("kpi#{n}"),
                            span: Span::new(n, n + 2),
                            start: pos(n + 1, 1),
                            end: pos(n + 1, 3),
                            message: "each".into(),
                            label: texts[n % texts.len()].into(),
                        })
                        .collect(),
                }));
            }
        }
        for o in [o, outcome(0, 0), outcome(2, 0), outcome(1, 1)] {
            let expected = serde_pretty(&o, &catalog);
            assert_eq!(render_on(&o, &catalog, 1), expected);
            assert_eq!(render_on(&o, &catalog, 2), expected);
        }
    }

    #[test]
    fn a_document_written_on_several_threads_is_the_one_written_on_one() {
        let catalog = Catalog::builtin();
        for (files, per_file) in [(0, 0), (3, 0), (1, 1), (700, 7), (2, 2 * PER_THREAD + 1)] {
            let o = outcome(files, per_file);
            let one = render_on(&o, &catalog, 1);
            assert_eq!(one, render(&o, &catalog));
            for threads in [2, 3, 8] {
                assert_eq!(
                    render_on(&o, &catalog, threads),
                    one,
                    "{files} x {per_file}"
                );
            }
            let doc: serde_json::Value = serde_json::from_str(&one).expect("valid JSON");
            assert_eq!(
                doc["diagnostics"].as_array().map(Vec::len),
                Some(files * per_file)
            );
        }
    }
}
