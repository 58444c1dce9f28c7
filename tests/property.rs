//! Property tests: arbitrary and mutated plans go through the whole pipeline without panicking,
//! and what comes out is well-formed (positions inside the text, sorted, deterministic).

mod common;

use proptest::prelude::*;
use smplan::config::Settings;
use smplan::lint::{Input, Options, Outcome, lint};
use std::path::PathBuf;

const REFERENCE: &str = include_str!("../fixtures/examples/customer-care-2027.plan.toml");

fn run(bytes: Vec<u8>, jobs: usize) -> Outcome {
    let settings = Settings::defaults(PathBuf::from("."));
    let inputs = vec![
        Input::Stdin {
            name: "a.plan.toml".into(),
            bytes: bytes.clone(),
        },
        Input::Stdin {
            name: "b.plan.toml".into(),
            bytes,
        },
    ];
    lint(
        inputs,
        &settings,
        &Options {
            keep_text: true,
            jobs: Some(jobs),
            ..Options::default()
        },
    )
}

/// Every output format renders, and the machine formats are valid JSON.
fn render_all(outcome: &Outcome) {
    let catalog = &Settings::defaults(PathBuf::from(".")).catalog;
    let _ = smplan::report::pretty::render(outcome, catalog, false, 80);
    let _ = smplan::report::concise::render(outcome);
    let _ = smplan::report::github::render(outcome, catalog);
    for json in [
        smplan::report::json::render(outcome, catalog),
        smplan::report::sarif::render(outcome, catalog, std::env::current_dir().ok().as_deref()),
    ] {
        assert!(
            serde_json::from_str::<serde_json::Value>(&json).is_ok(),
            "{json}"
        );
    }
}

fn check_well_formed(bytes: &[u8], outcome: &Outcome) {
    render_all(outcome);
    let text = String::from_utf8_lossy(bytes);
    let lines = text.split('\n').count();
    for file in &outcome.files {
        let mut last = (0, 0, "");
        for d in &file.diagnostics {
            assert!(d.start.line >= 1 && d.start.line <= lines.max(1), "{d:?}");
            assert!(d.start.column >= 1 && d.end.line >= d.start.line, "{d:?}");
            assert!(
                d.primary.span.start <= d.primary.span.end && d.primary.span.end <= bytes.len(),
                "{d:?}"
            );
            assert!(!d.message.is_empty() && !d.message.ends_with('.'), "{d:?}");
            let key = (d.start.line, d.start.column, d.code.as_str());
            assert!(
                key >= last,
                "diagnostics out of order: {last:?} then {key:?}"
            );
            last = key;
        }
    }
}

/// The reference plan with a few random edits: deleted, duplicated or replaced lines and bytes.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec(
        (
            0usize..4,
            any::<usize>(),
            any::<usize>(),
            "[\\[\\]{}=\"'#.,a-z0-9 \n-]{0,12}",
        ),
        1..8,
    );
    edits.prop_map(|edits| {
        let mut lines: Vec<String> = REFERENCE.lines().map(str::to_string).collect();
        for (kind, a, b, junk) in edits {
            if lines.is_empty() {
                lines.push(junk.clone());
            }
            let i = a % lines.len();
            match kind {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let copy = lines[i].clone();
                    lines.insert(b % (lines.len() + 1), copy);
                }
                2 => {
                    let line = &mut lines[i];
                    let cut = line
                        .char_indices()
                        .map(|(c, _)| c)
                        .nth(b % (line.chars().count() + 1))
                        .unwrap_or(line.len());
                    line.insert_str(cut, &junk);
                }
                _ => lines[i] = junk.clone(),
            }
        }
        lines.join("\n").into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::proptest_cases(48), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let outcome = run(bytes.clone(), 1);
        check_well_formed(&bytes, &outcome);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,600}") {
        let outcome = run(text.clone().into_bytes(), 1);
        check_well_formed(text.as_bytes(), &outcome);
    }

    #[test]
    fn mutated_plans_never_panic_and_do_not_depend_on_jobs(bytes in mutated()) {
        let one = run(bytes.clone(), 1);
        check_well_formed(&bytes, &one);
        let two = run(bytes, 2);
        let render = |o: &Outcome| format!("{:?}", o.files.iter().map(|f| &f.diagnostics).collect::<Vec<_>>());
        prop_assert_eq!(render(&one), render(&two));
    }
}
