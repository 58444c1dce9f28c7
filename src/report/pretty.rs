//! miette's graphical reports, one per diagnostic.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Outcome;
use crate::rules::registry::Catalog;
use crate::source::NamedText;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use std::collections::HashMap;
use std::fmt;

/// A plan diagnostic as miette sees it.
struct Report<'a> {
    d: &'a Diagnostic,
    title: String,
    src: NamedText,
    related: Vec<RelatedReport>,
}

/// The other file of a cross-file diagnostic.
struct RelatedReport {
    message: String,
    src: NamedText,
    span: SourceSpan,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for Report<'_> {}

fn span(s: crate::source::Span, len: usize) -> SourceSpan {
    let start = s.start.min(len);
    SourceSpan::from(start..s.end.clamp(start, len))
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
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.src.text().len();
        let primary = LabeledSpan::new_primary_with_span(
            self.d.primary.text.clone(),
            span(self.d.primary.span, len),
        );
        let text = self.src.text();
        let rest = self
            .d
            .secondary
            .iter()
            .filter(move |l| !leads_away(text, l.span, self.d.primary.span))
            .map(move |l| LabeledSpan::new_with_span(l.text.clone(), span(l.span, len)));
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
fn leads_away(text: &str, label: crate::source::Span, primary: crate::source::Span) -> bool {
    label.start < primary.start
        && text
            .get(label.start..primary.start)
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
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".into()), self.span),
        )))
    }
}

/// Renders every diagnostic. Files whose text was not kept are read again (cross-file labels).
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
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut read = |path: &str| -> String {
        texts
            .entry(path.to_string())
            .or_insert_with(|| std::fs::read_to_string(path).unwrap_or_default())
            .clone()
    };
    let mut out = String::new();
    for file in &outcome.files {
        let text = match &file.text {
            Some(t) => t.clone(),
            None if file.diagnostics.is_empty() => continue,
            None => read(&file.path),
        };
        for d in &file.diagnostics {
            let name = catalog.get(d.code).map_or("", |r| r.meta.name);
            let nested = d
                .secondary
                .iter()
                .filter(|l| leads_away(&text, l.span, d.primary.span))
                .map(|l| RelatedReport {
                    message: l.text.clone().unwrap_or_default(),
                    span: span(l.span, text.len()),
                    src: NamedText::new(&file.path, text.clone()),
                })
                .collect::<Vec<_>>();
            let related = nested
                .into_iter()
                .chain(d.related.iter().map(|r| {
                    let t = read(&r.path);
                    let len = t.len();
                    RelatedReport {
                        message: format!("{} ({})", r.text, r.path),
                        span: span(r.span, len),
                        src: NamedText::new(&r.path, t),
                    }
                }))
                .collect();
            let report = Report {
                d,
                title: format!("{}[{}] {}", d.severity, d.code, name),
                src: NamedText::new(&file.path, text.clone()),
                related,
            };
            if handler.render_report(&mut out, &report).is_err() {
                out.push_str(&format!(
                    "{}:{}:{}: {}\n",
                    file.path, d.start.line, d.start.column, d.message
                ));
            }
            out.push('\n');
        }
    }
    out
}
