//! Helpers shared by the CLI test files (each `tests/*.rs` is its own crate and uses a subset).
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// `smplan --no-config` in `dir`, without colour.
pub fn smplan(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("smplan").expect("binary builds");
    cmd.current_dir(dir).env("NO_COLOR", "1").arg("--no-config");
    cmd
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `fixtures/`.
pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(repo().join("fixtures").join(rel)).expect("fixture exists")
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// How many cases each property test runs: a quick default so that `cargo test` stays under a
/// minute on two cores, or proptest's own `PROPTEST_CASES` for a long run
/// (`PROPTEST_CASES=2000 cargo test --test property`).
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(default)
}
