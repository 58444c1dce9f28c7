crate::declare_rule! {
    /// ## What it checks
    /// A `# smplan-ignore` or `# smplan-ignore-file` comment names a rule that produced no
    /// diagnostic where the comment applies. Suppressing a rule that is off or not selected is not
    /// reported.
    ///
    /// ## Why the method wants it
    /// A suppression is a recorded exception to one step of the method (for example step 7's
    /// 2–5 metrics). Once the plan is fixed, a stale exception hides the next real problem;
    /// remove it.
    ///
    /// ## Fix
    /// Safe: removes the unused code from the comment, or the whole comment when none of its
    /// codes is used (the line too, when the comment stands alone on it).
    ///
    /// ## Example
    /// Fails (the tactic keeps three metrics, so MT003 never fires):
    /// ```toml
    /// # smplan-ignore: MT003 -- legacy tactic
    /// [[tactic]]
    /// metrics = ["a", "b", "c"]
    /// ```
    /// Passes:
    /// ```toml
    /// [[tactic]]
    /// metrics = ["a", "b", "c"]
    /// ```
    UnusedSuppression { code: "SU001", name: "unused-suppression", severity: Warning, summary: "a suppression comment matched no diagnostic", fix: Safe }
}

use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};
use crate::rules::structure::unsilenceable;
use crate::source::Span;
use crate::suppress::Suppression;

/// SU001 for one suppression comment: each entry naming a rule that could have fired (on, and
/// the file's rules ran) and suppressed nothing (`used[i]` false), with its fix. `codes[i]` is
/// the rule entry `i` names; `on` says whether a rule is on for the file. An entry naming
/// PL001/PL002 can never suppress anything: it is unused even when the rules did not run.
pub fn check<C: AsRef<str>>(
    text: &str,
    s: &Suppression,
    codes: &[Option<C>],
    used: &[bool],
    rules_ran: bool,
    on: impl Fn(&str) -> bool,
) -> Vec<(usize, Diagnostic)> {
    let unused = |ei: usize| {
        codes
            .get(ei)
            .and_then(Option::as_ref)
            .map(AsRef::as_ref)
            .is_some_and(|code| {
                let never = unsilenceable(code);
                (rules_ran || never)
                    && !used.get(ei).copied().unwrap_or(false)
                    && (on(code) || never)
            })
    };
    let all_unused = (0..s.entries.len()).all(unused);
    let mut out = Vec::new();
    for (ei, e) in s.entries.iter().enumerate() {
        let Some(code) = codes.get(ei).and_then(Option::as_ref).map(AsRef::as_ref) else {
            continue;
        };
        if !unused(ei) {
            continue;
        }
        let help = match unsilenceable(code) {
            true => format!(
                "remove `{}` from the comment: invalid TOML and unreadable files cannot be \
                 suppressed, only fixed",
                e.name
            ),
            false => format!("remove `{}` from the comment", e.name),
        };
        let mut d = Diagnostic::new(
            UnusedSuppression::META.code,
            e.span,
            format!("suppression of `{}` matched no diagnostic", e.name),
        )
        .help(help);
        d.fix = fix(text, s, ei, all_unused);
        out.push((ei, d));
    }
    out
}

/// Removes an unused code from its suppression comment, or the whole comment (the line too,
/// when the comment stands alone on it) when every code in it is unused. Other comment text
/// before the marker (`# quoted on purpose  # smplan-ignore: PL005`) stays.
pub fn fix(text: &str, s: &Suppression, entry: usize, all_unused: bool) -> Option<Fix> {
    let b = text.as_bytes();
    let blank = |c: u8| c == b' ' || c == b'\t';
    let comment = s.comment;
    let mut end = comment.end.min(text.len());
    if end > comment.start && b.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    if all_unused {
        let body = text.get(comment.start..end)?;
        let marker = body.find("smplan-ignore")?;
        let hash = comment.start + body[..marker].rfind('#')?;
        let mut start = hash;
        while start > 0 && blank(b[start - 1]) {
            start -= 1;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let span = if start == line_start {
            // Alone on its line: the line goes, newline included.
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            Span::new(line_start, line_end)
        } else {
            Span::new(start, end)
        };
        return Some(Fix::safe(
            "remove the unused suppression comment",
            vec![Edit::delete(span)],
        ));
    }
    let e = s.entries.get(entry)?;
    let is_sep = |c: u8| c == b',' || blank(c);
    let span = match s.entries.get(entry + 1) {
        // `A, B, C` without `B`: the code and the separator after it.
        Some(next) => Span::new(e.span.start, next.span.start),
        None => {
            // The last code: the separator before it.
            let mut start = e.span.start;
            while start > comment.start && is_sep(b[start - 1]) {
                start -= 1;
            }
            if entry == 0 {
                return None;
            }
            Span::new(start, e.span.end)
        }
    };
    Some(Fix::safe(
        format!("remove `{}` from the comment", e.name),
        vec![Edit::delete(span)],
    ))
}
