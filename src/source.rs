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

/// [`LineIndex::position`] of one offset, without indexing every line: for a text asked about
/// a few offsets (a count of the newlines before it, vectorised, costs a fraction of an index).
pub fn position_at(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count();
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    // The characters that start before `offset`, as the index counts them (a char `offset`
    // falls inside counts): every byte that is not a UTF-8 continuation byte starts one.
    let column = before[start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count();
    Position {
        line: line + 1,
        column: column + 1,
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

/// The most `max_file_bytes` may be (a larger value is a config error).
pub const MAX_FILE_BYTES_CAP: u64 = 1 << 30;
/// The most a config file or a rule pack may be.
pub const CONFIG_BYTES: u64 = 1 << 20;

/// Why a file could not be turned into text (rule PL002).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("the file is {size} bytes, over the limit of {limit} bytes (`max_file_bytes`)")]
    TooLarge { size: u64, limit: u64 },
    /// Found while reading (standard input, a file that grew): the size is not known.
    #[error("the input is over the limit of {limit} bytes (`max_file_bytes`)")]
    OverLimit { limit: u64 },
    #[error("cannot read the file: it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("the file is not valid UTF-8 (invalid byte at offset {0})")]
    NotUtf8(usize),
}

/// Reads a file whole, as text, through [`read_bounded`].
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    bytes_to_text(read_bounded(path, limit)?)
}

/// Where settings files (a config, its packs) come from: text that stands in for a file, such
/// as an editor's unsaved buffer, else the disk. The library holds no buffers of its own.
pub trait Sources {
    /// The text standing in for `path`, or `None` to read the disk.
    fn text(&self, path: &Path) -> Option<&str>;
}

/// Every file from the disk, as the command line reads them.
pub struct Disk;

impl Sources for Disk {
    fn text(&self, _: &Path) -> Option<&str> {
        None
    }
}

impl Sources for std::collections::HashMap<std::path::PathBuf, String> {
    fn text(&self, path: &Path) -> Option<&str> {
        self.get(path).map(String::as_str)
    }
}

/// [`read_text`] through `sources`: text standing in for the file meets the same `limit`.
pub fn read_text_from(sources: &dyn Sources, path: &Path, limit: u64) -> Result<String, ReadError> {
    match sources.text(path) {
        Some(text) if text.len() as u64 > limit => Err(ReadError::TooLarge {
            size: text.len() as u64,
            limit,
        }),
        Some(text) => Ok(text.to_string()),
        None => read_text(path, limit),
    }
}

/// The one reader for every file smplan reads: regular files only (a FIFO, socket or device is
/// refused without blocking), refused before reading when the size is over `limit`, and never
/// more than `limit` + 1 bytes read, so memory does not grow with what the file claims or holds.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(io_reason(&e));
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO without a writer would block; with O_NONBLOCK it returns at once and
        // the type check below refuses it. Regular files ignore the flag.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    // The type of what was opened, not of what the path named a moment before.
    let meta = file.metadata().map_err(io)?;
    if let Some(kind) = not_regular(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    read_limited(file, meta.len(), limit)
}

/// Reads at most `limit` + 1 bytes; more than `limit` is [`ReadError::OverLimit`].
pub fn read_limited(
    reader: impl std::io::Read,
    size_hint: u64,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    let cap = size_hint.min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(cap).unwrap_or(0));
    // `take` guards against files that grow while being read (or lie about their size, like
    // /proc) and against standard input of any length.
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::OverLimit { limit });
    }
    Ok(bytes)
}

/// Reads standard input through the same bound: at most `limit` + 1 bytes, so that more than
/// `limit` shows as [`ReadError::OverLimit`] when [`stdin_text`] checks the bytes.
pub fn read_stdin(limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The text of standard input read by [`read_stdin`].
pub fn stdin_text(bytes: Vec<u8>, limit: u64) -> Result<String, ReadError> {
    if bytes.len() as u64 > limit {
        return Err(ReadError::OverLimit { limit });
    }
    bytes_to_text(bytes)
}

fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("a special file")
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

    /// The name as printed (the path of a config file or pack).
    pub fn name(&self) -> &str {
        &self.name
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
        // Counted in the original's code points, as concise and JSON count them.
        let column = self.safe.original_chars(line_start, start);
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

#[cfg(test)]
mod tests {
    use super::{LineIndex, position_at};

    #[test]
    fn a_position_without_the_index_is_the_indexed_one() {
        for text in [
            "",
            "\n",
            "a = 1\nb = \"é€𝄞\"\n\n  c = 2",
            "x\r\ny\n\u{660}\u{660}\n",
            "\u{1F600}\u{1F600}",
        ] {
            let index = LineIndex::new(text);
            // Every offset, on a character boundary or not, and past the end.
            for offset in 0..text.len() + 3 {
                assert_eq!(
                    position_at(text, offset),
                    index.position(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }
}
