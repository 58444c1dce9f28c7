//! Building blocks for byte-minimal edits on TOML source, shared by the rules' fixes.

use super::Edit;
use crate::source::Span;

/// The TOML literal for a number written as text (`" 12.5"` → `12.5`, `"1e5"` → `1e5`), when
/// the text is a plain finite number. `None` for anything else (`"inf"`, `"20%"`, `"3,000"`).
pub fn number_literal(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE_".contains(&b))
    {
        return None;
    }
    if !t.parse::<f64>().is_ok_and(f64::is_finite) {
        return None;
    }
    // TOML is stricter than Rust's parser (`.5`, `5.`, `01`): use the literal only if TOML
    // reads it as a finite number, else write the value out.
    let doc = format!("v = {t}");
    match toml::de::DeTable::parse(&doc).ok().and_then(|root| {
        root.get_ref()
            .get("v")
            .and_then(|v| crate::model::number(v.get_ref()))
    }) {
        Some(n) if n.is_finite() => Some(t.to_string()),
        _ => t.parse::<f64>().ok().map(format_number),
    }
}

/// A finite number as a TOML literal: `3000`, `12.5`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A number written with a thousands or decimal comma, read the way the plan's language
/// writes numbers: in English `"3,000"` is 3000 and `"2,5"` is not a number; with a decimal
/// comma (Bulgarian) `"3,000"` is 3.0 and `"1 250,5"` is 1250.5.
pub fn comma_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let t = text.trim();
    if !t.contains(',') {
        return None;
    }
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    let normal: String = if decimal_comma {
        // Groups separated by spaces or dots, one decimal comma.
        let (int, frac) = digits.split_once(',')?;
        let int: String = int
            .chars()
            .filter(|c| *c != ' ' && *c != '.' && *c != '\u{a0}')
            .collect();
        if frac.contains(',') || frac.is_empty() {
            return None;
        }
        format!("{int}.{frac}")
    } else {
        // Groups of three after the first, then an optional decimal point.
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
        let int: String = int.chars().filter(|c| *c != ',').collect();
        match frac {
            Some(f) => format!("{int}.{f}"),
            None => int,
        }
    };
    if normal.is_empty()
        || !normal.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || normal.starts_with('.')
        || normal.ends_with('.')
    {
        return None;
    }
    let n: f64 = normal.parse().ok()?;
    n.is_finite().then_some(sign * n)
}

/// Replaces a string literal's content, keeping its quote style (`"…"` or `'…'`). For values
/// that need no escaping (allowed values, keys).
pub fn replace_string(text: &str, literal: Span, value: &str) -> Option<Edit> {
    let lit = text.get(literal.start..literal.end)?;
    let quote = lit.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    if lit.starts_with("\"\"\"") || lit.starts_with("'''") {
        return None;
    }
    if value
        .chars()
        .any(|c| c == quote || c == '\\' || c.is_control())
    {
        return None;
    }
    Some(Edit::replace(literal, format!("{quote}{value}{quote}")))
}

/// Deletes one item of an array: the item with the comma after it (or, for the last item, the
/// comma before it); a whole line when the item sits on a line of its own. `None` when a
/// comment lies in the way, so that no fix ever removes a comment.
pub fn remove_array_item(text: &str, item: Span) -> Option<Edit> {
    let b = text.as_bytes();
    let blank = |c: u8| c == b' ' || c == b'\t';
    // After the item: spaces, then a comma?
    let mut after = item.end;
    while after < b.len() && blank(b[after]) {
        after += 1;
    }
    if b.get(after) == Some(&b',') {
        let mut end = after + 1;
        while end < b.len() && blank(b[end]) {
            end += 1;
        }
        // On a line of its own: take the line (indentation and newline included).
        let line_start = text[..item.start].rfind('\n').map_or(0, |i| i + 1);
        let own_line = text[line_start..item.start].bytes().all(blank)
            && (b.get(end) == Some(&b'\n') || text.get(end..end + 2) == Some("\r\n"));
        if own_line {
            let nl = if b.get(end) == Some(&b'\n') { 1 } else { 2 };
            return Some(Edit::delete(Span::new(line_start, end + nl)));
        }
        return Some(Edit::delete(Span::new(item.start, end)));
    }
    // The last item: from the comma before it.
    let mut before = item.start;
    while before > 0 && (blank(b[before - 1]) || b[before - 1] == b'\n' || b[before - 1] == b'\r') {
        before -= 1;
    }
    if before > 0 && b[before - 1] == b',' {
        let gap = &text[before..item.start];
        if gap.contains('\n') {
            // `"a",\n  "b"\n]`: remove the line of `b` and the comma before it.
            let line_start = text[..item.start].rfind('\n').map_or(0, |i| i + 1);
            if !text[line_start..item.start].bytes().all(blank) {
                return None;
            }
            return Some(Edit::delete(Span::new(before - 1, item.end)));
        }
        return Some(Edit::delete(Span::new(before - 1, item.end)));
    }
    None
}

