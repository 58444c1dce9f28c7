//! Suppression comments: `# smplan-ignore: CODE, name -- reason` and `# smplan-ignore-file: ...`.

use crate::model::Region;
use crate::source::{LineIndex, Span};

const MARKER: &str = "smplan-ignore";

/// What a suppression comment covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Diagnostics starting on this 1-based line (end-of-line comment).
    Line(usize),
    /// Diagnostics starting inside this byte range (comment above a key or table).
    Region(Span),
    File,
}

/// One rule named in a suppression comment.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub scope: Scope,
    pub entries: Vec<Entry>,
    /// The whole comment, for "names no rule" reports.
    pub comment: Span,
}

/// A comment found in TOML source: where `#` is and whether code precedes it on its line.
struct Comment {
    start: usize,
    end: usize,
    alone: bool,
}

/// Finds comments, skipping `#` inside strings of all four kinds.
fn comments(text: &str) -> Vec<Comment> {
    scan(text).0
}

/// Every comment of a TOML text (from `#` to the end of its line), skipping `#` in strings.
pub fn comment_spans(text: &str) -> Vec<Span> {
    comments(text)
        .into_iter()
        .map(|c| Span::new(c.start, c.end))
        .collect()
}

/// The spans of every string literal (a `#` inside one starts no comment).
pub fn strings(text: &str) -> Vec<Span> {
    scan(text).1
}

/// Comments, and the spans of multi-line strings (a line ending inside one cannot take a comment).
fn scan(text: &str) -> (Vec<Comment>, Vec<Span>) {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut strings = Vec::new();
    let mut i = 0;
    let mut line_has_code = false;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line_has_code = false;
                i += 1;
            }
            b'#' => {
                let end = text[i..].find('\n').map_or(b.len(), |n| i + n);
                out.push(Comment {
                    start: i,
                    end,
                    alone: !line_has_code,
                });
                i = end;
            }
            q @ (b'"' | b'\'') => {
                line_has_code = true;
                let triple = b.get(i..i + 3) == Some(&[q, q, q][..]);
                if triple {
                    let close = [q, q, q];
                    let mut j = i + 3;
                    while j < b.len() && b.get(j..j + 3) != Some(&close[..]) {
                        j += if q == b'"' && b[j] == b'\\' { 2 } else { 1 };
                    }
                    // Up to two more quotes may end the string (`""""" `).
                    j = (j + 3).min(b.len());
                    while j < b.len() && b[j] == q {
                        j += 1;
                    }
                    strings.push(Span::new(i, j));
                    i = j;
                } else {
                    let mut j = i + 1;
                    while j < b.len() && b[j] != q && b[j] != b'\n' {
                        j += if q == b'"' && b[j] == b'\\' { 2 } else { 1 };
                    }
                    i = (j + 1).min(b.len());
                }
            }
            c => {
                if !c.is_ascii_whitespace() {
                    line_has_code = true;
                }
                i += 1;
            }
        }
    }
    (out, strings)
}

/// Whether some `#` is followed by the marker, after whitespace: every suppression comment is
/// (see [`parse`]). Most plans have no suppression and a `#` or two: a search for one byte
/// rules them out in a fraction of what a search for the marker takes.
fn may_suppress(text: &str) -> bool {
    memchr::memchr_iter(b'#', text.as_bytes())
        .any(|h| text[h + 1..].trim_start().starts_with(MARKER))
}

