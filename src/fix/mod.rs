//! Fixes: text edits a rule attaches to its diagnostic, and the one fixer that applies them.
//!
//! A rule that knows the exact edit (unquote a date, rename a misspelt key) attaches a [`Fix`]
//! to its diagnostic. [`fix_text`] applies the fixes of one plan: non-overlapping edits, then a
//! re-lint, at most [`MAX_ROUNDS`] times. Edits replace byte ranges, so everything outside them
//! (comments, order, blank lines, quoting) stays byte-for-byte.

pub mod edits;

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::fix::{Applicability, Edit, Fix, FixKind};
use crate::source::Span;

/// At most this many lint-and-fix rounds per plan (a fix may enable another).
pub const MAX_ROUNDS: usize = 10;

/// What fixing one plan did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// How many diagnostics had their fix applied, over all rounds.
    pub fixed: usize,
}

/// Two edits touch or overlap: never applied in the same round (the next round re-lints).
fn clash(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Applies non-overlapping fixes to `text`. Returns the new text and how many diagnostics
/// were fixed (identical fixes of several diagnostics, as SU001 gives every unused code of one
/// comment, are applied once and count for each).
pub fn apply<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| f.extent().is_some_and(|s| s.end <= text.len()))
        .filter(|f| {
            f.edits.iter().all(|e| {
                text.is_char_boundary(e.span.start)
                    && text.is_char_boundary(e.span.end)
                    && e.span.start <= e.span.end
            })
        })
        .collect();
    fixes.sort_by_key(|f| f.extent().map(|s| (s.start, s.end)));
    let mut chosen: Vec<&Fix> = Vec::new();
    let mut count = 0;
    for f in fixes {
        if chosen.iter().any(|c| c.edits == f.edits) {
            count += 1;
            continue;
        }
        let overlaps = chosen.iter().any(|c| {
            c.edits
                .iter()
                .any(|a| f.edits.iter().any(|b| clash(a.span, b.span)))
        }) || f
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| f.edits[i + 1..].iter().any(|b| clash(a.span, b.span)));
        if !overlaps {
            chosen.push(f);
            count += 1;
        }
    }
    let mut edits: Vec<&Edit> = chosen.iter().flat_map(|f| &f.edits).collect();
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.content);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, count)
}

fn parses(text: &str) -> bool {
    toml::de::DeTable::parse(text).is_ok()
}

/// Fixes one plan: lints it with `lint`, applies the fixes `unsafe_fixes` allows, and repeats
/// until no fix applies (at most [`MAX_ROUNDS`] rounds). A round whose edits together would
/// break the TOML of a plan that parsed is retried one fix at a time, keeping those that leave
/// it valid, so a fix never turns a readable plan into an unreadable one.
pub fn fix_text(
    text: &str,
    unsafe_fixes: bool,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let first = lint(text);
    fix_linted(text, first, unsafe_fixes, lint)
}

/// [`fix_text`] for a plan whose diagnostics are already known (the run that found them), so
/// the first round does not lint it again.
pub fn fix_linted(
    text: &str,
    first: Vec<Diagnostic>,
    unsafe_fixes: bool,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let allowed = |f: &&Fix| unsafe_fixes || f.applicability == Applicability::Safe;
    let mut current = text.to_string();
    let mut fixed = 0;
    let mut known = Some(first);
    for _ in 0..MAX_ROUNDS {
        let diags = known.take().unwrap_or_else(|| lint(&current));
        let fixes: Vec<&Fix> = diags
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(allowed)
            .collect();
        if fixes.is_empty() {
            break;
        }
        let was_valid = parses(&current);
        let (next, n) = apply(&current, fixes.iter().copied());
        let (next, n) = if !was_valid || parses(&next) {
            (next, n)
        } else {
            one_by_one(&current, &fixes)
        };
        if n == 0 || next == current {
            break;
        }
        fixed += n;
        current = next;
    }
    Fixed {
        text: current,
        fixed,
    }
}

/// Applies fixes in order, each only if the plan still parses after it; the rest wait for
/// the next round (their spans refer to the text before the first one).
fn one_by_one(text: &str, fixes: &[&Fix]) -> (String, usize) {
    for f in fixes {
        let (next, n) = apply(text, [*f]);
        if parses(&next) {
            return (next, n);
        }
    }
    (text.to_string(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(span: (usize, usize), content: &str) -> Fix {
        Fix::safe("t", vec![Edit::replace(Span::new(span.0, span.1), content)])
    }

    #[test]
    fn applies_non_overlapping_edits_and_skips_clashes() {
        let text = "abcdef";
        let (out, n) = apply(
            text,
            &[fix((0, 1), "X"), fix((1, 2), "Y"), fix((4, 6), "Z")],
        );
        // (1,2) touches (0,1): it waits for the next round.
        assert_eq!(out, "XbcdZ");
        assert_eq!(n, 2);
    }

    #[test]
    fn identical_fixes_apply_once_and_count_for_each() {
        let (out, n) = apply("abc", &[fix((0, 1), ""), fix((0, 1), "")]);
        assert_eq!((out.as_str(), n), ("bc", 2));
    }

    #[test]
    fn edits_outside_the_text_or_inside_a_character_are_ignored() {
        let (out, n) = apply("é", &[fix((1, 2), "x"), fix((0, 9), "")]);
        assert_eq!((out.as_str(), n), ("é", 0));
    }
}
