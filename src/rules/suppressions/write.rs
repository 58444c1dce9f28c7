//! Writing suppression comments (`lint --add-suppressions`, the server's "suppress" action).

use super::su001_unused_suppression::UnusedSuppression;
use crate::rules::structure::unsilenceable;
use crate::source::LineIndex;
use crate::suppress::{Scope, parse, strings};

/// Whether a code is never written into a suppression: the unsilenceable rules (safety.md),
/// and an unused suppression (SU001), which its fix removes rather than suppresses in turn.
pub fn never_written(code: &str) -> bool {
    unsilenceable(code) || code == UnusedSuppression::META.code
}

/// `--add-suppressions`: a suppression for every diagnostic, at the end of the line it starts
/// on, merged into a suppression comment already there. A line that ends inside a multi-line
/// string gets the comment on a line of its own above the key that holds the diagnostic.
/// Returns the new text and how many diagnostics it suppresses.
pub fn add(text: &str, diags: &[crate::Diagnostic], reason: &str) -> (String, usize) {
    use crate::fix::{Edit, Fix, edits::newline};
    use std::collections::BTreeMap;
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return (text.to_string(), 0);
    };
    let regions = crate::model::build(root.get_ref(), text).plan.regions;
    let index = LineIndex::new(text);
    let existing = parse(text, || &index, &regions);
    let strings = strings(text);
    let nl = newline(text);
    let tail = if reason.is_empty() {
        String::new()
    } else {
        format!(" -- {reason}")
    };
    // Codes per place: (offset to insert at, whether on a line of its own, indentation).
    let mut places: BTreeMap<usize, (bool, String, Vec<&str>)> = BTreeMap::new();
    let mut count = 0;
    for d in diags.iter().filter(|d| !never_written(&d.code)) {
        let Some(line_start) = index.line_start(d.start.line) else {
            continue;
        };
        let mut line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if line_end > line_start && text.as_bytes()[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        let in_string = strings
            .iter()
            .any(|s| s.start < line_end && line_end < s.end);
        let place = if in_string {
            // The smallest key or table around the diagnostic that starts a line.
            let Some(r) = regions
                .iter()
                .filter(|r| r.start <= d.primary.span.start && d.primary.span.start < r.end)
                .filter(|r| {
                    let ls = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
                    text[ls..r.start].bytes().all(|c| c == b' ' || c == b'\t')
                })
                .min_by_key(|r| r.end - r.start)
            else {
                continue;
            };
            let ls = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
            (ls, true, text[ls..r.start].to_string())
        } else {
            (line_end, false, String::new())
        };
        let entry = places
            .entry(place.0)
            .or_insert_with(|| (place.1, place.2, Vec::new()));
        if !entry.2.contains(&d.code.as_str()) {
            entry.2.push(d.code.as_str());
        }
        count += 1;
    }
    let mut edits = Vec::new();
    for (at, (own_line, indent, codes)) in places {
        if own_line {
            edits.push(Edit::insert(
                at,
                format!("{indent}# smplan-ignore: {}{tail}{nl}", codes.join(", ")),
            ));
            continue;
        }
        // Merge into an end-of-line suppression of this line.
        let line = index.position(text, at).line;
        let merged = existing.iter().find(|s| {
            s.scope == Scope::Line(line)
                && !s.entries.is_empty()
                && index.position(text, s.comment.start).line == line
        });
        match merged {
            Some(s) => {
                let have: Vec<&str> = s.entries.iter().map(|e| e.name.as_str()).collect();
                let new: Vec<&str> = codes.into_iter().filter(|c| !have.contains(c)).collect();
                if let (false, Some(last)) = (new.is_empty(), s.entries.last()) {
                    edits.push(Edit::insert(last.span.end, format!(", {}", new.join(", "))));
                }
            }
            None => edits.push(Edit::insert(
                at,
                format!("  # smplan-ignore: {}{tail}", codes.join(", ")),
            )),
        }
    }
    let fixes: Vec<Fix> = edits.into_iter().map(|e| Fix::safe("", vec![e])).collect();
    let (out, _) = crate::fix::apply(text, &fixes);
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn never_written_covers_every_unsilenceable_code_and_su001() {
        for code in crate::rules::UNSILENCEABLE {
            assert!(never_written(code), "{code}");
        }
        assert!(never_written(UnusedSuppression::META.code));
        assert!(!never_written("MS001"));
    }

    #[test]
    fn added_suppressions_merge_or_follow_other_comment_text() {
        let text = "smplan = 1\na = 1 # a note\nb = 2  # smplan-ignore: X001 -- old\nc = 3\n";
        let at = |line: usize, code: &'static str| {
            let mut d = crate::Diagnostic::new(code, Span::new(0, 0), "m");
            d.start.line = line;
            d
        };
        let diags = [
            at(2, "PL004"),
            at(3, "PL004"),
            at(3, "X001"),
            at(4, "PL004"),
            at(4, "PL001"),
        ];
        let (out, n) = add(text, &diags, "why");
        assert_eq!(
            out,
            "smplan = 1\na = 1 # a note  # smplan-ignore: PL004 -- why\nb = 2  # smplan-ignore: X001, PL004 -- old\nc = 3  # smplan-ignore: PL004 -- why\n"
        );
        assert_eq!(n, 4, "PL001 is never suppressed");
        let index = LineIndex::new(&out);
        let sup = parse(&out, || &index, &[]);
        assert_eq!(sup.len(), 3);
        assert_eq!(sup[0].scope, Scope::Line(2));
    }
}
