//! Settling: severities and `off`, suppression comments (SU001/SU002), positions and order.

use crate::catalog::Catalog;
use crate::config::FileSettings;
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::suppressions::{
    su001_unused_suppression as su001, su002_unknown_rule_in_suppression as su002,
};
use crate::rules::unsilenceable;
use crate::source::{LineIndex, Position};
use crate::suppress::{Scope, Suppression};

/// Fills in a diagnostic's line and column from its primary span.
pub fn locate(d: &mut Diagnostic, text: &str, index: &LineIndex) {
    locate_by(d, |offset| index.position(text, offset));
}

/// [`locate`] with any way of turning an offset into a position (a file with a diagnostic or
/// two need not index all its lines: [`crate::source::position_at`]).
pub fn locate_by(d: &mut Diagnostic, position: impl Fn(usize) -> Position) {
    d.start = position(d.primary.span.start);
    d.end = position(d.primary.span.end);
    if let Some(fix) = &mut d.fix {
        for e in &mut fix.edits {
            e.start = position(e.span.start);
            e.end = position(e.span.end);
        }
    }
}

/// How many offsets [`locate`] turns into positions for `d`.
pub fn positions(d: &Diagnostic) -> usize {
    2 + d.fix.as_ref().map_or(0, |f| 2 * f.edits.len())
}

fn covers(scope: Scope, d: &Diagnostic) -> bool {
    match scope {
        Scope::File => true,
        Scope::Line(line) => d.start.line == line,
        Scope::Region(r) => {
            r.start <= d.primary.span.start && d.primary.span.start < r.end.max(r.start + 1)
        }
    }
}

/// The suppression comments of one file, each entry resolved to the code it names, and which
/// entries have suppressed something.
struct Matcher<'a> {
    suppressions: &'a [Suppression],
    /// Per suppression, per entry: the code of the rule it names, if any.
    codes: Vec<Vec<Option<Code>>>,
    used: Vec<Vec<bool>>,
}

impl<'a> Matcher<'a> {
    fn new(suppressions: &'a [Suppression], catalog: &Catalog) -> Self {
        Self {
            suppressions,
            codes: suppressions
                .iter()
                .map(|s| {
                    s.entries
                        .iter()
                        .map(|e| catalog.get(&e.name).map(|r| r.meta.code.clone()))
                        .collect()
                })
                .collect(),
            used: suppressions
                .iter()
                .map(|s| vec![false; s.entries.len()])
                .collect(),
        }
    }

    /// Whether a suppression covers `d` and names its rule; marks every such entry used.
    /// `about` is the entry `d` reports on: an entry never suppresses the report about itself.
    fn suppresses(&mut self, d: &Diagnostic, about: Option<(usize, usize)>) -> bool {
        let mut hit = false;
        if unsilenceable(&d.code) {
            return false;
        }
        for (si, s) in self.suppressions.iter().enumerate() {
            if !covers(s.scope, d) {
                continue;
            }
            for (ei, code) in self.codes[si].iter().enumerate() {
                if code.as_ref() == Some(&d.code) && about != Some((si, ei)) {
                    self.used[si][ei] = true;
                    hit = true;
                }
            }
        }
        hit
    }
}

/// Applies severities, drops rules that are off, applies suppressions, adds SU001/SU002, sorts.
///
/// The SU001/SU002 diagnostics go through the same suppression matching as every other
/// diagnostic (like ruff's `# noqa: RUF100`): `# smplan-ignore-file: SU002` silences the
/// reports of unknown codes, and an entry naming SU001 or SU002 that silenced one is used.
pub fn settle(
    diags: &mut Vec<Diagnostic>,
    suppressions: &[Suppression],
    fs: &FileSettings,
    catalog: &Catalog,
    text: Option<&str>,
    rules_ran: bool,
) {
    diags.retain_mut(|d| {
        let level = match unsilenceable(&d.code) {
            true => Some(crate::diagnostic::Severity::Error),
            false => catalog.lookup(&d.code).and_then(|i| fs.severities[i]),
        };
        match level {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        }
    });
    // Rolled up after suppressions, counted before: a roll-up needs every item to have the
    // problem, and covers only the items left (rules.md, "One habit, one diagnostic").
    let raised = crate::rules::rollup::count(diags);
    if !suppressions.is_empty() {
        let mut matcher = Matcher::new(suppressions, catalog);
        diags.retain(|d| !matcher.suppresses(d, None));
        crate::rules::rollup::roll_up(diags, &raised);
        if let Some(text) = text {
            let index = LineIndex::new(text);
            let level = |code: &str| catalog.lookup(code).and_then(|i| fs.severities[i]);
            let settled = |mut d: Diagnostic| {
                let s = level(&d.code)?;
                d.severity = s;
                locate(&mut d, text, &index);
                Some(d)
            };
            // SU002 does not depend on what was used.
            for (si, s) in suppressions.iter().enumerate() {
                let found = su002::check(s, &matcher.codes[si], |name| {
                    catalog.suggestions(name).first().map(|b| b.to_string())
                });
                for (entry, d) in found {
                    if let Some(d) = settled(d)
                        && !matcher.suppresses(&d, entry.map(|ei| (si, ei)))
                    {
                        diags.push(d);
                    }
                }
            }
            // SU001: an entry of a rule that ran and suppressed nothing. Reports can be
            // suppressed by entries naming SU001, which makes those used, so repeat until
            // no entry changes (`used` only grows, so this ends).
            let unused = |m: &Matcher<'_>| -> Vec<(usize, usize, Diagnostic)> {
                let on = |code: &str| level(code).is_some();
                let mut out = Vec::new();
                for (si, s) in suppressions.iter().enumerate() {
                    let found = su001::check(text, s, &m.codes[si], &m.used[si], rules_ran, on);
                    for (ei, d) in found {
                        if let Some(d) = settled(d) {
                            out.push((si, ei, d));
                        }
                    }
                }
                out
            };
            loop {
                let before = matcher.used.clone();
                let reports = unused(&matcher);
                let mut kept = Vec::new();
                for (si, ei, d) in reports {
                    if !matcher.suppresses(&d, Some((si, ei))) {
                        kept.push(d);
                    }
                }
                if matcher.used == before {
                    diags.extend(kept);
                    break;
                }
            }
        }
    }
    if suppressions.is_empty() {
        crate::rules::rollup::roll_up(diags, &raised);
    }
    diags.sort_by(|a, b| {
        (
            a.start.line,
            a.start.column,
            a.code.as_str(),
            a.primary.span,
        )
            .cmp(&(
                b.start.line,
                b.start.column,
                b.code.as_str(),
                b.primary.span,
            ))
    });
}
