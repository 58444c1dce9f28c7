//! A line-based outline of a plan's text: tables, keys and the string literals of their values.
//! It works on text that is not (yet) valid TOML, as it is while someone types, which is when
//! completion and navigation are asked for.

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Root,
    Plan,
    BusinessGoals,
    Goal,
    Kpi,
    Tactic,
    Other,
}

impl Table {
    fn of(header: &str) -> Table {
        match header {
            "plan" => Table::Plan,
            "business_goals" => Table::BusinessGoals,
            "goal" => Table::Goal,
            "goal.kpi" => Table::Kpi,
            "tactic" => Table::Tactic,
            _ => Table::Other,
        }
    }
}

/// A `[table]` or `[[array]]` header.
pub struct Header {
    pub table: Table,
    pub span: Span,
    /// Where the table's content ends (the next header or the end of the text).
    pub end: usize,
}

/// One `key = value`, with the string literals of its value (content spans, no quotes).
pub struct Entry {
    /// Index into [`Outline::headers`]; `None` before the first header.
    pub header: Option<usize>,
    pub table: Table,
    pub key: String,
    pub key_span: Span,
    /// From after `=` to the end of the value (the last line of a multi-line array).
    pub value: Span,
    pub strings: Vec<(String, Span)>,
}

#[derive(Default)]
pub struct Outline {
    pub headers: Vec<Header>,
    pub entries: Vec<Entry>,
}

fn strings(text: &str, base: usize, out: &mut Vec<(String, Span)>) {
    let mut rest = text;
    let mut at = base;
    while let Some(i) = rest.find('"') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('"') else { break };
        let start = at + i + 1;
        out.push((after[..j].to_string(), Span::new(start, start + j)));
        let used = i + 1 + j + 1;
        rest = &rest[used..];
        at += used;
    }
}

/// The text before a `#` that is not inside a string.
fn code_part(line: &str) -> &str {
    let mut in_str = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_str = !in_str,
            '#' if !in_str => return &line[..i],
            _ => {}
        }
    }
    line
}

impl Outline {
    pub fn of(text: &str) -> Outline {
        let mut o = Outline::default();
        let mut offset = 0;
        // The entry a multi-line array continues.
        let mut open: Option<usize> = None;
        for raw in text.split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            let line = code_part(raw.trim_end_matches(['\n', '\r']));
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if let Some(e) = open {
                strings(line, line_start, &mut o.entries[e].strings);
                o.entries[e].value.end = line_start + line.len();
                if line.contains(']') {
                    open = None;
                }
                continue;
            }
            if trimmed.starts_with('[') {
                let name =
                    trimmed.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace());
                if let Some(h) = o.headers.last_mut() {
                    h.end = line_start;
                }
                o.headers.push(Header {
                    table: Table::of(name.trim()),
                    span: Span::new(line_start + indent, line_start + line.trim_end().len()),
                    end: text.len(),
                });
                continue;
            }
            let Some(eq) = trimmed.find('=') else {
                continue;
            };
            let key = trimmed[..eq].trim().trim_matches('"');
            if key.is_empty() {
                continue;
            }
            let header = o.headers.len().checked_sub(1);
            let table = header.map_or(Table::Root, |h| o.headers[h].table);
            let key_start = line_start + indent;
            let value_start = key_start + eq + 1;
            let mut entry = Entry {
                header,
                table,
                key: key.to_string(),
                key_span: Span::new(key_start, key_start + key.len()),
                value: Span::new(value_start, line_start + line.len()),
                strings: Vec::new(),
            };
            let value = &trimmed[eq + 1..];
            strings(value, value_start, &mut entry.strings);
            if value.trim_start().starts_with('[') && !value.contains(']') {
                open = Some(o.entries.len());
            }
            o.entries.push(entry);
        }
        o
    }

    /// The entry whose key or value holds `offset`.
    pub fn entry_at(&self, offset: usize) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.key_span.start <= offset && offset <= e.value.end.max(e.key_span.end))
    }

    /// The table the cursor is in.
    pub fn table_at(&self, offset: usize) -> Table {
        self.headers
            .iter()
            .rev()
            .find(|h| h.span.start <= offset)
            .map_or(Table::Root, |h| h.table)
    }

    /// `(letter, key span, its text)` for each business goal.
    pub fn letters(&self) -> impl Iterator<Item = (&str, Span, Option<&str>)> {
        self.entries
            .iter()
            .filter(|e| e.table == Table::BusinessGoals)
            .map(|e| {
                let text = e.strings.first().map(|s| s.0.as_str());
                (e.key.as_str(), e.key_span, text)
            })
    }

    /// The value of `key` in the table of header `h`.
    pub fn value_in(&self, h: usize, key: &str) -> Option<&(String, Span)> {
        self.entries
            .iter()
            .find(|e| e.header == Some(h) && e.key == key)
            .and_then(|e| e.strings.first())
    }

    /// `(id, id span, header index)` for each `[[goal]]`.
    pub fn goals(&self) -> impl Iterator<Item = (&str, Span, usize)> {
        self.entries
            .iter()
            .filter(|e| e.table == Table::Goal && e.key == "id")
            .filter_map(|e| {
                let (id, span) = e.strings.first()?;
                Some((id.as_str(), *span, e.header?))
            })
    }

    /// Every string of `key` values in `table` (`supports` in goals, `goals` in tactics).
    pub fn citations(&self, table: Table, key: &str) -> impl Iterator<Item = &(String, Span)> {
        self.entries
            .iter()
            .filter(move |e| e.table == table && e.key == key)
            .flat_map(|e| &e.strings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_tables_keys_and_strings_even_when_not_toml() {
        let text = "[business_goals]\nA = \"Sell\" # x\n[[goal]]\nid = \"g\"\nsupports = [\n  \"A\",\n  \"B\" ]\nbroken = [\"\n";
        let o = Outline::of(text);
        let letters: Vec<_> = o.letters().map(|(l, _, t)| (l, t)).collect();
        assert_eq!(letters, vec![("A", Some("Sell"))]);
        let cited: Vec<_> = o
            .citations(Table::Goal, "supports")
            .map(|s| s.0.as_str())
            .collect();
        assert_eq!(cited, vec!["A", "B"]);
        let goals: Vec<_> = o.goals().map(|g| g.0).collect();
        assert_eq!(goals, vec!["g"]);
        assert_eq!(o.table_at(text.len()), Table::Goal);
    }
}
