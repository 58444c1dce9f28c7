//! `path:line:col: severity[CODE] message`, one per line: path and message are sanitised, so a
//! line break or escape in a key or file name can neither add a line nor reach the terminal.

use crate::lint::Outcome;
use crate::sanitize::line;
use std::fmt::Write;

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for file in &outcome.files {
        for d in &file.diagnostics {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                line(&file.path),
                d.start.line,
                d.start.column,
                d.severity,
                d.code,
                line(&d.message)
            );
        }
    }
    out
}
