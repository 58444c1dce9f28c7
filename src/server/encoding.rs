//! Positions in the encoding negotiated at `initialize`: UTF-16 code units by default, bytes
//! when the client offers UTF-8. The library speaks byte offsets; only this module converts.

use lsp_types::Position;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The LSP position of a byte offset (clamped to the text and to a character boundary).
pub fn position(text: &str, offset: usize, enc: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count();
    let col = width(&text[line_start..offset], enc);
    Position::new(sat(line), sat(col))
}

/// The byte offset of an LSP position; past the end of a line means its end, past the last
/// line the end of the text, inside a surrogate pair the character's start.
pub fn offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let want = pos.character as usize;
    let mut used = 0;
    for (i, c) in line.char_indices() {
        let w = match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if used + w > want {
            return start + i;
        }
        used += w;
    }
    line_end
}

fn width(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
    }
}

fn sat(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The LSP range of a byte span.
pub fn range(text: &str, span: crate::source::Span, enc: Encoding) -> lsp_types::Range {
    lsp_types::Range::new(
        position(text, span.start, enc),
        position(text, span.end, enc),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // One line with an emoji (4 bytes, 2 UTF-16 units) and Cyrillic (2 bytes, 1 unit each).
    const LINE: &str = "a = \"😀 план\" # x\nb";

    #[test]
    fn utf16_counts_surrogate_pairs_and_cyrillic_as_one_unit() {
        let x = LINE.find('x').unwrap_or(0);
        // `a = "` 5, 😀 2, space 1, план 4, `" # ` 4 → 16.
        assert_eq!(position(LINE, x, Encoding::Utf16), Position::new(0, 16));
        assert_eq!(offset(LINE, Position::new(0, 16), Encoding::Utf16), x);
    }

    #[test]
    fn utf8_counts_bytes() {
        let x = LINE.find('x').unwrap_or(0);
        assert_eq!(
            position(LINE, x, Encoding::Utf8),
            Position::new(0, x as u32)
        );
        assert_eq!(offset(LINE, Position::new(0, x as u32), Encoding::Utf8), x);
    }

    #[test]
    fn positions_inside_a_character_or_past_the_end_clamp() {
        // Inside the surrogate pair of 😀 (units 5..7): the emoji's start.
        assert_eq!(offset(LINE, Position::new(0, 6), Encoding::Utf16), 5);
        assert_eq!(
            offset(LINE, Position::new(0, 99), Encoding::Utf16),
            LINE.find('\n').unwrap_or(0)
        );
        assert_eq!(
            offset(LINE, Position::new(9, 0), Encoding::Utf16),
            LINE.len()
        );
        assert_eq!(position(LINE, 6, Encoding::Utf16), Position::new(0, 5));
        assert_eq!(position(LINE, 999, Encoding::Utf16), Position::new(1, 1));
    }
}
