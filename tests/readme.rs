//! The README's first screen tells the truth: its first command is the one `.ci/run` runs, it
//! exits 0, and the output excerpt it shows is what that command prints.

mod common;
use common::{repo, smplan_with_config, stdout};

const FIRST_COMMAND: &str = "cargo run -- lint --exit-zero fixtures/examples demo";

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// The first fenced block of `lang` after `heading`.
fn block<'a>(text: &'a str, heading: &str, lang: &str) -> &'a str {
    let from = text.find(heading).expect("heading exists");
    let open = format!("```{lang}\n");
    let start = from + text[from..].find(&open).expect("block exists") + open.len();
    let len = text[start..].find("\n```").expect("block is closed");
    &text[start..start + len + 1]
}

/// The summary line's time varies from run to run.
fn without_time(s: &str) -> String {
    let re = regex::Regex::new(r"infos in \d+\.\d+s").unwrap();
    re.replace_all(s, "infos in <time>").into_owned()
}

#[test]
fn the_first_command_is_the_one_ci_runs() {
    let text = readme();
    let setup = block(&text, "## Quick start", "sh");
    let first = setup.lines().next().unwrap();
    let command = first.split('#').next().unwrap().trim();
    assert_eq!(command, FIRST_COMMAND);
    assert!(setup.lines().nth(1).unwrap().starts_with("cargo test "));
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == FIRST_COMMAND),
        ".ci/run does not run `{FIRST_COMMAND}`"
    );
}

#[test]
fn the_first_command_shows_diagnostics_and_exits_0() {
    let args: Vec<&str> = FIRST_COMMAND
        .strip_prefix("cargo run -- ")
        .unwrap()
        .split(' ')
        .collect();
    let out = smplan_with_config(&repo()).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed = without_time(&stdout(&out));
    let text = readme();
    let excerpt = without_time(block(&text, "## Quick start", "text"));
    assert!(
        printed.ends_with(&excerpt),
        "the README's excerpt is not what the command prints:\n{printed}"
    );
    assert!(printed.contains("Checked 2 files: 2 errors, 8 warnings, 0 infos"));
    assert!(text.contains("prints ten diagnostics"));
    // Every diagnostic is the draft's: the reference plan lints clean.
    assert!(!printed.contains("customer-care-2027"), "{printed}");
}

#[test]
fn the_shipped_reference_plan_is_the_reference_plan() {
    // One copy only: two identical plans in one project are SC003's duplicate scope.
    let demo =
        std::fs::read_to_string(repo().join("fixtures/examples/customer-care-2027.plan.toml"))
            .unwrap();
    match std::fs::read_to_string(repo().join("../shared/examples/customer-care-2027.plan.toml")) {
        Ok(shared) => assert_eq!(demo, shared, "the shared reference plan changed"),
        Err(_) => {
            eprintln!("SKIPPED: ../shared is absent (it exists only beside the project's checkout)")
        }
    }
}
