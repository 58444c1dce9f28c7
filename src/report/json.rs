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
/// parts, each on its own thread, and joined; the bytes are the same as with one thread.
pub fn render_on(outcome: &Outcome, catalog: &Catalog, threads: usize) -> String {
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
        diagnostics: Vec::new(),
    };
    let items: Vec<(&FileResult, &crate::Diagnostic)> = outcome
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
        .collect();
    // Never more threads than files (safety.md), nor than parts worth a thread.
    let threads = threads
        .min(outcome.files.len())
        .clamp(1, items.len() / PER_THREAD + 1);
    let mut out = if threads == 1 {
        let doc = Document {
            diagnostics: items.iter().map(|&(f, d)| item(catalog, f, d)).collect(),
            ..doc
        };
        pretty(&doc, doc.diagnostics.len())
    } else {
        // The document without diagnostics ends `"diagnostics": []` and `}`: the items go
        // between the brackets, each indented as serde_json indents an array's elements.
        let head = pretty(&doc, 0);
        let Some(head) = head.strip_suffix("[]\n}") else {
            return render_on(outcome, catalog, 1);
        };
        let parts: Vec<String> = std::thread::scope(|scope| {
            let size = items.len().div_ceil(threads);
            let handles: Vec<_> = items
                .chunks(size)
                .map(|chunk| {
                    let thread = std::thread::Builder::new()
                        .spawn_scoped(scope, move || part(catalog, chunk));
                    (chunk, thread)
                })
                .collect();
            handles
                .into_iter()
                .map(|(chunk, thread)| match thread {
                    Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                    // The system refused a thread (a process limit): written in this one.
                    Err(_) => part(catalog, chunk),
                })
                .collect()
        });
        let mut out =
            String::with_capacity(head.len() + parts.iter().map(String::len).sum::<usize>() + 16);
        out.push_str(head);
        out.push('[');
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(p);
        }
        out.push_str("\n  ]\n}");
        out
    };
    out.push('\n');
    out
}

/// Items as elements of the document's `diagnostics` array: each on new lines, indented by
/// four spaces, separated by commas (JSON strings never hold a raw line break, so every line
/// break is between tokens).
fn part(catalog: &Catalog, chunk: &[(&FileResult, &crate::Diagnostic)]) -> String {
    let mut out = Vec::with_capacity(768 * chunk.len());
    for (i, &(f, d)) in chunk.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"\n    ");
        // Written in place, indented as it goes: no copy of each item to indent it after.
        let at = out.len();
        if let Err(e) = serde_json::to_writer_pretty(Indented(&mut out), &item(catalog, f, d)) {
            out.truncate(at);
            out.extend_from_slice(format!("{{\"error\": \"{e}\"}}").as_bytes());
        }
    }
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes through to a buffer, indenting every line after the first by four spaces.
struct Indented<'a>(&'a mut Vec<u8>);

impl std::io::Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.0.extend_from_slice(&rest[..=i]);
            self.0.extend_from_slice(b"    ");
            rest = &rest[i + 1..];
        }
        self.0.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Pretty JSON in a buffer sized once (a diagnostic is about 700 bytes): a large run's
/// document is not copied again each time the buffer doubles.
fn pretty(value: &impl Serialize, diagnostics: usize) -> String {
    let mut out = Vec::with_capacity(256 + 768 * diagnostics);
    match serde_json::to_writer_pretty(&mut out, value) {
        // serde_json writes UTF-8 only.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
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
