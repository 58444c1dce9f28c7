//! The report as GitHub-flavoured Markdown (for `$GITHUB_STEP_SUMMARY` and reviews).

use super::table::{self, Align, Cell, Inline, Mark, Table};
use super::{Counts, LetterRow, PlanSummary, heading, limit_text};
use crate::diagnostic::Diagnostic;
use crate::graph;

/// Escapes plain text for Markdown (inline, in a table cell too).
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Controls and bidi overrides shown visibly, as in every human output; a line
            // break inside a string too (`␊`, `␍`: a raw one would end the table row). Tabs stay.
            c if crate::sanitize::is_unsafe(c) => {
                out.push_str(&crate::sanitize::line(c.encode_utf8(&mut [0; 4])))
            }
            c => out.push(c),
        }
    }
    out
}

/// An inline code span for any text (ids), safe in a table cell.
pub fn md_code(s: &str) -> String {
    // Line breaks become `␊`/`␍` (a raw one would end the table row); tabs stay.
    let s = crate::sanitize::owned(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", s.replace('|', "\\|"))
}

/// A diagnostic message (with its own `code` spans) for a Markdown table cell.
pub fn md_message(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return md_text(s); // unbalanced backticks: show as plain text
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { md_code(p) } else { md_text(p) })
        .collect()
}

fn inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|part| match part {
            Inline::Text(s) => md_text(s),
            Inline::Code(s) => md_code(s),
            Inline::Break => "<br>".into(),
            Inline::Missing(s) => format!("*({})*", md_message(s)),
        })
        .collect()
}

fn cell(c: &Cell) -> String {
    let mut out = String::new();
    if let Some(mark) = c.mark {
        out.push_str(match mark {
            Mark::Ok | Mark::NoDiagnostic => "✓",
            Mark::Bad => "✗",
            Mark::Unknown => "?",
        });
        if !c.body.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(&inline(&c.body));
    if !c.reasons.is_empty() {
        let reasons: Vec<String> = c
            .reasons
            .iter()
            .map(|r| match r.code {
                Some(code) => format!("{}: {}", md_text(code), md_message(&r.message)),
                None => md_message(&r.message),
            })
            .collect();
        out.push(' ');
        out.push_str(&reasons.join("<br>"));
    }
    out
}

/// A GitHub-flavoured Markdown table, one line per row.
fn render(t: &Table) -> String {
    let mut out = String::from("|");
    for c in &t.columns {
        match c.title {
            "" => out.push_str(" |"),
            title => out.push_str(&format!(" {title} |")),
        }
    }
    out.push_str("\n|");
    for c in &t.columns {
        out.push_str(match c.align {
            Align::Left => "---|",
            Align::Center => ":---:|",
            Align::Right => "---:|",
        });
    }
    out.push('\n');
    for row in &t.rows {
        out.push('|');
        for c in row {
            out.push_str(&format!(" {} |", cell(c)));
        }
        out.push('\n');
    }
    out
}

/// `12:3 warning[SM003] message`
fn md_diagnostic(d: &Diagnostic) -> String {
    format!(
        "`{}:{}` {}\\[{}\\] {}",
        d.start.line,
        d.start.column,
        d.severity,
        d.code,
        md_message(&d.message)
    )
}

/// Renders the report as GitHub-flavoured Markdown (for `$GITHUB_STEP_SUMMARY` and reviews).
pub fn markdown(plans: &[PlanSummary]) -> String {
    let mut out = String::from("# smplan report\n\n");
    let mut total = Counts::default();
    for p in plans {
        total.add(p.counts);
    }
    out.push_str(&format!(
        "{} {}: {}.\n",
        plans.len(),
        if plans.len() == 1 { "plan" } else { "plans" },
        total.sentence()
    ));
    // Each plan's section on the threads of the pool this runs in (`report` runs it in one).
    let sections = crate::parallel::map_all(plans, |p| {
        let mut section = String::from("\n");
        plan_markdown(&mut section, p);
        section
    });
    out.extend(sections);
    out
}

fn plan_markdown(out: &mut String, p: &PlanSummary) {
    out.push_str(&format!("## {}\n\n", md_text(&heading(p))));
    out.push_str(&format!("File: {}\n\n", md_code(&p.path)));
    if !p.parsed {
        out.push_str("This file could not be read or parsed, so there is nothing to summarise. ");
        out.push_str(&format!("Diagnostics: {}.\n\n", p.counts.sentence()));
        for d in &p.diagnostics {
            out.push_str(&format!("- {}\n", md_diagnostic(d)));
            if let Some(h) = &d.help {
                out.push_str(&format!("  help: {}\n", md_message(h)));
            }
        }
        return;
    }
    out.push_str(&render(&table::facts(p)));
    out.push('\n');
    if let Some(why) = &p.rules_skipped {
        out.push_str(&format!(
            "> **The rules did not run:** {}. The tables below show the plan as written.\n\n",
            md_message(why)
        ));
    }

    // Business goals.
    out.push_str("### Business goals\n\n");
    let defined: Vec<&LetterRow> = p.letters.iter().filter(|l| l.text.is_some()).collect();
    let covered = defined.iter().filter(|l| l.covered()).count();
    if p.letters.is_empty() {
        out.push_str("✗ The plan lists no business goals.\n\n");
    } else {
        out.push_str(&format!(
            "{covered} of {} business goals covered by a goal.\n\n",
            defined.len()
        ));
        out.push_str(&render(&table::letters(p)));
        out.push('\n');
    }

    // KPIs.
    out.push_str("### KPIs (SMART)\n\n");
    if p.kpis.is_empty() {
        out.push_str("✗ The plan has no KPI.\n\n");
    } else {
        out.push_str(&p.smart_legend());
        out.push_str("\n\n");
        out.push_str(&render(&table::kpis(p)));
        out.push('\n');
    }

    // Tactics.
    out.push_str("### Metrics per tactic\n\n");
    if p.tactics.is_empty() {
        out.push_str("✗ The plan has no tactic.\n\n");
    } else {
        out.push_str(&format!(
            "Kept metrics per tactic: {} (`metrics_per_tactic`).\n\n",
            limit_text(p.metrics_min, p.metrics_max)
        ));
        out.push_str(&render(&table::tactics(p)));
        out.push('\n');
    }

    // Diagnostics.
    out.push_str("### Diagnostics\n\n");
    out.push_str("| Errors | Warnings | Infos |\n|---:|---:|---:|\n");
    out.push_str(&format!(
        "| {} | {} | {} |\n\n",
        p.counts.errors, p.counts.warnings, p.counts.infos
    ));
    if !p.diagnostics.is_empty() {
        out.push_str(&format!(
            "<details><summary>{} {}</summary>\n\n",
            p.diagnostics.len(),
            if p.diagnostics.len() == 1 {
                "diagnostic"
            } else {
                "diagnostics"
            }
        ));
        for d in &p.diagnostics {
            out.push_str(&format!("- {}\n", md_diagnostic(d)));
        }
        out.push_str("\n</details>\n\n");
    }

    // Diagram.
    if let Some(g) = &p.graph {
        out.push_str("### Diagram\n\n```mermaid\n");
        out.push_str(&graph::mermaid(g));
        out.push_str("```\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md_code_handles_backticks_and_pipes() {
        assert_eq!(md_code("a"), "`a`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`a"), "`` `a ``");
        assert_eq!(md_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn md_message_keeps_code_spans() {
        assert_eq!(
            md_message("goal `x_y` does not *exist*"),
            "goal `x_y` does not \\*exist\\*"
        );
        assert_eq!(md_message("odd ` tick"), "odd \\` tick");
    }
}
