//! miette's graphical reports, one per diagnostic.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Outcome;
use crate::rules::registry::Catalog;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::collections::HashMap;
use std::fmt;

/// A named source whose columns count Unicode code points, as every other output does
/// (miette's own `NamedSource` counts bytes in the `[file:line:col]` header).
struct PlanSource {
    name: String,
    text: String,
}

impl SourceCode for PlanSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let start = inner.span().offset().min(self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = self
            .text
            .get(line_start..start)
            .map_or(inner.column(), |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// A plan diagnostic as miette sees it.
struct Report<'a> {
    d: &'a Diagnostic,
    title: String,
    src: PlanSource,
    related: Vec<RelatedReport>,
}

/// The other file of a cross-file diagnostic.
struct RelatedReport {
    message: String,
    src: PlanSource,
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
        let len = self.src.text.len();
        let primary = LabeledSpan::new_primary_with_span(
            self.d.primary.text.clone(),
            span(self.d.primary.span, len),
        );
        let rest = self
            .d
            .secondary
            .iter()
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
        .with_links(false);
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
            let related = d
                .related
                .iter()
                .map(|r| {
                    let t = read(&r.path);
                    let len = t.len();
                    RelatedReport {
                        message: format!("{} ({})", r.text, r.path),
                        span: span(r.span, len),
                        src: PlanSource {
                            name: r.path.clone(),
                            text: t,
                        },
                    }
                })
                .collect();
            let report = Report {
                d,
                title: format!("{}[{}] {}", d.severity, d.code, name),
                src: PlanSource {
                    name: file.path.clone(),
                    text: text.clone(),
                },
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
