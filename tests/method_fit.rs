//! Issue 14, the method fits real organisations: configured core goals, word lists per
//! language, one diagnostic per habit, the project-wide SC003 and MS003's limit.

mod common;
use common::{fixture, stderr, stdout};

use assert_cmd::Command;
use std::path::Path;

/// Runs `smplan ARGS` in `dir` (which may hold a config), without colour.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("smplan")
        .expect("binary builds")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs");
    (out.status.code().unwrap_or(-1), stdout(&out), stderr(&out))
}

/// A folder with `config` as `smplan.toml` and each `(name, text)` plan.
fn project(config: &str, plans: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("smplan.toml"), config).unwrap();
    for (name, text) in plans {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn clean() -> String {
    fixture("rules/structure/clean.plan.toml")
}

/// miette's report with wrapped lines joined again.
fn flat(report: &str) -> String {
    report
        .lines()
        .map(|l| l.trim().trim_start_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_mission_word_limit_of_zero_is_a_config_error() {
    let clean = clean();
    let dir = project(
        "[limits]\nmax_mission_words = 0\n",
        &[("a.plan.toml", &clean)],
    );
    let (code, _, err) = run(dir.path(), &["lint"]);
    assert_eq!(code, 2, "{err}");
    let err = flat(&err);
    assert!(
        err.contains("`max_mission_words` must be at least 1") && err.contains("smplan.toml:2:21]"),
        "{err}"
    );
}
