//! JUnit XML for the test-report views of Jenkins, GitLab, Azure Pipelines and CircleCI.
//!
//! One `<testsuite>` per linted file and one `<testcase>` per diagnostic, each a `<failure>`
//! (warnings and infos too, so nothing is hidden); a clean file has one passing testcase named
//! `smplan`. Every text is escaped, and characters XML 1.0 cannot carry at all are written as
//! `\u{…}`.

use crate::lint::Outcome;
use std::fmt::Write;

pub fn render(outcome: &Outcome) -> String {
    let total: usize = outcome.files.iter().map(cases).sum();
    let failures: usize = outcome.files.iter().map(|f| f.diagnostics.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"smplan\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\">"
    );
    for file in &outcome.files {
        let path = attr(&file.path);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            cases(file),
            file.diagnostics.len()
        );
        if file.diagnostics.is_empty() {
            let _ = writeln!(out, "    <testcase classname=\"{path}\" name=\"smplan\"/>");
        }
        for d in &file.diagnostics {
            let mut body = d.message.clone();
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            let _ = writeln!(
                out,
                "    <testcase classname=\"{path}\" name=\"{} {}:{}\">\n      \
                 <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                d.code,
                d.start.line,
                d.start.column,
                d.severity,
                attr(&d.message),
                text(&body),
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn cases(file: &crate::lint::FileResult) -> usize {
    file.diagnostics.len().max(1)
}

/// Character data: `&`, `<`, `>` escaped; what XML 1.0 forbids made visible.
fn text(s: &str) -> String {
    escape(s, false)
}

/// An attribute value in double quotes: also `"`, `'` and the white space an attribute would
/// otherwise normalise away.
fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            // Not allowed in XML 1.0 even as a character reference.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_forbidden_characters() {
        assert_eq!(
            text("a < b & c > d \"q\"\n"),
            "a &lt; b &amp; c &gt; d \"q\"\n"
        );
        assert_eq!(attr("x\"y'z\n\t\r"), "x&quot;y&apos;z&#10;&#9;&#13;");
        assert_eq!(
            text("nul\u{0}bell\u{7}\u{FFFF}"),
            "nul\\u{0}bell\\u{7}\\u{ffff}"
        );
    }
}
