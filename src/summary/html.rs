//! The report as one self-contained HTML page: inline CSS, the diagram as an inline SVG made
//! by [`crate::graph::svg`], no script and no network fetch (a Content-Security-Policy forbids
//! them).

use super::table::{self, Align, Cell, Inline, Mark, Table};
use super::{Counts, PlanSummary, heading, limit_text};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph;

use crate::graph::svg::esc;

fn code(s: &str) -> String {
    format!("<code>{}</code>", esc(s))
}

/// A diagnostic message: its backticked parts as `<code>`.
fn message(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return esc(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { code(p) } else { esc(p) })
        .collect()
}

const CSS: &str = r#"
:root{--ok:#1b7f3b;--bad:#c62828;--warn:#9a6700;--line:#d0d7de;--muted:#57606a;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:28px;margin:0 0 4px}
h2{font-size:22px;margin:40px 0 4px;padding-top:16px;border-top:2px solid var(--line)}
h3{font-size:17px;margin:28px 0 8px}
p{margin:6px 0}
.muted{color:var(--muted)}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);padding:1px 4px;border-radius:4px;overflow-wrap:break-word}
.wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:14px}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:var(--bg);font-weight:600}
td.c,th.c{text-align:center}
td.n,th.n{text-align:right}
table.facts{width:auto;min-width:50%}
table.facts th{width:9em}
.ok{color:var(--ok);font-weight:700}
.bad{color:var(--bad);font-weight:700}
.why{display:block;font-size:12px;font-weight:400;color:#3b1111;text-align:left;margin-top:2px}
.smart td.c{min-width:3.2em}
.smart td:nth-child(2){min-width:13em}
.smart td:nth-child(3){min-width:8em}
.smart td.c{width:11%}
.note{border-left:4px solid var(--warn);background:#fff8c5;padding:8px 12px;margin:10px 0}
.counts span{display:inline-block;margin-right:14px}
.sev-error{color:var(--bad);font-weight:600}
.sev-warning{color:var(--warn);font-weight:600}
.sev-info{color:#0969da;font-weight:600}
ul.diags{padding-left:20px;margin:6px 0}
ul.diags li{margin:3px 0;overflow-wrap:break-word}
.diagram{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff}
.diagram svg{display:block;max-width:100%;height:auto}
details{margin:8px 0}
pre{background:var(--bg);padding:10px;border-radius:6px;overflow:auto;font-size:12px}
nav ul{margin:6px 0;padding-left:20px}
"#;

/// Renders the report as one HTML page.
pub fn html(plans: &[PlanSummary]) -> String {
    let mut total = Counts::default();
    for p in plans {
        total.add(p.counts);
    }
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>smplan report</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n<h1>smplan report</h1>\n");
    out.push_str(&format!(
        "<p class=\"muted\">{} {}: {}.</p>\n",
        plans.len(),
        if plans.len() == 1 { "plan" } else { "plans" },
        esc(&total.sentence())
    ));
    if plans.len() > 1 {
        out.push_str("<nav><ul>\n");
        for (i, p) in plans.iter().enumerate() {
            out.push_str(&format!(
                "<li><a href=\"#plan-{}\">{}</a> <span class=\"muted\">{}</span></li>\n",
                i + 1,
                esc(&heading(p)),
                esc(&p.counts.sentence())
            ));
        }
        out.push_str("</ul></nav>\n");
    }
    // Each plan's section on the threads of the pool this runs in (`report` runs it in one).
    let numbered: Vec<(usize, &PlanSummary)> = (1..).zip(plans).collect();
    let sections = crate::parallel::map_all(numbered, |(n, p)| {
        let mut section = String::new();
        plan_html(&mut section, p, n);
        section
    });
    out.extend(sections);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn diagnostic_li(d: &Diagnostic) -> String {
    let class = match d.severity {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    };
    let help = d
        .help
        .as_deref()
        .map(|h| format!("<br><span class=\"muted\">help: {}</span>", message(h)))
        .unwrap_or_default();
    format!(
        "<li><code>{}:{}</code> <span class=\"{class}\">{}[{}]</span> {}{help}</li>\n",
        d.start.line,
        d.start.column,
        d.severity,
        d.code,
        message(&d.message)
    )
}

fn inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|part| match part {
            Inline::Text(s) => esc(s),
            Inline::Code(s) => code(s),
            Inline::Break => "<br>".into(),
            Inline::Missing(s) => format!("<i>{}</i>", message(s)),
        })
        .collect()
}

fn align_class(a: Align) -> &'static str {
    match a {
        Align::Left => "",
        Align::Center => " class=\"c\"",
        Align::Right => " class=\"n\"",
    }
}

fn cell(c: &Cell) -> String {
    let mut out = String::new();
    if let Some(mark) = c.mark {
        out.push_str(match mark {
            Mark::Ok => "<span class=\"ok\">✓</span>",
            Mark::NoDiagnostic => "<span class=\"ok\" title=\"no diagnostic\">✓</span>",
            Mark::Bad => "<span class=\"bad\">✗</span>",
            Mark::Unknown => "<span class=\"muted\">?</span>",
        });
        if !c.body.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(&inline(&c.body));
    let class = if c.mark == Some(Mark::Unknown) {
        "why muted"
    } else {
        "why"
    };
    for r in &c.reasons {
        let code = r
            .code
            .map(|code| format!("<b>{}</b> ", esc(code)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<span class=\"{class}\">{code}{}</span>",
            message(&r.message)
        ));
    }
    out
}

/// A table in a scrolling wrapper; a labelled table's first column is header cells.
fn render(t: &Table) -> String {
    let class = t
        .class
        .map(|c| format!(" class=\"{c}\""))
        .unwrap_or_default();
    let mut out = format!("<div class=\"wrap\"><table{class}>\n");
    if !t.labelled {
        out.push_str("<tr>");
        for c in &t.columns {
            let hint = c
                .hint
                .map(|h| format!(" title=\"{}\"", esc(h)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<th{}{hint}>{}</th>",
                align_class(c.align),
                esc(c.title)
            ));
        }
        out.push_str("</tr>\n");
    }
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, (c, col)) in row.iter().zip(&t.columns).enumerate() {
            let tag = if t.labelled && i == 0 { "th" } else { "td" };
            out.push_str(&format!(
                "<{tag}{}>{}</{tag}>",
                align_class(col.align),
                cell(c)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table></div>\n");
    out
}

fn plan_html(out: &mut String, p: &PlanSummary, n: usize) {
    out.push_str(&format!(
        "<section id=\"plan-{n}\">\n<h2>{}</h2>\n<p class=\"muted\">File: {}</p>\n",
        esc(&heading(p)),
        code(&p.path)
    ));
    if !p.parsed {
        out.push_str(&format!(
            "<p class=\"note\">This file could not be read or parsed, so there is nothing to summarise. Diagnostics: {}.</p>\n<ul class=\"diags\">\n",
            esc(&p.counts.sentence())
        ));
        for d in &p.diagnostics {
            out.push_str(&diagnostic_li(d));
        }
        out.push_str("</ul>\n</section>\n");
        return;
    }
    out.push_str(&render(&table::facts(p)));
    if let Some(why) = &p.rules_skipped {
        out.push_str(&format!(
            "<p class=\"note\"><b>The rules did not run:</b> {}. The tables below show the plan as written.</p>\n",
            message(why)
        ));
    }

    out.push_str("<h3>Business goals</h3>\n");
    if p.letters.is_empty() {
        out.push_str("<p><span class=\"bad\">✗</span> The plan lists no business goals.</p>\n");
    } else {
        let defined = p.letters.iter().filter(|l| l.text.is_some()).count();
        let covered = p.letters.iter().filter(|l| l.covered()).count();
        out.push_str(&format!(
            "<p>{covered} of {defined} business goals covered by a goal.</p>\n"
        ));
        out.push_str(&render(&table::letters(p)));
    }

    out.push_str("<h3>KPIs (SMART)</h3>\n");
    if p.kpis.is_empty() {
        out.push_str("<p><span class=\"bad\">✗</span> The plan has no KPI.</p>\n");
    } else {
        out.push_str(&format!(
            "<p class=\"muted\">{}</p>\n",
            esc(&p.smart_legend().replace('`', ""))
        ));
        out.push_str(&render(&table::kpis(p)));
    }

    out.push_str("<h3>Metrics per tactic</h3>\n");
    if p.tactics.is_empty() {
        out.push_str("<p><span class=\"bad\">✗</span> The plan has no tactic.</p>\n");
    } else {
        out.push_str(&format!(
            "<p>Kept metrics per tactic: {} (<code>metrics_per_tactic</code>).</p>\n",
            limit_text(p.metrics_min, p.metrics_max)
        ));
        out.push_str(&render(&table::tactics(p)));
    }

    out.push_str("<h3>Diagnostics</h3>\n<p class=\"counts\">");
    for (n, class, one, many) in [
        (p.counts.errors, "sev-error", "error", "errors"),
        (p.counts.warnings, "sev-warning", "warning", "warnings"),
        (p.counts.infos, "sev-info", "info", "infos"),
    ] {
        let class = if n == 0 { "muted" } else { class };
        let word = if n == 1 { one } else { many };
        out.push_str(&format!("<span class=\"{class}\">{n} {word}</span>"));
    }
    out.push_str("</p>\n");
    if !p.diagnostics.is_empty() {
        out.push_str("<ul class=\"diags\">\n");
        for d in &p.diagnostics {
            out.push_str(&diagnostic_li(d));
        }
        out.push_str("</ul>\n");
    }

    if let Some(g) = &p.graph {
        out.push_str("<h3>Diagram</h3>\n<p class=\"muted\">Tactics serve goals, goals support business goals. Red dashed: a broken link, an orphan or a missing part.</p>\n<div class=\"diagram\">\n");
        out.push_str(&graph::svg(g));
        out.push_str("</div>\n<details><summary>Mermaid source</summary>\n<pre>");
        out.push_str(&esc_pre(&graph::mermaid(g)));
        out.push_str("</pre>\n</details>\n");
    }
    out.push_str("</section>\n");
}

/// Escapes text for `<pre>`, keeping line breaks.
fn esc_pre(s: &str) -> String {
    s.lines().map(esc).collect::<Vec<_>>().join("\n")
}
