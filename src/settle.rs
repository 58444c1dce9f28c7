//! Settling: severities and `off`, suppression comments (SU001/SU002), positions and order.

use crate::config::FileSettings;
use crate::diagnostic::Diagnostic;
use crate::rules::registry::Catalog;
use crate::source::{LineIndex, Span};
use crate::suppress::{Scope, Suppression};

/// Fills in a diagnostic's line and column from its primary span.
pub fn locate(d: &mut Diagnostic, text: &str, index: &LineIndex) {
    d.start = index.position(text, d.primary.span.start);
    d.end = index.position(text, d.primary.span.end);
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

/// Applies severities, drops rules that are off, applies suppressions, adds SU001/SU002, sorts.
pub fn settle(
    diags: &mut Vec<Diagnostic>,
    suppressions: &[Suppression],
    fs: &FileSettings,
    catalog: &Catalog,
    text: Option<&str>,
    rules_ran: bool,
) {
    diags.retain_mut(
        |d| match catalog.lookup(d.code).and_then(|i| fs.severities[i]) {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        },
    );
    if !suppressions.is_empty() {
        let mut used: Vec<Vec<bool>> = suppressions
            .iter()
            .map(|s| vec![false; s.entries.len()])
            .collect();
        diags.retain(|d| {
            let mut keep = true;
            for (si, s) in suppressions.iter().enumerate() {
                if !covers(s.scope, d) {
                    continue;
                }
                for (ei, e) in s.entries.iter().enumerate() {
                    if catalog.get(&e.name).is_some_and(|r| r.meta.code == d.code) {
                        used[si][ei] = true;
                        keep = false;
                    }
                }
            }
            keep
        });
        let mut extra = Vec::new();
        let level = |code: &str| catalog.lookup(code).and_then(|i| fs.severities[i]);
        for (si, s) in suppressions.iter().enumerate() {
            if s.entries.is_empty() {
                extra.push(
                    Diagnostic::new("SU002", s.comment, "suppression comment names no rule")
                        .help("name the codes or rule names to suppress: `# smplan-ignore: MT003 -- reason`"),
                );
            }
            for (ei, e) in s.entries.iter().enumerate() {
                match catalog.lookup(&e.name) {
                    None => {
                        let suggestions = catalog.suggestions(&e.name);
                        let help = match suggestions.first() {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "use a rule code such as `MT003` or a name such as `too-many-metrics`".into(),
                        };
                        extra.push(
                            Diagnostic::new(
                                "SU002",
                                e.span,
                                format!("`{}` is not a rule code or name", e.name),
                            )
                            .help(help),
                        );
                    }
                    Some(i) if rules_ran && !used[si][ei] && fs.severities[i].is_some() => extra
                        .push(
                            Diagnostic::new(
                                "SU001",
                                e.span,
                                format!("suppression of `{}` matched no diagnostic", e.name),
                            )
                            .help(format!("remove `{}` from the comment", e.name)),
                        ),
                    Some(_) => {}
                }
            }
        }
        if let Some(text) = text {
            let index = LineIndex::new(text);
            for mut d in extra {
                if let Some(s) = level(d.code) {
                    d.severity = s;
                    locate(&mut d, text, &index);
                    diags.push(d);
                }
            }
        }
    }
    diags.sort_by(|a, b| {
        (a.start.line, a.start.column, a.code, a.primary.span).cmp(&(
            b.start.line,
            b.start.column,
            b.code,
            b.primary.span,
        ))
    });
    let _ = Span::default();
}
