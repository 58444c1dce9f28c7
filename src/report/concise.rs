//! `path:line:col: severity[CODE] message`, one per line.

use crate::lint::Outcome;
use std::fmt::Write;

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for file in &outcome.files {
        for d in &file.diagnostics {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.path, d.start.line, d.start.column, d.severity, d.code, d.message
            );
        }
    }
    out
}
