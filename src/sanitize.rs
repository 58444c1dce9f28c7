//! Making user-controlled text safe to print to terminals and CI logs (see `safety.md`).
//!
//! C0 controls and DEL become Unicode Control Pictures (`ESC` → `␛`, CR → `␍`, LF → `␊`), one
//! code point for one, so columns still line up. C1 controls (U+0080–U+009F) and the
//! bidirectional controls (U+202A–U+202E, U+2066–U+2069) become `\u{..}`: they have no picture,
//! and an escape is what a reader needs to see that something is hidden there.

use std::borrow::Cow;

/// What a character becomes when printed.
enum Shown {
    Same,
    Picture(char),
    Escape,
}

fn shown(c: char, keep_tab: bool) -> Shown {
    match c {
        '\t' if keep_tab => Shown::Same,
        '\u{0}'..='\u{1f}' => {
            Shown::Picture(char::from_u32(0x2400 + c as u32).unwrap_or(char::REPLACEMENT_CHARACTER))
        }
        '\u{7f}' => Shown::Picture('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Shown::Escape,
        _ => Shown::Same,
    }
}

/// Whether `c` would be changed by [`line`].
pub fn is_unsafe(c: char) -> bool {
    !matches!(shown(c, true), Shown::Same)
}

/// One line of text for a terminal or log: every control shown visibly, line breaks included
/// (so the result never spans two lines); tabs stay.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push(&mut out, c, true);
    }
    Cow::Owned(out)
}

/// Like [`line`], owned.
pub fn owned(s: &str) -> String {
    line(s).into_owned()
}

fn push(out: &mut String, c: char, keep_tab: bool) {
    match shown(c, keep_tab) {
        Shown::Same => out.push(c),
        Shown::Picture(p) => out.push(p),
        Shown::Escape => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// A source text made safe for a snippet, with a map from offsets in the original to offsets in
/// the safe text (labels point into the original). The line breaks of the source stay (LF and
/// the CR of a CRLF), as do tabs.
#[derive(Debug, Clone)]
pub struct SafeSource {
    text: String,
    /// `(original offset, safe offset, extra code points)` just after each character that
    /// changed length, in order. Escapes add code points; pictures add none.
    shifts: Vec<(usize, usize, usize)>,
}

impl SafeSource {
    pub fn new(src: String) -> Self {
        let bytes = src.as_bytes();
        let keep = |i: usize, c: char| {
            c == '\n' || c == '\t' || (c == '\r' && bytes.get(i + 1) == Some(&b'\n'))
        };
        if !src.char_indices().any(|(i, c)| is_unsafe(c) && !keep(i, c)) {
            return Self {
                text: src,
                shifts: Vec::new(),
            };
        }
        let mut text = String::with_capacity(src.len() + 16);
        let mut shifts = Vec::new();
        for (i, c) in src.char_indices() {
            if keep(i, c) {
                text.push(c);
                continue;
            }
            let before = text.len();
            push(&mut text, c, true);
            if text.len() - before != c.len_utf8() {
                let extra = text[before..].chars().count() - 1;
                shifts.push((i + c.len_utf8(), text.len(), extra));
            }
        }
        Self { text, shifts }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The offset in the safe text of an offset in the original.
    pub fn map(&self, offset: usize) -> usize {
        let n = self.shifts.partition_point(|&(orig, _, _)| orig <= offset);
        let mapped = match n.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some(&(orig, safe, _)) => safe + (offset - orig),
            None => offset,
        };
        mapped.min(self.text.len())
    }

    /// How many code points of the original lie between two offsets of the safe text (at
    /// character boundaries): the safe text's count less what escapes added.
    pub fn original_chars(&self, from: usize, to: usize) -> usize {
        let shown = self.text.get(from..to).map_or(0, |s| s.chars().count());
        let lo = self.shifts.partition_point(|&(_, safe, _)| safe <= from);
        let hi = self.shifts.partition_point(|&(_, safe, _)| safe <= to);
        let extra: usize = self.shifts[lo..hi.max(lo)].iter().map(|s| s.2).sum();
        shown.saturating_sub(extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_c0_control_and_del_becomes_its_control_picture() {
        for b in 0u32..0x20 {
            let c = char::from_u32(b).unwrap();
            let expected = if c == '\t' {
                "\t".to_string()
            } else {
                char::from_u32(0x2400 + b).unwrap().to_string()
            };
            assert_eq!(line(&c.to_string()), expected, "control {b:#04x}");
        }
        assert_eq!(line("\u{7f}"), "\u{2421}");
        assert_eq!(line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(line("a\r\nb"), "a␍␊b");
    }

    #[test]
    fn every_c1_control_becomes_an_escape() {
        for b in 0x80u32..=0x9f {
            let c = char::from_u32(b).unwrap();
            assert_eq!(line(&format!("x{c}y")), format!("x\\u{{{b:x}}}y"));
        }
    }

    #[test]
    fn every_bidi_control_becomes_an_escape() {
        for b in (0x202au32..=0x202e).chain(0x2066..=0x2069) {
            let c = char::from_u32(b).unwrap();
            assert_eq!(line(&c.to_string()), format!("\\u{{{b:x}}}"));
        }
        // Neighbours are ordinary text.
        assert_eq!(
            line("\u{2029}\u{202f}\u{2065}\u{206a}é"),
            "\u{2029}\u{202f}\u{2065}\u{206a}é"
        );
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(line("plain: text, ünïcode"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_snippet_keeps_its_line_breaks_and_tabs() {
        let s = SafeSource::new("a = 1\r\n\tb = \"\u{1b}\u{85}\"\rc\n".into());
        assert_eq!(s.text(), "a = 1\r\n\tb = \"␛\\u{85}\"␍c\n");
    }

    #[test]
    fn offsets_map_through_replacements() {
        let src = "k\u{1b}x\u{85}y\u{202e}z";
        let s = SafeSource::new(src.into());
        assert_eq!(s.text(), "k␛x\\u{85}y\\u{202e}z");
        for (orig, ch) in src.char_indices() {
            let mapped = s.map(orig);
            let shown = s.text()[mapped..].chars().next().unwrap();
            match ch {
                '\u{1b}' => assert_eq!(shown, '␛'),
                '\u{85}' | '\u{202e}' => assert_eq!(shown, '\\'),
                c => assert_eq!(shown, c),
            }
        }
        assert_eq!(s.map(src.len()), s.text().len());
    }

    #[test]
    fn columns_count_original_code_points() {
        let src = "a\u{85}b\u{1b}\u{202e}x";
        let s = SafeSource::new(src.into());
        let x = s.map(src.find('x').unwrap());
        assert_eq!(s.original_chars(0, x), 5);
        assert_eq!(s.original_chars(s.map(3), x), 3);
    }

    #[test]
    fn control_pictures_keep_columns() {
        // One code point for one: the column of `x` is the same before and after.
        let src = "a\u{1b}\u{7}\u{0}x";
        let s = SafeSource::new(src.into());
        let col = |t: &str, at: usize| t[..at].chars().count();
        assert_eq!(col(s.text(), s.map(4)), col(src, 4));
    }
}
