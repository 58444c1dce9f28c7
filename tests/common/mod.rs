//! Helpers shared by the test files (each `tests/*.rs` is its own crate and uses a subset): the
//! binary, throwaway projects, and linting text in process. They hide plumbing only; what a test
//! asserts stays in the test.
#![allow(dead_code)]

mod in_process;
mod project;

// Each test file uses a subset.
#[allow(unused_imports)]
pub use in_process::{brief, lint_text, load_pack, one_rule_pack, settings_with_pack};
#[allow(unused_imports)]
pub use project::{project, write, write_files};

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A guard against hangs (a FIFO opened for reading blocks): no assertion is about time.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// The reference plan's path under `fixtures/`.
pub const REFERENCE: &str = "examples/customer-care-2027.plan.toml";

/// `smplan` in `dir` without colour, reading the config it finds there as a user's run does.
pub fn smplan_with_config(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("smplan").expect("binary builds");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .timeout(HANG_GUARD);
    cmd
}

/// `smplan --no-config` in `dir`, without colour.
pub fn smplan(dir: &Path) -> Command {
    let mut cmd = smplan_with_config(dir);
    cmd.arg("--no-config");
    cmd
}

/// Runs `smplan ARGS` in `dir`, reading its config: the exit code (-1 if killed), standard
/// output and standard error.
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(&smplan_with_config(dir).args(args).output().expect("runs"))
}

/// The exit code (-1 if killed), standard output and standard error of a finished run.
pub fn outcome(out: &std::process::Output) -> (i32, String, String) {
    (out.status.code().unwrap_or(-1), stdout(out), stderr(out))
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `fixtures/`.
pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(repo().join("fixtures").join(rel)).expect("fixture exists")
}

/// The reference plan (`fixtures/examples/customer-care-2027.plan.toml`).
pub fn reference() -> String {
    fixture(REFERENCE)
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// miette's report with wrapped lines joined again.
pub fn flat(report: &str) -> String {
    report
        .lines()
        .map(|l| l.trim().trim_start_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ")
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

/// `smplan` run as an unprivileged user (root is exempt from the limit) under a process limit
/// of `nproc` tasks, or none, and ended by `timeout` after `seconds` (a walk that waits for a
/// thread never started would hang: exit 124). Add the arguments and the folder.
#[cfg(target_os = "linux")]
pub fn smplan_with_thread_limit(nproc: Option<&str>, seconds: u32) -> std::process::Command {
    let mut command = std::process::Command::new("timeout");
    command.arg(seconds.to_string()).arg("prlimit");
    if let Some(n) = nproc {
        command.arg(format!("--nproc={n}"));
    }
    // The limit is set (lowered) before the user is switched.
    command
        .args([
            "--",
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ])
        .arg(env!("CARGO_BIN_EXE_smplan"));
    command
}
