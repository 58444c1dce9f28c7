//! Problems with the files that configure a run (`smplan.toml`, rule packs): exit 2.

use crate::source::NamedText;
use miette::SourceSpan;

/// A problem with the configuration (exit 2), pointing into the file when it can.
/// `span` is in offsets of the original text; everything is printed sanitised
/// ([`crate::sanitize`]): config and pack text arrive in pull requests too.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::sanitize::line(message))]
pub struct ConfigError {
    pub message: String,
    pub src: Option<NamedText>,
    pub span: Option<SourceSpan>,
    pub label: String,
    pub help: Option<String>,
}

impl miette::Diagnostic for ConfigError {
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(crate::sanitize::line(h)) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let (src, span) = (self.src.as_ref()?, self.span?);
        let span = src.span(span.offset(), span.offset() + span.len());
        let label = (!self.label.is_empty()).then(|| crate::sanitize::owned(&self.label));
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(label, span),
        )))
    }
}

impl ConfigError {
    pub fn plain(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            src: None,
            span: None,
            label: String::new(),
            help: None,
        }
    }
}

/// Why a config file or pack could not be read, in words for an exit-2 message.
pub fn config_read_reason(e: &crate::source::ReadError) -> String {
    use crate::source::ReadError;
    match e {
        ReadError::TooLarge { size, limit } => {
            format!("it is {size} bytes, over the limit of {limit} bytes")
        }
        ReadError::OverLimit { limit } => format!("it is over the limit of {limit} bytes"),
        ReadError::NotRegular(kind) => format!("it is {kind}, not a regular file"),
        ReadError::NotUtf8(at) => format!("it is not valid UTF-8 (invalid byte at offset {at})"),
        ReadError::Io(reason) => reason.clone(),
    }
}
