//! `smplan.toml` as users write it: limits that cannot hold, conflicting rule entries, word lists
//! merged list by list, globs read the way `.gitignore`/ESLint users read them, and empty
//! `--select` items.

mod common;
use common::{fixture, flat, repo, run, write};

use std::path::Path;

fn clean_plan() -> String {
    fixture("rules/structure/clean.plan.toml")
}

/// Runs `smplan lint -q --format concise ARGS` in `dir` (which holds the config).
fn lint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(
        dir,
        &[&["lint", "-q", "--format", "concise"][..], args].concat(),
    )
}

/// A folder with the clean plan as `a.plan.toml` and `config` as `smplan.toml`.
fn project(config: &str) -> tempfile::TempDir {
    common::project(&[("a.plan.toml", &clean_plan()), ("smplan.toml", config)])
}

/// The config is rejected (exit 2) with `message`, labelled at `line:col` of smplan.toml.
fn rejected(config: &str, message: &str, at: &str) {
    let dir = project(config);
    let (code, out, err) = lint(dir.path(), &[]);
    let err = flat(&err);
    assert_eq!(code, 2, "{config}\nstdout: {out}\nstderr: {err}");
    assert!(
        err.contains(message),
        "{config}\nwant `{message}` in:\n{err}"
    );
    assert!(
        err.contains(&format!("smplan.toml:{at}]")),
        "{config}\nwant smplan.toml:{at} in:\n{err}"
    );
}

fn accepted(config: &str) -> String {
    let dir = project(config);
    let (code, out, err) = lint(dir.path(), &[]);
    assert_ne!(code, 2, "{config}\nstderr: {err}");
    out
}

#[test]
fn limits_that_no_plan_can_meet_are_rejected() {
    rejected(
        "[limits]\nkpis_per_goal = { min = 3 }\n",
        "`kpis_per_goal.min` = 3 is more than `kpis_per_goal.max` = 2 (the default)",
        "2:25",
    );
    rejected(
        "[limits]\nmetrics_per_tactic = { min = 6 }\n",
        "`metrics_per_tactic.min` = 6 is more than `metrics_per_tactic.max` = 5 (the default)",
        "2:30",
    );
    rejected(
        "[limits]\nkpis_per_goal = { max = 0 }\n",
        "`kpis_per_goal.max` = 0 is less than `kpis_per_goal.min` = 1 (the default)",
        "2:25",
    );
    rejected(
        "[limits]\nkpis_per_goal = { min = 3, max = 1 }\n",
        "`kpis_per_goal.min` = 3 is more than `kpis_per_goal.max` = 1",
        "2:25",
    );
    // An override merged over `[limits]`.
    rejected(
        "[limits]\nkpis_per_goal = { min = 2, max = 3 }\n\n[[overrides]]\nfiles = [\"legacy/**\"]\nlimits = { kpis_per_goal = { max = 1 } }\n",
        "`kpis_per_goal.max` = 1 is less than `kpis_per_goal.min` = 2 (from `[limits]`)",
        "6:36",
    );
    // An override alone over the defaults.
    rejected(
        "[[overrides]]\nfiles = [\"legacy/**\"]\nlimits = { metrics_per_tactic = { min = 6 } }\n",
        "`metrics_per_tactic.min` = 6 is more than `metrics_per_tactic.max` = 5 (the default)",
        "3:41",
    );
    // Two overrides that only conflict together: reported at the later one.
    rejected(
        "[[overrides]]\nfiles = [\"legacy/**\"]\nlimits = { kpis_per_goal = { max = 1 } }\n\n[[overrides]]\nfiles = [\"legacy/old/**\"]\nlimits = { kpis_per_goal = { min = 2 } }\n",
        "`kpis_per_goal.min` = 2 is more than `kpis_per_goal.max` = 1 (from the `[[overrides]]` entry at line 1, for a file both entries match)",
        "7:36",
    );
    // Consistent bounds pass, and an entry that gives both bounds never mixes with another's.
    accepted("[limits]\nkpis_per_goal = { min = 3, max = 3 }\n");
    accepted(
        "[[overrides]]\nfiles = [\"legacy/**\"]\nlimits = { kpis_per_goal = { max = 1 } }\n\n[[overrides]]\nfiles = [\"legacy/old/**\"]\nlimits = { kpis_per_goal = { min = 2, max = 2 } }\n",
    );
}

#[test]
fn two_exact_rule_entries_with_different_levels_are_rejected() {
    rejected(
        "[rules]\nSM003 = \"off\"\nmissing-baseline = \"error\"\n",
        "`missing-baseline` and `SM003` both set rule SM003",
        "3:1",
    );
    // Not settled by key order either way round.
    rejected(
        "[rules]\nmissing-baseline = \"error\"\nSM003 = \"off\"\n",
        "`SM003` and `missing-baseline` both set rule SM003",
        "3:1",
    );
    rejected(
        "[[overrides]]\nfiles = [\"**\"]\nrules = { SM003 = \"off\", missing-baseline = \"error\" }\n",
        "`missing-baseline` and `SM003` both set rule SM003",
        "3:26",
    );
    // The same level twice is harmless; a code or name still beats a prefix, in either order.
    let no_baseline = clean_plan().replace("  baseline = 800\n", "");
    for config in [
        "[rules]\nSM003 = \"error\"\nmissing-baseline = \"error\"\nSM = \"off\"\n",
        "[rules]\nSM = \"off\"\nmissing-baseline = \"error\"\n",
    ] {
        let dir = project(config);
        write(dir.path(), "a.plan.toml", &no_baseline);
        let (code, out, err) = lint(dir.path(), &[]);
        assert_eq!(code, 1, "{config}\n{err}");
        assert!(out.contains("error[SM003]"), "{config}\n{out}");
        assert_eq!(out.lines().count(), 1, "{config}\n{out}");
    }
}

