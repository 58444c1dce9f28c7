//! Every `smplan explain` page shows a failing and a passing TOML example (cli.md), and each
//! runs: a Fails block fires its rule on the block's own text, a Passes block does not fire it.

use smplan::config::Settings;
use smplan::examples::{codes, example_problems, run_examples};
use smplan::lint::{FileResult, Options};
use smplan::packs::doc_examples::{Completed, DocExample, complete, doc_examples};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// PL002 is about bytes (encoding, size) that TOML cannot show; its page says so in words,
/// and `fixtures/rules/structure/pl002_*` test it.
const IN_WORDS: &[&str] = &["PL002"];
/// PL008 is about the `smplan` line itself: its examples are whole plans, run as written.
const AS_WRITTEN: &[&str] = &["PL008"];
/// Codes that say an example is not the TOML it means (a key at the wrong level, a
/// mistyped value, broken syntax, a goal it forgot); only the rule that owns the problem may
/// show them.
const MALFORMED: &[&str] = &["PL001", "PL004", "PL005", "PL009"];
/// The date the history rules' examples are checked on: inside their base's horizon.
const AS_OF: &str = "2027-06-30";

#[test]
fn every_explain_page_has_a_failing_and_a_passing_toml_example() {
    let settings = Settings::defaults(PathBuf::from("."));
    let mut missing = Vec::new();
    for rule in &settings.catalog.rules {
        let code = rule.meta.code.as_str();
        if IN_WORDS.contains(&code) {
            continue;
        }
        let examples = doc_examples(&rule.meta.docs);
        if !examples.iter().any(|e| e.fails) {
            missing.push(format!("{code}: no failing TOML example"));
        }
        if !examples.iter().any(|e| !e.fails) {
            missing.push(format!("{code}: no passing TOML example"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every Fails example of a rule's docs fires that rule and every Passes example does not,
/// run by the runner of packs' `[[rule.example]]` (see `smplan::packs::doc_examples`). SC003's
/// are two plans of one project and the HI rules' a plan and its base revision.
#[test]
fn every_doc_example_fires_or_passes_its_rule() {
    let settings = Settings::defaults(PathBuf::from("."));
    let mut ran = 0;
    let mut failures = Vec::new();
    for rule in &settings.catalog.rules {
        let code = rule.meta.code.as_str();
        if IN_WORDS.contains(&code) {
            continue;
        }
        let examples = doc_examples(&rule.meta.docs);
        for ex in &examples {
            ran += 1;
            let (files, subject, done) = match run(code, ex, &examples, &settings) {
                Ok(run) => run,
                Err(e) => {
                    failures.push(format!("{code} (docs line {}): {e}", ex.line));
                    continue;
                }
            };
            for p in judge(code, ex.fails, &files, &subject, &done) {
                let which = if ex.fails { "Fails" } else { "Passes" };
                failures.push(format!(
                    "{code} {which} example (docs line {}): {p}\n{}",
                    ex.line, done.plan
                ));
            }
        }
    }
    assert!(ran > 85, "only {ran} doc examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A Fails example must get its rule on its own text: a diagnostic on what `complete` added
/// (here BG003 on the added `[business_goals]`' letter `B`) does not count.
#[test]
fn a_rule_firing_only_on_the_added_tables_fails_the_example() {
    let settings = Settings::defaults(PathBuf::from("."));
    let ex = DocExample {
        fails: true,
        line: 1,
        toml: "[[goal]]\nid = \"g\"\nsupports = [\"A\"]\n".into(),
    };
    let (files, subject, done) = run("BG003", &ex, &[], &settings).expect("runs");
    assert!(codes(&files[0].diagnostics).contains(&"BG003".to_string()));
    let problems = judge("BG003", true, &files, &subject, &done);
    assert_eq!(
        problems,
        ["`BG003` fires only outside the example's own text"],
        "{}",
        done.plan
    );
}

/// Lints one example as its rule needs it. Returns every file's diagnostics, the path of the
/// file the example is, and that file as completed.
fn run(
    code: &str,
    ex: &DocExample,
    all: &[DocExample],
    settings: &Settings,
) -> Result<(Vec<FileResult>, String, Completed), String> {
    let name = format!("{code}.plan.toml");
    let first = |fails: bool| {
        all.iter()
            .find(|e| e.fails == fails)
            .map(|e| complete(&e.toml))
            .ok_or_else(|| format!("no {} example to pair it with", label(fails)))
    };
    let done = match AS_WRITTEN.contains(&code) {
        true => Completed::as_written(&ex.toml),
        false => complete(&ex.toml),
    };
    match code {
        // Two plans of one project: the Fails block twice, or the Fails block and then the
        // Passes block as the second plan (the later plan in path order gets SC003).
        "SC003" => {
            let earlier = first(true)?;
            let second = format!("second-{name}");
            let plans = vec![
                (format!("first-{name}"), earlier.plan),
                (second.clone(), done.plan.clone()),
            ];
            let files = run_examples(plans, settings, &Options::default());
            Ok((files, second, done))
        }
        // The Passes block is the base revision: the Fails block changed it, the Passes block
        // did not.
        "HI001" | "HI002" => {
            let base = first(false)?;
            let as_of = smplan::history::parse_date(AS_OF)?;
            let texts = HashMap::from([(PathBuf::from(&name), Some(base.plan))]);
            let opts = Options {
                history: Some(Arc::new(smplan::history::Base::from_texts(
                    "main", as_of, texts,
                ))),
                ..Options::default()
            };
            let files = run_examples(vec![(name.clone(), done.plan.clone())], settings, &opts);
            Ok((files, name, done))
        }
        _ => {
            let files = run_examples(
                vec![(name.clone(), done.plan.clone())],
                settings,
                &Options::default(),
            );
            Ok((files, name, done))
        }
    }
}

/// How an example's run differs from its label: a Fails example gets `code` on its own text
/// in `subject`, a Passes example gets it nowhere, and neither gets a [`MALFORMED`] code of
/// another rule.
fn judge(
    code: &str,
    fails: bool,
    files: &[FileResult],
    subject: &str,
    done: &Completed,
) -> Vec<String> {
    let all: Vec<_> = files.iter().flat_map(|f| &f.diagnostics).cloned().collect();
    let got = codes(&all);
    let (expect, expect_not) = match fails {
        true => (vec![code], vec![]),
        false => (vec![], vec![code]),
    };
    let mut problems = example_problems(&got, &expect, &expect_not);
    if fails && problems.is_empty() {
        let on_own_text = files
            .iter()
            .filter(|f| f.path == subject)
            .flat_map(|f| &f.diagnostics)
            .any(|d| d.code.as_str() == code && done.is_own(d.primary.span.start));
        if !on_own_text {
            problems.push(format!(
                "`{code}` fires only outside the example's own text"
            ));
        }
    }
    let malformed: Vec<&&str> = MALFORMED
        .iter()
        .filter(|m| **m != code && got.iter().any(|g| g == **m))
        .collect();
    if !malformed.is_empty() {
        problems.push(format!("the example also gets {malformed:?}"));
    }
    problems
}

fn label(fails: bool) -> &'static str {
    if fails { "Fails" } else { "Passes" }
}
