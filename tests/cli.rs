//! The command line as users run it: exit codes, inputs, config, output formats.

mod common;
use common::{fixture, outcome, project, repo, smplan, smplan_with_config, stderr, stdout, write};

use std::path::Path;

#[test]
fn clean_plans_exit_0() {
    let out = smplan(&repo())
        .args(["lint", "fixtures/examples"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("Checked "), "{}", stdout(&out));
}

#[test]
fn errors_exit_1_and_warnings_only_with_deny_warnings() {
    let dir = project(&[
        (
            "bad.plan.toml",
            &fixture("rules/structure/pl004_unknown_keys.plan.toml"),
        ),
        (
            "warn.plan.toml",
            &fixture("rules/mission/ms002_number.plan.toml"),
        ),
    ]);
    let run = |args: &[&str]| smplan(dir.path()).args(args).output().unwrap();
    let out = run(&["lint", "bad.plan.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["lint", "warn.plan.toml"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["lint", "--deny-warnings", "warn.plan.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["lint", "--exit-zero", "bad.plan.toml"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn usage_problems_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| smplan(dir.path()).args(args).output().unwrap();
    let out = run(&["lint", "nope/missing.plan.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    let out = run(&["lint", "--select", "KP999"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["lint", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["explain", "PL04"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("PL004"),
        "suggests the closest code: {}",
        stderr(&out)
    );
}

#[test]
fn stdin_is_linted_under_its_given_name() {
    // In a folder of its own: from the repository root, SC003 would compare the plan with every
    // fixture of the project.
    let alone = tempfile::tempdir().unwrap();
    let out = smplan(alone.path())
        .args([
            "lint",
            "--format",
            "concise",
            "--stdin-filename",
            "care.plan.toml",
            "-",
        ])
        .write_stdin(fixture("rules/structure/pl004_unknown_keys.plan.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("care.plan.toml:30:3: error[PL004] unknown key `dedline`"),
        "{}",
        stdout(&out)
    );
    let out = smplan(&repo())
        .args(["lint", "--format", "concise", "-"])
        .write_stdin(vec![0xff, 0xfe, 0])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("<stdin>:1:1: error[PL002]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_folder_with_broken_files_still_lints_the_others() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-broken.plan.toml", "smplan = 1\n[plan\n");
    write(dir.path(), "b-binary.plan.toml", [0u8, 159, 146, 150, 0, 1]);
    write(dir.path(), "c-empty.plan.toml", "");
    write(
        dir.path(),
        "d-good.plan.toml",
        fixture("examples/customer-care-2027.plan.toml"),
    );
    write(
        dir.path(),
        "e-warn.plan.toml",
        fixture("rules/mission/ms002_number.plan.toml"),
    );
    write(dir.path(), "notes.toml", "not a plan");
    let out = smplan(dir.path())
        .args(["lint", "--format", "concise", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let codes: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(
        codes,
        [
            "error[PL001]",
            "error[PL002]",
            "error[PL008]",
            "warning[MS002]",
            "5"
        ],
        "{text}"
    );
    assert!(
        text.contains("Checked 5 files: 3 errors, 1 warning, 0 infos"),
        "{text}"
    );
}

#[test]
fn the_global_git_excludes_file_is_honoured_as_git_finds_it() {
    let (project, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let broken = "smplan = 1\n[plan\n";
    write(project.path(), "keep.plan.toml", broken);
    write(project.path(), "secret.plan.toml", broken);
    let linted = || {
        let out = smplan(project.path())
            .args(["lint", "--format", "concise", "-q"])
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("xdg"))
            .env_remove("GIT_CONFIG_GLOBAL")
            .env("GIT_CONFIG_SYSTEM", home.path().join("no-system-config"))
            .output()
            .unwrap();
        let text = stdout(&out);
        let mut files: Vec<String> = text
            .lines()
            .filter_map(|l| l.split(':').next().map(str::to_string))
            .collect();
        files.dedup();
        files
    };
    assert_eq!(linted(), ["keep.plan.toml", "secret.plan.toml"]);
    // git's default file when no config names one.
    std::fs::create_dir_all(home.path().join("xdg/git")).unwrap();
    write(home.path(), "xdg/git/ignore", "secret.plan.toml\n");
    assert_eq!(linted(), ["keep.plan.toml"]);
    // `core.excludesFile` in ~/.gitconfig takes over, `~` expanded.
    write(
        home.path(),
        ".gitconfig",
        "[core]\n\texcludesFile = ~/global-ignore\n",
    );
    assert_eq!(linted(), ["keep.plan.toml", "secret.plan.toml"]);
    write(home.path(), "global-ignore", "keep.plan.toml\n");
    assert_eq!(linted(), ["secret.plan.toml"]);
}

#[test]
fn a_run_in_a_subfolder_reads_plans_by_paths_relative_to_it() {
    // The command line reads plans by their relative paths (its working directory is the
    // process's own); the config above the folder still decides what is walked.
    let broken = "smplan = 1\n[plan\n";
    let dir = project(&[
        ("smplan.toml", "exclude = [\"plans/archive/**\"]\n"),
        ("plans/live/new.plan.toml", broken),
        ("plans/archive/old.plan.toml", broken),
    ]);
    let live = dir.path().join("plans/live");
    let run = |args: &[&str]| stdout(&smplan_with_config(&live).args(args).output().unwrap());
    let pl001 = |path: &str| {
        format!("{path}:2:6: error[PL001] invalid TOML: unclosed table, expected `]`\n")
    };
    let concise = ["lint", "--format", "concise", "-q"];
    assert_eq!(run(&concise), pl001("new.plan.toml"));
    assert_eq!(
        run(&[&concise[..], &[".."]].concat()),
        pl001("../live/new.plan.toml")
    );
    assert_eq!(
        run(&[&concise[..], &["new.plan.toml", "../archive/old.plan.toml"]].concat()),
        pl001("../archive/old.plan.toml") + &pl001("new.plan.toml")
    );
}

#[test]
fn gitignore_and_config_globs_decide_what_a_folder_walk_finds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for sub in ["plans/archive", "plans/live", "build"] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
    }
    let broken = "smplan = 1\n[plan\n";
    for f in [
        "plans/archive/old.plan.toml",
        "plans/live/new.plan.toml",
        "build/gen.plan.toml",
    ] {
        std::fs::write(d.join(f), broken).unwrap();
    }
    write(d, ".gitignore", "build/\n");
    write(d, "smplan.toml", "exclude = [\"plans/archive/**\"]\n");
    let out = smplan_with_config(d)
        .args(["lint", "--format", "concise", "-q"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "plans/live/new.plan.toml:2:6: error[PL001] invalid TOML: unclosed table, expected `]`\n"
    );
    // Named explicitly, an excluded file is linted, unless --force-exclude.
    let out = smplan_with_config(d)
        .args([
            "lint",
            "-q",
            "--format",
            "concise",
            "plans/archive/old.plan.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = smplan_with_config(d)
        .args([
            "lint",
            "-q",
            "--force-exclude",
            "plans/archive/old.plan.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("no plan files to lint"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_errors_point_into_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "smplan.toml", "[rules]\nKP999 = \"warning\"\n");
    let out = smplan_with_config(dir.path())
        .args(["lint"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("unknown rule `KP999`") && err.contains("smplan.toml:2:1"),
        "{err}"
    );
    write(dir.path(), "smplan.toml", "inclde = []\n");
    let out = smplan_with_config(dir.path())
        .args(["lint"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown field `inclde`"),
        "{}",
        stderr(&out)
    );
    write(dir.path(), "smplan.toml", "[rules]\nSC002 = \"loud\"\n");
    let out = smplan_with_config(dir.path())
        .args(["lint"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`loud` is not a severity"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn severity_precedence_config_then_overrides_then_cli() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("legacy")).unwrap();
    let plan = fixture("rules/mission/ms002_number.plan.toml");
    write(d, "a.plan.toml", &plan);
    let other_team = plan.replace("owner = \"Head of Care\"", "department = \"Legacy care\"");
    write(d, "legacy/b.plan.toml", other_team);
    write(
        d,
        "smplan.toml",
        "[rules]\nMS = \"error\"\n\n[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { mission-is-a-target = \"off\" }\n",
    );
    let run = |args: &[&str]| {
        let out = smplan_with_config(d)
            .args(["lint", "-q", "--format", "concise"])
            .args(args)
            .output()
            .unwrap();
        stdout(&out)
    };
    assert_eq!(
        run(&[]),
        "a.plan.toml:10:19: error[MS002] the mission contains a number: it reads as a target\n"
    );
    assert_eq!(
        run(&["--severity", "MS002=info"])
            .matches("info[MS002]")
            .count(),
        2
    );
    assert_eq!(run(&["--ignore", "MS"]), "");
    assert_eq!(run(&["--select", "PL"]), "");
}

#[test]
fn rules_and_explain() {
    let out = smplan(&repo())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &rows[0];
    assert_eq!(first["code"], "PL001");
    assert_eq!(first["name"], "invalid-toml");
    let out = smplan(&repo())
        .args(["explain", "unknown-key"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.starts_with("# PL004 unknown-key\n"), "{text}");
    assert!(
        text.contains("## Why the method wants it") && text.contains("dedline"),
        "{text}"
    );
}

#[test]
fn pretty_output_at_fixed_width_without_colour() {
    // The fixture alone in a project (the repository's fixtures share scopes: SC003).
    let alone = tempfile::tempdir().unwrap();
    let rel = "fixtures/rules/structure/pl007_duplicate_ids.plan.toml";
    std::fs::create_dir_all(alone.path().join("fixtures/rules/structure")).unwrap();
    std::fs::copy(repo().join(rel), alone.path().join(rel)).unwrap();
    let out = smplan(alone.path())
        .args([
            "lint",
            "-q",
            "fixtures/rules/structure/pl007_duplicate_ids.plan.toml",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn a_closed_stdout_pipe_is_not_a_crash() {
    for args in [
        &["rules"][..],
        &["explain", "PL001"],
        &["lint", "fixtures/realistic"],
        &["schema"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("smplan"))
            .current_dir(repo())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // like `| head -0`
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A folder with one plan, reached several ways, and an excluded folder with a symlink loop.
fn one_plan_many_ways() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("plans")).unwrap();
    std::fs::create_dir_all(d.join("vendor/deep")).unwrap();
    write(
        d,
        "plans/a.plan.toml",
        fixture("rules/mission/ms002_number.plan.toml"),
    );
    write(d, "smplan.toml", "exclude = [\"vendor/**\"]\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../plans", d.join("vendor/deep/loop")).unwrap();
        std::os::unix::fs::symlink("../..", d.join("vendor/deep/up")).unwrap();
        std::fs::create_dir_all(d.join("links")).unwrap();
        std::os::unix::fs::symlink("../plans/a.plan.toml", d.join("links/alias.plan.toml"))
            .unwrap();
    }
    dir
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = smplan_with_config(dir);
    cmd.args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text.to_string());
    }
    outcome(&cmd.output().unwrap())
}

#[test]
fn a_file_reached_twice_is_linted_once() {
    let dir = one_plan_many_ways();
    let d = dir.path();
    for args in [
        &["lint", "--format", "concise", "."][..],
        &[
            "lint",
            "--format",
            "concise",
            ".",
            "plans/a.plan.toml",
            "./plans/../plans/a.plan.toml",
        ],
    ] {
        let (code, out, err) = run_in(d, args, None);
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(out.matches("MS002").count(), 1, "{args:?}: {out}");
        assert!(
            !out.contains("SC003"),
            "a file is not a duplicate of itself: {out}"
        );
        assert!(out.contains("Checked 1 file"), "{out}");
        assert!(
            !err.contains("loop"),
            "excluded folders are not walked: {err}"
        );
    }
}

#[test]
fn standard_input_replaces_the_file_it_names() {
    let dir = one_plan_many_ways();
    let fixed = fixture("examples/customer-care-2027.plan.toml");
    let (code, out, _) = run_in(
        dir.path(),
        &[
            "lint",
            "--format",
            "concise",
            "-q",
            ".",
            "-",
            "--stdin-filename",
            "plans/a.plan.toml",
        ],
        Some(&fixed),
    );
    assert_eq!(
        (code, out.as_str()),
        (0, ""),
        "the unsaved text is linted instead of the file"
    );
    // `--stdin-filename` alone reads standard input; with other paths it needs `-`.
    let (code, out, _) = run_in(
        dir.path(),
        &[
            "lint",
            "--format",
            "concise",
            "-q",
            "--stdin-filename",
            "x.plan.toml",
        ],
        Some("smplan = 1\n[plan\n"),
    );
    assert_eq!(code, 1);
    assert!(out.starts_with("x.plan.toml:2:6: error[PL001]"), "{out}");
    let (code, _, err) = run_in(
        dir.path(),
        &["lint", "plans", "--stdin-filename", "x.plan.toml"],
        Some(""),
    );
    assert_eq!(code, 2, "{err}");
    // An excluded name under --force-exclude is skipped, as in ruff.
    let (code, out, _) = run_in(
        dir.path(),
        &[
            "lint",
            "--format",
            "concise",
            "-q",
            "--force-exclude",
            "--stdin-filename",
            "vendor/x.plan.toml",
            "-",
        ],
        Some("smplan = 1\n[plan\n"),
    );
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn nothing_to_lint_still_writes_machine_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["--no-config", "lint", "--format", "json"],
        None,
    );
    assert_eq!(code, 0);
    assert!(err.contains("no plan files to lint"), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("an empty JSON document");
    assert_eq!(doc["summary"]["files"], 0);
    write(dir.path(), "x.sarif", "STALE");
    let (code, _, _) = run_in(
        dir.path(),
        &[
            "--no-config",
            "lint",
            "--format",
            "sarif",
            "--output",
            "x.sarif",
        ],
        None,
    );
    assert_eq!(code, 0);
    let sarif = std::fs::read_to_string(dir.path().join("x.sarif")).unwrap();
    assert!(sarif.contains("\"version\": \"2.1.0\""), "{sarif}");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_plan_does_not_block_a_folder_walk() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.plan.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    let out = smplan_with_config(dir.path())
        .args(["--no-config", "lint", "--format", "concise", "-q"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    // Reported (safety.md: a FIFO met while walking is PL002), never waited on.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "pipe.plan.toml:1:1: error[PL002] cannot read the file: it is a FIFO, not a regular file\n"
    );
}

#[test]
fn the_allocator_reads_nothing_from_the_environment() {
    // `.cargo/config.toml` builds mimalloc with `MI_NO_GETENV` (and its other options): were
    // those flags lost (a `CFLAGS` already set in the environment wins over the file's), these
    // variables would print mimalloc's statistics into the error output.
    let out = smplan(&repo())
        .args(["lint", "fixtures/examples"])
        .env("MIMALLOC_VERBOSE", "1")
        .env("MIMALLOC_SHOW_STATS", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        !stderr(&out).contains("mimalloc"),
        "mimalloc read MIMALLOC_* variables: was smplan built without .cargo/config.toml's CFLAGS \
         (is CFLAGS set in the environment)?\n{}",
        stderr(&out)
    );
}
