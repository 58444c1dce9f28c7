//! Reading plan files with the size limit and turning byte offsets into lines and columns.

use crate::sanitize::SafeSource;
use std::io::Read;
use std::path::Path;

/// A byte range in a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

/// 1-based line and column (columns count Unicode code points).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line, for offset → line/column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()));
        Self { starts }
    }

    /// Position of a byte offset; offsets past the end or inside a character clamp safely.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let column = text
            .get(start..)
            .map(|rest| {
                rest.char_indices()
                    .take_while(|(i, _)| start + i < offset)
                    .count()
            })
            .unwrap_or(0);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)
}

impl Position {
    /// The position of one offset without building a [`LineIndex`].
    pub fn of(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let column = text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Position { line, column }
    }
}

/// Why a file could not be turned into text (rule PL002).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("the file is {size} bytes, over the limit of {limit} bytes (`max_file_bytes`)")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file is not valid UTF-8 (invalid byte at offset {0})")]
    NotUtf8(usize),
}

/// Reads a file whole, refusing files over `limit` bytes before reading them.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| ReadError::Io(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::Io("it is a directory".into()));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // `take` guards against files that grow while being read (or lie about their size, like /proc).
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    bytes_to_text(bytes)
}

/// Checks that bytes are UTF-8 without copying them.
pub fn bytes_to_text(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.utf8_error().valid_up_to()))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file (a dangling symlink?)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A named text for miette reports whose columns count Unicode code points, as every other
/// output does (miette's own `NamedSource` counts bytes in the `[file:line:col]` header).
/// Name and text are made safe to print ([`crate::sanitize`]): labels given in offsets of the
/// original text go through [`NamedText::span`].
#[derive(Debug, Clone)]
pub struct NamedText {
    name: String,
    safe: SafeSource,
}

impl NamedText {
    pub fn new(name: impl AsRef<str>, text: impl Into<String>) -> Self {
        Self {
            name: crate::sanitize::owned(name.as_ref()),
            safe: SafeSource::new(text.into()),
        }
    }

    /// The text as printed (controls made visible).
    pub fn text(&self) -> &str {
        self.safe.text()
    }

    /// A span of the original text, as a span of the printed text (clamped to it).
    pub fn span(&self, start: usize, end: usize) -> miette::SourceSpan {
        let start = self.safe.map(start);
        let end = self.safe.map(end.max(start)).max(start);
        miette::SourceSpan::from(start..end)
    }
}

impl miette::SourceCode for NamedText {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.safe.text();
        let inner = text.read_span(span, before, after)?;
        let start = inner.span().offset().min(text.len());
        let line_start = text.as_bytes()[..start]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let column = text
            .get(line_start..start)
            .map_or(inner.column(), |s| s.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}