/// Where a new line can be inserted right after the line holding `offset`, when that line ends
/// outside any multi-line construct: the offset just past its newline (or the text's end).
pub fn after_line(text: &str, offset: usize) -> Option<(usize, &str)> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1);
    let indent_len = text[line_start..]
        .bytes()
        .take_while(|c| *c == b' ' || *c == b'\t')
        .count();
    Some((end, &text[line_start..line_start + indent_len]))
}

/// The offset of the first line after the file's leading comments and blank lines.
pub fn after_leading_comments(text: &str) -> usize {
    let mut at = 0;
    // A byte order mark stays first.
    if text.starts_with('\u{feff}') {
        at = '\u{feff}'.len_utf8();
    }
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('#') {
            match rest.find('\n') {
                Some(n) => at += n + 1,
                None => return text.len(),
            }
        } else {
            return at;
        }
    }
}

/// The newline the file uses (`\r\n` when its first line ends so).
pub fn newline(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, e: Edit) -> String {
        format!(
            "{}{}{}",
            &text[..e.span.start],
            e.content,
            &text[e.span.end..]
        )
    }

    #[test]
    fn numbers_written_as_text() {
        assert_eq!(number_literal(" 3000 ").as_deref(), Some("3000"));
        assert_eq!(number_literal("12.5").as_deref(), Some("12.5"));
        assert_eq!(number_literal("1e5").as_deref(), Some("1e5"));
        assert_eq!(number_literal(".5").as_deref(), Some("0.5"));
        assert_eq!(number_literal("5.").as_deref(), Some("5"));
        assert_eq!(number_literal("inf"), None);
        assert_eq!(number_literal("nan"), None);
        assert_eq!(number_literal("20%"), None);
        assert_eq!(number_literal("3,000"), None);
        assert_eq!(number_literal(""), None);
    }

    #[test]
    fn commas_read_in_the_plans_language() {
        assert_eq!(comma_number("3,000", false), Some(3000.0));
        assert_eq!(comma_number("1,250,000.5", false), Some(1250000.5));
        assert_eq!(comma_number("2,5", false), None);
        assert_eq!(comma_number("3,000", true), Some(3.0));
        assert_eq!(comma_number("1 250,5", true), Some(1250.5));
        assert_eq!(comma_number("-2,5", true), Some(-2.5));
        assert_eq!(comma_number("3000", false), None);
        assert_eq!(comma_number("a,b", false), None);
    }

    #[test]
    fn removes_array_items_without_touching_comments() {
        let t = r#"m = ["a", "b", "a"]"#;
        assert_eq!(
            apply(t, remove_array_item(t, Span::new(15, 18)).unwrap()),
            r#"m = ["a", "b"]"#
        );
        assert_eq!(
            apply(t, remove_array_item(t, Span::new(5, 8)).unwrap()),
            r#"m = ["b", "a"]"#
        );
        let t = "m = [\n  \"a\",\n  \"a\",  # kept\n  \"b\",\n]\n";
        let e = remove_array_item(t, Span::new(15, 18));
        // The comment follows the comma: only the item and comma go.
        assert_eq!(
            apply(t, e.unwrap()),
            "m = [\n  \"a\",\n  # kept\n  \"b\",\n]\n"
        );
        let t = "m = [\n  \"a\",\n  \"a\",\n  \"b\",\n]\n";
        assert_eq!(
            apply(t, remove_array_item(t, Span::new(15, 18)).unwrap()),
            "m = [\n  \"a\",\n  \"b\",\n]\n"
        );
        let t = "m = [\"a\", # c\n \"a\"]";
        assert_eq!(remove_array_item(t, Span::new(15, 18)), None);
    }

    #[test]
    fn leading_comments_stay_first() {
        assert_eq!(after_leading_comments("# a\n  # b\n[plan]\n"), 10);
        assert_eq!(after_leading_comments("[plan]\n"), 0);
        assert_eq!(after_leading_comments("# only"), 6);
    }
}
