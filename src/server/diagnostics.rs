//! Library diagnostics as LSP diagnostics: same codes, messages, severities and spans as
//! `smplan lint`, ranges in the negotiated encoding.

use super::encoding::{self, Encoding};
use crate::diagnostic::Severity;
use crate::error::ConfigError;
use lsp_types as lsp;

/// The rule catalog the docs links point into (its area headings are the anchors).
const RULES_MD: &str = include_str!("../../docs/rules.md");

/// GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Where a rule's documentation lives: its area's section of `docs/rules.md` (the client
/// shows it as a link on the code); `smplan explain CODE` prints the same text.
pub fn docs_url(code: &str) -> Option<lsp::Url> {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let area = code.trim_end_matches(|c: char| c.is_ascii_digit());
    let heading = RULES_MD
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .find(|h| h.split_whitespace().next() == Some(area))
        .unwrap_or("Rules from packs");
    lsp::Url::parse(&format!(
        "{repo}/blob/main/docs/rules.md#{}",
        anchor(heading)
    ))
    .ok()
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// The message as `smplan lint` prints it, with the help on a line of its own.
fn message(d: &crate::Diagnostic) -> String {
    match &d.help {
        Some(h) => format!("{}\nhelp: {h}", d.message),
        None => d.message.clone(),
    }
}

pub fn to_lsp(
    d: &crate::Diagnostic,
    uri: &lsp::Url,
    text: &str,
    enc: Encoding,
    other_text: &dyn Fn(&str) -> Option<String>,
) -> lsp::Diagnostic {
    let mut related = Vec::new();
    for l in &d.secondary {
        related.push(lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), encoding::range(text, l.span, enc)),
            message: l.text.clone().unwrap_or_default(),
        });
    }
    for r in &d.related {
        let Ok(other) = lsp::Url::from_file_path(
            std::fs::canonicalize(&r.path).unwrap_or_else(|_| r.path.clone().into()),
        ) else {
            continue;
        };
        let range = match other_text(&r.path) {
            Some(t) => encoding::range(&t, r.span, enc),
            None => lsp::Range::new(
                lsp::Position::new(
                    r.start.line.saturating_sub(1) as u32,
                    r.start.column.saturating_sub(1) as u32,
                ),
                lsp::Position::new(
                    r.end.line.saturating_sub(1) as u32,
                    r.end.column.saturating_sub(1) as u32,
                ),
            ),
        };
        related.push(lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(other, range),
            message: r.text.clone(),
        });
    }
    lsp::Diagnostic {
        range: encoding::range(text, d.primary.span, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: docs_url(&d.code).map(|href| lsp::CodeDescription { href }),
        source: Some("smplan".into()),
        message: message(d),
        related_information: (!related.is_empty()).then_some(related),
        tags: (d.code
            == crate::rules::suppressions::su001_unused_suppression::UnusedSuppression::META.code)
            .then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

/// A config or pack that cannot be loaded, as a diagnostic in that file.
pub fn config_error(e: &ConfigError, text: &str, enc: Encoding) -> lsp::Diagnostic {
    let span = e.span.map_or(crate::source::Span::new(0, 0), |s| {
        crate::source::Span::new(s.offset(), s.offset() + s.len())
    });
    let mut message = e.message.clone();
    if let Some(h) = &e.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    lsp::Diagnostic {
        range: encoding::range(text, span, enc),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some("smplan".into()),
        message,
        ..lsp::Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_links_point_at_the_area_heading() {
        let url = |c| {
            super::docs_url(c)
                .map(|u| u.to_string())
                .unwrap_or_default()
        };
        assert!(url("PL005").ends_with("/docs/rules.md#pl--plan-file-and-structure"));
        assert!(url("KP003").ends_with("#kp--kpis-and-the-three-core-business-goals-step-5"));
        assert!(url("ACME001").ends_with("#rules-from-packs"));
    }
}
