//! GitHub Actions workflow commands, one per diagnostic:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`.

use crate::catalog::Catalog;
use crate::diagnostic::Severity;
use crate::lint::Outcome;
use crate::sanitize::line;
use std::fmt::Write;

pub fn render(outcome: &Outcome, catalog: &Catalog) -> String {
    let mut out = String::new();
    for file in &outcome.files {
        for d in &file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let title = match catalog.get(&d.code) {
                Some(r) => format!("{} {}", d.code, r.meta.name),
                None => d.code.to_string(),
            };
            // User text is sanitised first (no CR or LF of its own is left), so the only line
            // break in the message is the one before `help:`.
            let message = match &d.help {
                Some(help) => format!("{}\nhelp: {}", line(&d.message), line(help)),
                None => line(&d.message).into_owned(),
            };
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&line(&file.path).replace('\\', "/")),
                d.start.line.max(1),
                d.start.column.max(1),
                d.end.line.max(1),
                d.end.column.max(1),
                property(&line(&title)),
                data(&message),
            );
        }
    }
    out
}

/// Escapes a command's message (`%`, `\r`, `\n`).
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`%`, `\r`, `\n`, `:`, `,`).
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
