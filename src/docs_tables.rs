//! The rule tables of `docs/rules.md`, derived from the catalog: each area's section (`## SM —
//! …`) has a table whose `code`, `name` and `default` cells come from the rule's metadata, one
//! row per rule in catalog order, and so does a `SMART letter` cell (the criterion the rule
//! declares, [`crate::rules::Smart`]); the hand-written "fires when" is kept. `tests/rules_docs.rs` fails when the checked-in file drifts.

use crate::catalog::{Catalog, RuleInfo};

/// `markdown` with every rule table rewritten from `catalog`, and what could not be derived
/// (a rule whose area has no section). A row for a code the catalog lacks, or a second row
/// for the same code, is dropped; a rule without a row gets one, its summary standing in for
/// the prose.
pub fn sync(markdown: &str, catalog: &Catalog) -> (String, Vec<String>) {
    let mut out = String::with_capacity(markdown.len());
    let mut placed: Vec<&str> = Vec::new();
    let mut area: Option<&str> = None;
    let mut lines = markdown.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if let Some(heading) = line.strip_prefix("## ") {
            area = heading.split(" — ").next().map(str::trim);
        }
        out.push_str(line);
        let Some(area) = area.filter(|_| is_rule_header(line)) else {
            continue;
        };
        let header: Vec<String> = cells(line).into_iter().map(str::to_string).collect();
        // The `|---|` line, then the rows.
        if let Some(rule) = lines.next_if(|l| l.starts_with("|-")) {
            out.push_str(rule);
        }
        let mut kept: Vec<Vec<String>> = Vec::new();
        while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
            kept.push(cells(row).into_iter().map(str::to_string).collect());
        }
        for rule in catalog.rules.iter().filter(|r| r.area() == area) {
            let old = kept
                .iter()
                .find(|c| c.first().map(String::as_str) == Some(rule.meta.code.as_str()));
            out.push_str(&row(rule, old, &header));
            placed.push(rule.meta.code.as_str());
        }
    }
    let problems = catalog
        .rules
        .iter()
        .filter(|r| !placed.contains(&r.meta.code.as_str()))
        .map(|r| {
            format!(
                "{}: no `## {} — …` section with a rule table",
                r.meta.code,
                r.area()
            )
        })
        .collect();
    (out, problems)
}

/// `| code | name | default | … |`
fn is_rule_header(line: &str) -> bool {
    cells(line).starts_with(&["code", "name", "default"])
}

fn cells(line: &str) -> Vec<&str> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(str::trim).collect()
}

/// One rule's row: its metadata, then the old row's other cells (or blanks and the summary).
fn row(rule: &RuleInfo, old: Option<&Vec<String>>, header: &[String]) -> String {
    let m = &rule.meta;
    let mut cells = vec![
        m.code.to_string(),
        m.name.to_string(),
        m.severity.to_string(),
    ];
    for (i, title) in header.iter().enumerate().skip(3) {
        if title == "SMART letter" {
            cells.push(m.smart.map(smart_letter).unwrap_or_default().to_string());
            continue;
        }
        let kept = old.and_then(|c| c.get(i)).filter(|c| !c.is_empty());
        cells.push(match kept {
            Some(c) => c.clone(),
            None if i + 1 == header.len() => m.summary.to_string(),
            None => String::new(),
        });
    }
    format!("| {} |\n", cells.join(" | "))
}

/// How rules.md names a SMART criterion.
fn smart_letter(s: crate::rules::Smart) -> &'static str {
    use crate::rules::Smart::*;
    match s {
        Specific => "specific",
        Measurable => "measurable",
        Achievable => "achievable",
        Relevant => "relevant",
        TimeBound => "time-bound",
        Assignable => "assignable (Doran)",
    }
}

#[cfg(test)]
mod tests {
    use super::sync;
    use crate::catalog::Catalog;

    #[test]
    fn rows_follow_the_catalog_and_keep_their_prose() {
        let md = "# Rules\n\n## SC — scope\n\n| code | name | default | fires when |\n|---|---|---|---|\n| SC002 | long | error | hand-written |\n| SC099 | gone | error | x |\n| SC001 | inverted-horizon | error | ends first |\n| SC001 | twice | info | again |\n\nAfter.\n";
        let (out, problems) = sync(md, &Catalog::builtin());
        assert!(
            out.contains(
                "|---|---|---|---|\n| SC001 | inverted-horizon | error | ends first |\n| SC002 | horizon-too-long | warning | hand-written |\n| SC003 | duplicate-scope | warning | two plans claim the same scope, department and period |\n\nAfter.\n"
            ),
            "{out}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("PL001: ")),
            "{problems:?}"
        );
    }

    #[test]
    fn the_smart_letter_comes_from_the_rule() {
        let md = "## SM — SMART\n\n| code | name | default | SMART letter | fires when |\n|---|---|---|---|---|\n| SM005 | x | info | specific | no deadline |\n";
        let (out, _) = sync(md, &Catalog::builtin());
        assert!(
            out.contains("| SM005 | not-time-bound | error | time-bound | no deadline |\n"),
            "{out}"
        );
    }
}
