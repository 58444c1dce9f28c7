//! A fix as data on a diagnostic: its edits and how sure it is. The fixer is [`crate::fix`].

use crate::source::{Position, Span};

/// How sure a fix is of what the author meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// The meaning is certainly what the author wrote (a quoted date).
    Safe,
    /// A guess (the closest key or value); applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Which fixes a rule can offer, for `explain` and `smplan rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
        }
    }
}

/// One replacement: the bytes of `span` become `content` (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub content: String,
    /// Filled in with the diagnostic's own position (`settle::locate`).
    pub start: Position,
    pub end: Position,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Self {
            span,
            content: content.into(),
            start: Position::default(),
            end: Position::default(),
        }
    }
    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Self::replace(Span::new(at, at), content)
    }
    pub fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }
}

/// A fix: what it does, how sure it is, and its edits (never overlapping each other).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Lowercase, like a message: "write the date without quotes".
    pub message: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Safe,
            message: message.into(),
            edits,
        }
    }
    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Unsafe,
            message: message.into(),
            edits,
        }
    }

    /// The smallest range covering every edit.
    pub(crate) fn extent(&self) -> Option<Span> {
        let start = self.edits.iter().map(|e| e.span.start).min()?;
        let end = self.edits.iter().map(|e| e.span.end).max()?;
        Some(Span::new(start, end))
    }
}