#[test]
fn later_overrides_replace_only_the_word_lists_they_give() {
    // The clean plan's KPI is "Contacts resolved on social instead of by phone".
    let out = accepted(
        "[[overrides]]\nfiles = [\"**\"]\nwords = { vague_words = [\"social\"] }\n\n[[overrides]]\nfiles = [\"**\"]\nwords = { vanity_words = [\"foo\"] }\n",
    );
    assert_eq!(
        out,
        "a.plan.toml:22:32: warning[SM001] the name of KPI `phone-deflection` uses a vague term: `social`\n"
    );
    // Over `[words]` too: the base list stays unless an entry replaces it.
    let out = accepted(
        "[words]\nvague_words = [\"phone\"]\n\n[[overrides]]\nfiles = [\"**\"]\nwords = { vanity_words = [\"contacts\"] }\n",
    );
    assert!(
        out.contains("warning[SM001]") && out.contains("`phone`") && out.contains("KP004"),
        "{out}"
    );
}

#[test]
fn blank_word_list_entries_are_rejected_where_they_are() {
    rejected(
        "[words]\nvague_words = [\"\", \"  \"]\n",
        "`vague_words` has a blank entry",
        "2:16",
    );
    rejected(
        "[[overrides]]\nfiles = [\"**\"]\nwords = { tactic_words = [\"ads\", \" \"] }\n",
        "`tactic_words` has a blank entry",
        "3:34",
    );
    // An empty list is fine: it matches nothing.
    accepted("[words]\nvague_words = []\n");
}

/// A tree of broken plans (each gives PL001), so the output lists the files that were linted.
fn tree(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["plans/sub", "plans/archive", "legacy"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for f in [
        "x.plan.toml",
        "plans/a.plan.toml",
        "plans/sub/b.plan.toml",
        "plans/archive/c.plan.toml",
    ] {
        std::fs::write(dir.path().join(f), "smplan = 1\n[plan\n").unwrap();
    }
    write(dir.path(), "smplan.toml", config);
    dir
}

fn linted(config: &str) -> Vec<String> {
    let dir = tree(config);
    let (code, out, err) = lint(dir.path(), &[]);
    assert_ne!(code, 2, "{config}\n{err}");
    out.lines()
        .filter_map(|l| l.split(':').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn globs_match_like_gitignore() {
    assert_eq!(
        linted(""),
        [
            "plans/a.plan.toml",
            "plans/archive/c.plan.toml",
            "plans/sub/b.plan.toml",
            "x.plan.toml"
        ],
        "the default include matches at the root and nested"
    );
    assert_eq!(
        linted("exclude = [\"plans/*.plan.toml\"]\n"),
        [
            "plans/archive/c.plan.toml",
            "plans/sub/b.plan.toml",
            "x.plan.toml"
        ],
        "`*` does not cross `/`"
    );
    assert_eq!(linted("include = [\"*.plan.toml\"]\n"), ["x.plan.toml"]);
    assert_eq!(
        linted("include = [\"./plans/**/*.plan.toml\"]\n"),
        [
            "plans/a.plan.toml",
            "plans/archive/c.plan.toml",
            "plans/sub/b.plan.toml"
        ],
        "a leading `./` is the config's folder"
    );
    let no_archive = ["plans/a.plan.toml", "plans/sub/b.plan.toml", "x.plan.toml"];
    assert_eq!(linted("exclude = [\"./plans/archive/**\"]\n"), no_archive);
    assert_eq!(linted("exclude = [\"plans/archive\"]\n"), no_archive);
    assert_eq!(linted("exclude = [\"plans/archive/\"]\n"), no_archive);
}

#[test]
fn an_override_naming_a_folder_applies_below_it() {
    let ms002 =
        std::fs::read_to_string(repo().join("fixtures/rules/mission/ms002_number.plan.toml"))
            .unwrap();
    for files in ["legacy", "./legacy", "legacy/", "legacy/**"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("legacy/old")).unwrap();
        write(dir.path(), "legacy/old/b.plan.toml", &ms002);
        write(
            dir.path(),
            "smplan.toml",
            format!("[[overrides]]\nfiles = [\"{files}\"]\nrules = {{ MS002 = \"info\" }}\n"),
        );
        let (_, out, err) = lint(dir.path(), &[]);
        assert!(
            out.contains("info[MS002]"),
            "files = [{files:?}]\n{out}{err}"
        );
    }
    // `*` stops at `/` in overrides too.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("legacy/old")).unwrap();
    write(dir.path(), "legacy/old/b.plan.toml", &ms002);
    write(
        dir.path(),
        "smplan.toml",
        "[[overrides]]\nfiles = [\"legacy/*.plan.toml\"]\nrules = { MS002 = \"info\" }\n",
    );
    let (_, out, _) = lint(dir.path(), &[]);
    assert!(out.contains("warning[MS002]"), "{out}");
}

#[test]
fn empty_items_on_the_command_line_are_ignored() {
    let dir = project("");
    write(
        dir.path(),
        "a.plan.toml",
        clean_plan().replace("  baseline = 800\n", ""),
    );
    let (code, out, err) = lint(dir.path(), &["--select", "SM,"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("warning[SM003]"), "{out}");
    let (code, out, err) = lint(dir.path(), &["--select", "PL,,", "--ignore", ","]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    // Nothing but empty items restricts nothing.
    let (code, out, err) = lint(dir.path(), &["--select", "", "--ignore", ""]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("warning[SM003]"), "{out}");
    let (code, _, err) = lint(dir.path(), &["--severity", "=info"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`--severity` names no rule before `=`"),
        "{err}"
    );
}
