//! `smplan test-pack`: counts examples (not failure lines), rejects `expect` codes no rule has,
//! and points at `--builtin` for the packs compiled into smplan.

mod common;
use common::{flat, repo, smplan_with_config, stderr};

fn acme() -> String {
    std::fs::read_to_string(repo().join("fixtures/packs/acme/rules/acme.toml"))
        .expect("fixture pack exists")
}

/// Runs `smplan test-pack` on `pack` written to a temporary file.
fn test_pack(pack: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("acme.toml");
    std::fs::write(&path, pack).unwrap();
    let out = smplan_with_config(&repo())
        .arg("test-pack")
        .arg(&path)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        flat(&stderr(&out)),
    )
}

#[test]
fn an_example_that_fails_twice_counts_once() {
    let pack = acme().replace(
        "expect_not = [\"ACME001\"]",
        "expect = [\"ACME001\", \"ACME002\"]",
    );
    let (code, out, err) = test_pack(&pack);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        out.matches("FAIL ACME001 (example at line 36)").count(),
        2,
        "{out}"
    );
    assert!(
        out.ends_with("3 example(s) of 3 rule(s) in the pack: 2 passed, 1 failed\n"),
        "{out}"
    );
}

#[test]
fn expect_codes_must_name_a_rule() {
    let pack = acme().replace(
        "expect_not = [\"ACME001\"]",
        "expect_not = [\"ACME001\", \"ACME999\"]",
    );
    let (code, out, err) = test_pack(&pack);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("no rule has the code or name `ACME999`") && err.contains("acme.toml:37:26]"),
        "{err}"
    );
    let pack = acme().replacen("expect = [\"ACME001\"]", "expect = [\"KP999\"]", 1);
    let (code, _, err) = test_pack(&pack);
    assert_eq!(code, 2);
    assert!(
        err.contains("no rule has the code or name `KP999`"),
        "{err}"
    );
    // Codes of built-in rules and of this pack's later rules are known; a name means its code.
    let pack = acme()
        .replace(
            "expect_not = [\"ACME001\"]",
            "expect_not = [\"ACME001\", \"ACME003\", \"SM003\"]",
        )
        .replacen(
            "expect = [\"ACME001\"]",
            "expect = [\"kpi-without-source\"]",
            1,
        );
    let (code, out, err) = test_pack(&pack);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("3 passed, 0 failed"), "{out}");
}

#[test]
fn a_builtin_pack_named_as_a_file_points_at_builtin() {
    let out = smplan_with_config(&repo())
        .args(["test-pack", "rules/method.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("uses the built-in prefix `KP`"), "{err}");
    assert!(err.contains("smplan test-pack --builtin"), "{err}");
    // A user pack that borrows a built-in prefix is told to pick its own.
    let (code, _, err) = test_pack(&acme().replace("ACME002", "KP010"));
    assert_eq!(code, 2);
    assert!(
        err.contains("give your pack its own prefix") && !err.contains("--builtin"),
        "{err}"
    );
}
