//! Reporters: turn a lint outcome into text for people (pretty, concise) or machines (json,
//! sarif, github, gitlab, junit). They return strings; the binary decides where they go.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod pretty;
pub mod sarif;
mod wrap;

use crate::lint::{Outcome, Summary};
use std::time::Duration;

/// `Checked 3 files: 2 errors, 1 warning, 0 infos in 0.01s`
pub fn summary_line(s: &Summary, elapsed: Duration) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "Checked {}: {}, {}, {} in {:.2}s",
        plural(s.files, "file", "files"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        elapsed.as_secs_f64()
    )
}

/// `--statistics`: count per rule, most frequent first.
pub fn statistics(outcome: &Outcome, catalog: &crate::catalog::Catalog) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in outcome.files.iter().flat_map(|f| &f.diagnostics) {
        *counts.entry(d.code.as_str()).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out = String::new();
    for (code, n) in rows {
        let name = catalog.get(code).map_or("", |r| r.meta.name.as_str());
        out.push_str(&format!("{n:>6}  {code:<8} {name}\n"));
    }
    out
}