/// Parses every suppression comment. `regions` are the plan's keys and tables.
pub fn parse<'i>(
    text: &str,
    index: impl FnOnce() -> &'i LineIndex,
    regions: &[Region],
) -> Vec<Suppression> {
    if !may_suppress(text) {
        return Vec::new();
    }
    let index = index();
    let mut out = Vec::new();
    for c in comments(text) {
        // The marker may follow other comment text: `# quoted on purpose  # smplan-ignore: PL005`.
        let Some(hash) = text[c.start..c.end]
            .match_indices('#')
            .map(|(i, _)| c.start + i)
            .find(|&h| text[h + 1..c.end].trim_start().starts_with(MARKER))
        else {
            continue;
        };
        let body = &text[hash + 1..c.end];
        let lead = body.len() - body.trim_start().len();
        let body_t = body.trim_start();
        let (file_level, rest_at) = if let Some(r) = body_t.strip_prefix("smplan-ignore-file") {
            (true, body.len() - r.len())
        } else if let Some(r) = body_t.strip_prefix(MARKER) {
            (false, body.len() - r.len())
        } else {
            continue;
        };
        // The marker is a word of its own: `# smplan-ignoreSM007` is not a suppression.
        if body[rest_at..].starts_with(|c: char| !(c == ':' || c.is_whitespace())) {
            continue;
        }
        let _ = lead;
        let base = hash + 1 + rest_at;
        let mut list = &text[base..c.end];
        if let Some(cut) = list.find("--") {
            list = &list[..cut];
        }
        let mut entries = Vec::new();
        let mut offset = base;
        let (list, skip) = match list.trim_start().strip_prefix(':') {
            Some(r) => (r, list.len() - r.len()),
            None => (list, 0),
        };
        offset += skip;
        let mut pos = 0;
        for part in list.split(|ch: char| ch == ',' || ch.is_whitespace()) {
            if !part.is_empty() {
                entries.push(Entry {
                    name: part.to_string(),
                    span: Span::new(offset + pos, offset + pos + part.len()),
                });
            }
            pos += part.len() + 1;
        }
        let comment = Span::new(c.start, c.end.min(text.len()));
        let scope = if file_level {
            Scope::File
        } else if c.alone {
            scope_below(text, index, regions, c.end)
        } else {
            Scope::Line(index.position(text, c.start).line)
        };
        out.push(Suppression {
            scope,
            entries,
            comment,
        });
    }
    out
}

/// The key or table that starts on the first line below a comment block.
fn scope_below(text: &str, index: &LineIndex, regions: &[Region], comment_end: usize) -> Scope {
    let mut at = comment_end;
    loop {
        let next = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
        if next >= text.len() {
            return Scope::Line(index.position(text, at).line + 1);
        }
        let line_end = text[next..].find('\n').map_or(text.len(), |n| next + n);
        let line = &text[next..line_end];
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            at = line_end; // another comment line of the same block
            continue;
        }
        let start = next + (line.len() - trimmed.len());
        return match regions
            .iter()
            .filter(|r| r.start == start)
            .max_by_key(|r| r.end)
        {
            Some(r) => Scope::Region(Span::new(r.start, r.end)),
            None => Scope::Line(index.position(text, next).line),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_hash_before_the_marker_may_suppress() {
        assert!(may_suppress("a = 1 # smplan-ignore: KP002\n"));
        assert!(may_suppress("#\tsmplan-ignore-file\n"));
        assert!(may_suppress("# why  # smplan-ignore PL005\n"));
        assert!(!may_suppress("# generated plan\nsmplan = 1\n"));
        assert!(!may_suppress("a = \"smplan-ignore\"\n"));
        assert!(!may_suppress("#"));
    }

    #[test]
    fn hashes_inside_strings_are_not_comments() {
        let text = "a = \"# smplan-ignore: X\" # smplan-ignore: KP002, MT003 -- why\nb = '''\n# no\n''' # c\n";
        let found = comments(text);
        assert_eq!(found.len(), 2);
        let index = LineIndex::new(text);
        let sup = parse(text, || &index, &[]);
        assert_eq!(sup.len(), 1);
        assert_eq!(sup[0].scope, Scope::Line(1));
        let names: Vec<_> = sup[0].entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["KP002", "MT003"]);
        assert_eq!(
            &text[sup[0].entries[1].span.start..sup[0].entries[1].span.end],
            "MT003"
        );
    }

    #[test]
    fn the_marker_may_follow_other_comment_text() {
        let text = "a = \"2027\"  # quoted on purpose  # smplan-ignore: PL005 -- why\nb = 1 # just a note\n";
        let index = LineIndex::new(text);
        let sup = parse(text, || &index, &[]);
        assert_eq!(sup.len(), 1);
        assert_eq!(sup[0].scope, Scope::Line(1));
        let e = &sup[0].entries[0];
        assert_eq!(
            (e.name.as_str(), &text[e.span.start..e.span.end]),
            ("PL005", "PL005")
        );
    }

    #[test]
    fn comment_above_covers_the_region_below() {
        let text = "# smplan-ignore: MT003\n[[tactic]]\nid = \"x\"\n";
        let regions = [Region {
            start: 23,
            end: text.len(),
        }];
        let index = LineIndex::new(text);
        let sup = parse(text, || &index, &regions);
        assert_eq!(sup[0].scope, Scope::Region(Span::new(23, text.len())));
    }
}
