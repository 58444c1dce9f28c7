//! Hostile inputs: each gives a clear diagnostic (or exit 2 for a usage problem), never a panic
//! or a hang, and the other files of the run are still linted.

mod common;
use common::{repo, run, smplan_with_config};

use std::path::Path;

const REFERENCE: &str = include_str!("../fixtures/examples/customer-care-2027.plan.toml");

/// Lints `dir` and returns (exit code, concise stdout, stderr).
fn lint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let base = ["--no-config", "lint", "--format", "concise", "-q"];
    run(dir, &[&base[..], args].concat())
}

/// The concise lines of one file.
fn of<'a>(stdout: &'a str, file: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .filter(|l| l.starts_with(&format!("{file}:")))
        .collect()
}

#[test]
fn hostile_files_each_get_a_diagnostic_and_the_rest_is_linted() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let w = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    w(
        "deep-array.plan.toml",
        format!(
            "smplan = 1\nx = {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        )
        .as_bytes(),
    );
    w(
        "deep-inline.plan.toml",
        format!(
            "smplan = 1\nx = {}1{}\n",
            "{a = ".repeat(5_000),
            "}".repeat(5_000)
        )
        .as_bytes(),
    );
    w(
        "nested-32.plan.toml",
        format!(
            "smplan = 1\n[x]\ny = {}{}\n",
            "[".repeat(32),
            "]".repeat(32)
        )
        .as_bytes(),
    );
    w("empty.plan.toml", b"");
    let junk: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    w("random.plan.toml", &junk);
    w("nul.plan.toml", b"smplan = 1\n\0\0[plan]\n");
    w(
        "bom.plan.toml",
        format!(
            "\u{feff}{}",
            REFERENCE.replace("mission = \"Make", "mission = \"2 Make")
        )
        .as_bytes(),
    );
    w(
        "crlf.plan.toml",
        REFERENCE
            .replace("mission = \"Make", "mission = \"3 Make")
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    w(
        "long-line.plan.toml",
        format!("smplan = 1\n[x]\ns = \"{}\"\n", "a".repeat(3_000_000)).as_bytes(),
    );
    w("duplicate-key.plan.toml", b"smplan = 1\nsmplan = 1\n");
    w(
        "overflow.plan.toml",
        REFERENCE
            .replace("baseline = 800", "baseline = 99999999999999999999999999")
            .as_bytes(),
    );
    w(
        "nan.plan.toml",
        REFERENCE
            .replace("baseline = 78", "baseline = nan")
            .replace("target = 30", "target = -inf")
            .as_bytes(),
    );
    w(
        "ünïcödé-名前.plan.toml",
        REFERENCE
            .replace("Customer Care EMEA", "Kundendienst")
            .replace("mission = \"Make", "mission = \"4 Make")
            .as_bytes(),
    );
    let mut big = String::from(REFERENCE);
    for i in 0..20_000 {
        big.push_str(&format!("\n[[tactic]]\nid = \"t{i}\"\nname = \"T\"\ngoals = [\"deflect\"]\nmetrics = [\"a\", \"b\"]\n"));
    }
    w(
        "many-tactics.plan.toml",
        big.replace("Customer Care EMEA", "Many").as_bytes(),
    );
    w(
        "too-big.plan.toml",
        format!("smplan = 1\n# {}\n", "x".repeat(4 * 1024 * 1024 + 1)).as_bytes(),
    );
    std::fs::create_dir(d.join("empty-folder")).unwrap();
    std::fs::create_dir(d.join("loop")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", d.join("loop/up")).unwrap();
        std::os::unix::fs::symlink("nowhere.plan.toml", d.join("dangling.plan.toml")).unwrap();
    }

    let (code, out, err) = lint(d, &["--ignore", "SC003"]);
    assert_eq!(code, 1, "{out}\n{err}");
    let expect = |file: &str, wanted: &[&str]| {
        let lines = of(&out, file);
        let got: Vec<&str> = lines
            .iter()
            .filter_map(|l| l.split_whitespace().nth(1))
            .collect();
        assert_eq!(got, wanted, "{file}: {lines:#?}");
    };
    expect("deep-array.plan.toml", &["error[PL001]"]);
    expect("deep-inline.plan.toml", &["error[PL001]"]);
    expect(
        "nested-32.plan.toml",
        &["error[BG002]", "error[GL001]", "error[PL003]"],
    );
    expect("empty.plan.toml", &["error[PL008]"]);
    expect("random.plan.toml", &["error[PL002]"]);
    expect("nul.plan.toml", &["error[PL001]"]);
    expect("duplicate-key.plan.toml", &["error[PL001]"]);
    expect(
        "long-line.plan.toml",
        &["error[BG002]", "error[GL001]", "error[PL003]"],
    );
    // Beyond 64 bits is invalid TOML (safety.md), not a rounded float.
    expect("overflow.plan.toml", &["error[PL001]"]);
    expect("nan.plan.toml", &["error[PL006]", "error[SM002]"]);
    expect("many-tactics.plan.toml", &[]);
    expect("too-big.plan.toml", &["error[PL002]"]);
    // Walking does not follow symlinks (safety.md): the dangling link is not linted.
    assert!(of(&out, "dangling.plan.toml").is_empty(), "{out}");
    // BOM and CRLF: the mission is on line 12 and its digit at column 12 either way.
    assert_eq!(
        of(&out, "bom.plan.toml"),
        ["bom.plan.toml:12:12: warning[MS002] the mission contains a number: it reads as a target"]
    );
    assert_eq!(
        of(&out, "crlf.plan.toml"),
        [
            "crlf.plan.toml:12:12: warning[MS002] the mission contains a number: it reads as a target"
        ]
    );
    assert_eq!(of(&out, "ünïcödé-名前.plan.toml").len(), 1, "{out}");
    assert!(
        !err.contains("loop"),
        "a symlink loop is never entered: {err}"
    );
    // Named explicitly, a symlink is followed: the dangling one is PL002.
    #[cfg(unix)]
    {
        let (code, out, err) = lint(d, &["dangling.plan.toml"]);
        assert_eq!(code, 1, "{out}\n{err}");
        assert!(
            out.starts_with("dangling.plan.toml:1:1: error[PL002] cannot read the file"),
            "{out}"
        );
    }
}

#[test]
fn usage_problems_on_odd_inputs_exit_2_or_lint() {
    let tmp = tempfile::tempdir().unwrap();
    // An empty folder: nothing to lint is said on stderr, exit 0.
    let (code, out, err) = lint(tmp.path(), &["."]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(err.contains("no plan files to lint"), "{err}");
    // Non-UTF-8 standard input: PL002 on <stdin>.
    let out = smplan_with_config(&repo())
        .args(["--no-config", "lint", "--format", "concise", "-q", "-"])
        .write_stdin(vec![b's', 0xc3, 0x28, b'\n'])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("<stdin>:1:1: error[PL002]"));
}
