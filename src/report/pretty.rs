//! miette's graphical reports, one per diagnostic.

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Outcome;
use crate::sanitize;
use crate::source::NamedText;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use std::collections::HashMap;
use std::fmt;

/// A plan diagnostic as miette sees it.
struct Report<'a> {
    d: &'a Diagnostic,
    title: String,
    /// `None` for a file that could not be read (PL002): it is never opened again.
    src: Option<&'a NamedText>,
    related: Vec<RelatedReport>,
}

/// The other file of a cross-file diagnostic; without its text when the run did not keep it.
struct RelatedReport {
    message: String,
    src: Option<(NamedText, SourceSpan)>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&sanitize::line(&self.d.message))
    }
}
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&sanitize::line(&self.d.message))
    }
}
impl std::error::Error for Report<'_> {}

fn span(src: &NamedText, s: crate::source::Span) -> SourceSpan {
    src.span(s.start, s.end)
}

fn label_text(t: &Option<String>) -> Option<String> {
    t.as_deref().map(sanitize::owned)
}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.title))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_deref()
            .map(|h| Box::new(sanitize::line(h)) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let src = self.src?;
        let primary = LabeledSpan::new_primary_with_span(
            label_text(&self.d.primary.text),
            span(src, self.d.primary.span),
        );
        let rest = self
            .d
            .secondary
            .iter()
            .filter(move |l| !leads_away(src, l.span, self.d.primary.span))
            .map(move |l| LabeledSpan::new_with_span(label_text(&l.text), span(src, l.span)));
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

/// Whether a secondary label lies well before the primary one (more than three lines): shown in
/// the same snippet it would come first and the reader would meet the context before the
/// problem (SM006's `plan.end` above the deadline), so it is shown after it, nested.
fn leads_away(src: &NamedText, label: crate::source::Span, primary: crate::source::Span) -> bool {
    let (l, p) = (span(src, label).offset(), span(src, primary).offset());
    l < p
        && src
            .text()
            .get(l..p)
            .is_some_and(|between| between.matches('\n').count() > 3)
}

impl fmt::Debug for RelatedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for RelatedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for RelatedReport {}
impl miette::Diagnostic for RelatedReport {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|(s, _)| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.src.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".into()), *span),
        )))
    }
}

/// Renders every diagnostic. Snippets come from the text the lint run kept; nothing is read
/// again (a file may have changed, be a FIFO, or be huge by now).
pub fn render(outcome: &Outcome, catalog: &Catalog, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_show_related_as_nested(true)
        .with_width(width)
        .with_links(false)
        .with_word_separator(super::wrap::CODE_SPANS_WHOLE)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_break_words(false);
    let texts: HashMap<&str, &str> = outcome
        .files
        .iter()
        .filter_map(|f| Some((f.path.as_str(), f.text.as_deref()?)))
        .collect();
    let mut out = String::new();
    for file in &outcome.files {
        if file.diagnostics.is_empty() {
            continue;
        }
        let src = file
            .text
            .as_ref()
            .map(|t| NamedText::new(&file.path, t.clone()));
        for d in &file.diagnostics {
            let name = catalog.get(&d.code).map_or("", |r| r.meta.name.as_str());
            // Secondary labels far above the primary one are shown after it, nested.
            let nested = match &src {
                Some(src) => d
                    .secondary
                    .iter()
                    .filter(|l| leads_away(src, l.span, d.primary.span))
                    .map(|l| RelatedReport {
                        message: label_text(&l.text).unwrap_or_default(),
                        src: Some((src.clone(), span(src, l.span))),
                    })
                    .collect(),
                None => Vec::new(),
            };
            let related = nested
                .into_iter()
                .chain(d.related.iter().map(|r| {
                    let src = texts.get(r.path.as_str()).map(|t| {
                        let src = NamedText::new(&r.path, t.to_string());
                        let span = src.span(r.span.start, r.span.end);
                        (src, span)
                    });
                    // Without a snippet, the position says where to look.
                    let message = match src {
                        Some(_) => format!("{} ({})", r.text, r.path),
                        None => format!(
                            "{} ({}:{}:{})",
                            r.text, r.path, r.start.line, r.start.column
                        ),
                    };
                    RelatedReport {
                        message: sanitize::owned(&message),
                        src,
                    }
                }))
                .collect();
            let report = Report {
                d,
                title: format!("{}[{}] {}", d.severity, d.code, name),
                src: src.as_ref(),
                related,
            };
            if handler.render_report(&mut out, &report).is_err() {
                out.push_str(&sanitize::owned(&format!(
                    "{}:{}:{}: {}",
                    file.path, d.start.line, d.start.column, d.message
                )));
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out
}
