//! The realistic plan folder `fixtures/realistic/`: plans modelled on published social media
//! strategies (a council, a university, a charity) plus a multi-plan folder around them, linted
//! the way a new user would lint them. Their concise output is checked in as
//! `fixtures/realistic/expected-concise.txt`; after a deliberate change, regenerate it from the
//! repository root with
//! `smplan lint --no-config --format concise -q fixtures/realistic > fixtures/realistic/expected-concise.txt`
//! and read the diff line by line.

mod common;
use common::{repo, smplan_with_config};

#[test]
fn realistic_plans_give_exactly_the_checked_in_diagnostics() {
    let expected = std::fs::read_to_string(repo().join("fixtures/realistic/expected-concise.txt"))
        .expect("fixtures/realistic/expected-concise.txt exists");
    let out = smplan_with_config(&repo())
        .args([
            "lint",
            "--no-config",
            "--format",
            "concise",
            "-q",
            "fixtures/realistic",
        ])
        .output()
        .expect("smplan runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        expected,
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let has_errors = expected.lines().any(|l| l.contains(": error["));
    assert_eq!(
        out.status.code(),
        Some(if has_errors { 1 } else { 0 }),
        "exit code 1 exactly when an error-level diagnostic is reported"
    );
}
