//! Every `smplan explain` page shows a failing and a passing TOML example (cli.md).

use smplan::catalog::Catalog;

/// Whether the text after `label` (up to `until`, if given) holds a ```toml block.
fn has_toml_after(example: &str, label: &str, until: Option<&str>) -> bool {
    let Some(at) = example.find(label) else {
        return false;
    };
    let rest = &example[at..];
    let rest = match until.and_then(|u| rest.find(u)) {
        Some(end) => &rest[..end],
        None => rest,
    };
    rest.contains("```toml\n")
}

#[test]
fn every_explain_page_has_a_failing_and_a_passing_toml_example() {
    // PL002 is about bytes (encoding, size) that TOML cannot show; its page says so in words.
    const IN_WORDS: &[&str] = &["PL002"];
    let catalog = Catalog::builtin();
    let mut missing = Vec::new();
    for rule in &catalog.rules {
        let code = rule.meta.code.as_str();
        if IN_WORDS.contains(&code) {
            continue;
        }
        let Some(at) = rule.meta.docs.find("## Example") else {
            missing.push(format!("{code}: no `## Example`"));
            continue;
        };
        let example = &rule.meta.docs[at..];
        if !has_toml_after(example, "Fails", Some("Passes")) {
            missing.push(format!("{code}: no failing TOML example"));
        }
        if !has_toml_after(example, "Passes", None) {
            missing.push(format!("{code}: no passing TOML example"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Rules whose examples no single plan can show, and where they are tested instead.
const NOT_ONE_PLAN: &[(&str, &str)] = &[
    ("PL002", "bytes, not TOML: fixtures/rules/structure/pl002_*"),
    (
        "SC003",
        "two plans of one project: fixtures/rules/scope/sc003_*.group",
    ),
    ("HI001", "a base revision: tests/history.rs"),
    ("HI002", "a base revision: tests/history.rs"),
];
/// PL008 is about the `smplan` line itself: its examples are whole plans, run as written.
const AS_WRITTEN: &[&str] = &["PL008"];
/// Codes that say an example is not the TOML it means (a key at the wrong level, a
/// mistyped value, broken syntax); only the rule that owns the problem may show them.
const MALFORMED: &[&str] = &["PL001", "PL004", "PL005"];

/// Every Fails example of a rule's docs fires that rule and every Passes example does not,
/// run by the runner of packs' `[[rule.example]]` (see `smplan::packs::doc_examples`).
#[test]
fn every_doc_example_fires_or_passes_its_rule() {
    use smplan::examples::{example_problems, run_example};
    use smplan::packs::doc_examples::{complete, doc_examples};
    let settings = smplan::config::Settings::defaults(std::path::PathBuf::from("."));
    let mut ran = 0;
    let mut failures = Vec::new();
    for rule in &settings.catalog.rules {
        let code = rule.meta.code.as_str();
        let examples = doc_examples(&rule.meta.docs);
        if NOT_ONE_PLAN.iter().any(|(c, _)| *c == code) {
            continue;
        }
        if !examples.iter().any(|e| e.fails) || !examples.iter().any(|e| !e.fails) {
            failures.push(format!("{code}: no runnable Fails and Passes example"));
        }
        for ex in examples {
            ran += 1;
            let plan = if AS_WRITTEN.contains(&code) {
                ex.toml.clone()
            } else {
                complete(&ex.toml)
            };
            let got = run_example(format!("{code}.plan.toml"), &plan, &settings);
            let (expect, expect_not) = if ex.fails {
                (vec![code], vec![])
            } else {
                (vec![], vec![code])
            };
            let mut problems = example_problems(&got, &expect, &expect_not);
            let malformed: Vec<&&str> = MALFORMED
                .iter()
                .filter(|m| **m != code && got.iter().any(|g| g == **m))
                .collect();
            if !malformed.is_empty() {
                problems.push(format!("the example also gets {malformed:?}"));
            }
            for p in problems {
                let which = if ex.fails { "Fails" } else { "Passes" };
                failures.push(format!(
                    "{code} {which} example (docs line {}): {p}\n{plan}",
                    ex.line
                ));
            }
        }
    }
    assert!(ran > 80, "only {ran} doc examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
