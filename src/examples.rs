//! `smplan test-pack`: running each pack rule's `[[rule.example]]` entries through `lint`.

use crate::config::Settings;
use crate::lint::{Input, Options, lint};
use crate::packs::PackRule;

/// An example whose diagnostics were not what it declares: one entry per failing example,
/// with every way it failed.
#[derive(Debug)]
pub struct ExampleFailure {
    pub code: crate::diagnostic::Code,
    pub line: usize,
    pub problems: Vec<String>,
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
            let input = Input::Stdin {
                name: format!("example.plan.toml:{}", ex.line),
                bytes: ex.plan.clone().into_bytes(),
            };
            let outcome = lint(vec![input], settings, &Options::default());
            let got: Vec<&str> = outcome
                .files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .map(|d| d.code.as_str())
                .collect();
            let mut problems = Vec::new();
            for want in &ex.expect {
                if !got.contains(&want.as_str()) {
                    problems.push(format!("expected `{want}`, got [{}]", got.join(", ")));
                }
            }
            for unwanted in &ex.expect_not {
                if got.contains(&unwanted.as_str()) {
                    problems.push(format!(
                        "expected no `{unwanted}`, got [{}]",
                        got.join(", ")
                    ));
                }
            }
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
