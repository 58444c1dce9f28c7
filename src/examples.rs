//! Running examples: a pack rule's `[[rule.example]]` entries (`smplan test-pack`) and, through
//! the same two calls, the Fails/Passes examples of every rule's docs (`doc_examples`).

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::lint::{FileResult, Input, Options, lint};
use crate::packs::PackRule;

/// An example whose diagnostics were not what it declares: one entry per failing example,
/// with every way it failed.
#[derive(Debug)]
pub struct ExampleFailure {
    pub code: crate::diagnostic::Code,
    pub line: usize,
    pub problems: Vec<String>,
}

/// Every diagnostic `plan` gets under `settings`, linted as standard input named `name`.
pub fn run_example(name: String, plan: &str, settings: &Settings) -> Vec<Diagnostic> {
    run_examples(
        vec![(name, plan.to_string())],
        settings,
        &Options::default(),
    )
    .into_iter()
    .flat_map(|f| f.diagnostics)
    .collect()
}

/// Plans `(name, text)` linted together as standard inputs under `settings` and `opts` (an
/// example of a cross-file rule is several plans; one of a history rule has a base revision).
pub fn run_examples(
    plans: Vec<(String, String)>,
    settings: &Settings,
    opts: &Options,
) -> Vec<FileResult> {
    let inputs = plans
        .into_iter()
        .map(|(name, text)| Input::Stdin {
            name,
            bytes: text.into_bytes(),
        })
        .collect();
    lint(inputs, settings, opts).files
}

/// The codes of `diagnostics`, in order.
pub fn codes(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.code.to_string()).collect()
}

/// How `got` differs from what an example declares: each code of `expect` must be in it and no
/// code of `expect_not`. Empty when the example holds.
pub fn example_problems<S: AsRef<str>>(
    got: &[String],
    expect: &[S],
    expect_not: &[S],
) -> Vec<String> {
    let mut problems = Vec::new();
    for want in expect.iter().map(AsRef::as_ref) {
        if !got.iter().any(|g| g == want) {
            problems.push(format!("expected `{want}`, got [{}]", got.join(", ")));
        }
    }
    for unwanted in expect_not.iter().map(AsRef::as_ref) {
        if got.iter().any(|g| g == unwanted) {
            problems.push(format!(
                "expected no `{unwanted}`, got [{}]",
                got.join(", ")
            ));
        }
    }
    problems
}

/// Runs every example of `rules` under `settings` (whose catalog must include them).
/// Returns how many examples ran and the examples that failed.
pub fn test_pack<'a>(
    rules: impl IntoIterator<Item = &'a PackRule>,
    settings: &Settings,
) -> (usize, Vec<ExampleFailure>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for rule in rules {
        for ex in &rule.examples {
            ran += 1;
            let name = format!("example.plan.toml:{}", ex.line);
            let got = codes(&run_example(name, &ex.plan, settings));
            let problems = example_problems(&got, &ex.expect, &ex.expect_not);
            if !problems.is_empty() {
                failures.push(ExampleFailure {
                    code: rule.meta.code.clone(),
                    line: ex.line,
                    problems,
                });
            }
        }
    }
    (ran, failures)
}
