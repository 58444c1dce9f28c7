//! Version-aware linting (`--base`, `--as-of`, `--changed-since`; rules HI001 and HI002) against
//! throwaway git repositories. The fixture harness cannot hold a git history, so the HI rules'
//! firing cases live here.

mod common;
use common::{reference, smplan_with_config, write_files as write};

use assert_cmd::Command;
use std::path::Path;

// `reference()` is the reference plan (horizon 2027-01-01 … 2027-12-31): goals `deflect` (KPI
// `phone-deflection`) and `delight` (KPIs `social-csat`, `first-response`), two tactics.

/// `reference()` with each `(from, to)` replaced exactly once.
fn edit(text: &str, changes: &[(&str, &str)]) -> String {
    let mut text = text.to_string();
    for (from, to) in changes {
        assert_eq!(text.matches(from).count(), 1, "`{from}` is not unique");
        text = text.replacen(from, to, 1);
    }
    text
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new repository with `files` committed (one commit, tagged `base`).
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    write(dir.path(), files);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    git(dir.path(), &["tag", "base"]);
    dir
}

fn commit(dir: &Path, files: &[(&str, &str)]) {
    write(dir, files);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "change"]);
}

fn smplan(dir: &Path) -> Command {
    let mut cmd = smplan_with_config(dir);
    cmd.env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .args(["--no-config", "--quiet"]);
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = smplan(dir).args(args).output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `lint --format concise --base base --as-of DATE [extra…]`: the diagnostics' lines.
fn lint_at(dir: &Path, as_of: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "lint", "--format", "concise", "--base", "base", "--as-of", as_of,
    ];
    args.extend_from_slice(extra);
    let r = run(dir, &args);
    assert!(matches!(r.code, Some(0 | 1)), "{}{}", r.stdout, r.stderr);
    r.stdout
}

/// The plan committed as `base`, then changed (uncommitted) by `changes`.
fn changed(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = repo(&[("care.plan.toml", &reference())]);
    write(
        dir.path(),
        &[("care.plan.toml", &edit(&reference(), changes))],
    );
    dir
}

const MID: &str = "2027-06-15";

#[test]
fn a_changed_target_mid_horizon_is_hi001_at_the_new_value() {
    let dir = changed(&[("target = 1500", "target = 1100")]);
    assert_eq!(
        lint_at(dir.path(), MID, &[]),
        "care.plan.toml:31:12: warning[HI001] KPI `phone-deflection` changed since `base`, \
         mid-horizon: `target` 1500 → 1100\n"
    );
    // Committed or not makes no difference: the base revision is what counts.
    git(dir.path(), &["commit", "-q", "-am", "lower the target"]);
    assert!(lint_at(dir.path(), MID, &[]).contains("[HI001]"));
    // The label and the help in the pretty output.
    let r = run(
        dir.path(),
        &["lint", "--base", "base", "--as-of", MID, "care.plan.toml"],
    );
    assert_eq!(r.code, Some(0), "a warning: {}", r.stdout);
    assert!(r.stdout.contains("was 1500 at `base`"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("change the tactics that serve it instead"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_horizon_of_the_base_version_is_a_closed_interval() {
    let dir = changed(&[("target = 1500", "target = 1100")]);
    for (as_of, fires) in [
        ("2026-12-31", false), // before the horizon starts
        ("2027-01-01", true),
        ("2027-12-31", true),
        ("2028-01-01", false), // after it ended
    ] {
        let out = lint_at(dir.path(), as_of, &[]);
        assert_eq!(out.contains("[HI001]"), fires, "as of {as_of}: {out}");
    }
    // The horizon at the base revision counts, not the new one.
    write(
        dir.path(),
        &[(
            "care.plan.toml",
            &edit(
                &reference(),
                &[
                    ("target = 1500", "target = 1100"),
                    ("end = 2027-12-31", "end = 2028-12-31"),
                ],
            ),
        )],
    );
    assert!(!lint_at(dir.path(), "2028-06-01", &[]).contains("[HI"));
}

#[test]
fn one_hi001_per_kpi_lists_every_changed_field() {
    let dir = changed(&[
        (
            "name = \"Median time to first response on social\"",
            "name = \"Median time to first reply\"",
        ),
        (
            "core_goal = \"increase-satisfaction\"\n  unit = \"minutes\"",
            "core_goal = \"reduce-costs\"\n  unit = \"minutes\"",
        ),
        ("unit = \"minutes\"", "unit = \"hours\""),
        ("target = 30", "target = 25"),
        ("deadline = 2027-06-30", "deadline = 2027-12-31\n  # moved"),
        // Not compared: baseline, direction, owner.
        ("baseline = 95", "baseline = 90"),
        ("owner = \"Care shift manager\"", "owner = \"Someone else\""),
    ]);
    let out = lint_at(dir.path(), MID, &[]);
    assert_eq!(
        out,
        "care.plan.toml:57:10: warning[HI001] KPI `first-response` changed since `base`, \
         mid-horizon: `name` `Median time to first response on social` → `Median time to first \
         reply`, `core_goal` `increase-satisfaction` → `reduce-costs`, `unit` `minutes` → \
         `hours`, `target` 30 → 25, `deadline` 2027-06-30 → 2027-12-31\n",
        "{out}"
    );
}

#[test]
fn a_value_another_rule_reports_is_not_compared() {
    // A target written as a string is SM002's error; HI001 waits until it is a number again.
    let dir = changed(&[("target = 1500", "target = \"1100\"")]);
    let out = lint_at(dir.path(), MID, &[]);
    assert!(out.contains("error[SM002]"), "{out}");
    assert!(!out.contains("[HI001]"), "{out}");
}

#[test]
fn reformatting_reordering_and_comments_are_not_changes() {
    // The same plan written differently: keys reordered, other string and number syntax,
    // comments, `supports` reordered, a KPI table moved within its goal, whitespace.
    let rewritten = r#"# Rewritten by hand; nothing of substance changed.
smplan = 1

[plan]
end = 2027-12-31   # same horizon
start = 2027-01-01
title = "Customer care social media plan 2027"
scope = "customer-service"
owner = "Head of Customer Care"
department = "Customer Care EMEA"
currency = "EUR"
mission = "Make every customer feel heard where they already are"

[business_goals]
A = "Cut the cost of handling a customer contact by 10%"
B = "Raise customer satisfaction with support to 90%"
C = "Keep first-contact resolution above 75%"

[[goal]]
supports = [ "C", "A" ]
id = "deflect"
statement = "Answer routine questions publicly so fewer customers need to call"
perspective = "internal-process"

[[goal.kpi]]
target = 1_500.0
id = 'phone-deflection'
name = """Contacts resolved on social instead of by phone"""
core_goal = "reduce-costs"
unit = 'contacts/month'
baseline = 800
direction = "increase"
deadline = 2027-12-31
owner = "Social care lead"
source = "Helpdesk tag 'social-resolved'"

[[goal]]
id = "delight"
statement = "Customers who reach us on social leave the conversation satisfied"
supports = ["B"]
perspective = "customer"

[[goal.kpi]]
id = "first-response"
name = "Median time to first response on social"
core_goal = "increase-satisfaction"
unit = "minutes"
baseline = 95
target = 30
direction = "decrease"
deadline = 2027-06-30
owner = "Care shift manager"

[[goal.kpi]]
id = "social-csat"
name = "Satisfaction score of social contacts after the conversation"
core_goal = "increase-satisfaction"
unit = "% satisfied"
baseline = 78
target = 88
direction = "increase"
deadline = 2027-09-30
owner = "Social care lead"
source = "Post-chat survey"

[[tactic]]
id = "care-rota"
name = "Staffed social care rota from 07:00 to 22:00"
goals = ["deflect", "delight"]
cost = 48000
metrics = ["Median first response time", "Conversations closed per shift", "Satisfaction survey response rate"]

[[tactic]]
id = "public-faq-replies"
name = "Public answers to FAQ-type questions on X and Facebook"
goals = ["deflect"]
cost = 12000
metrics = [
  "Questions answered publicly per week",
  "Share of repeat questions",
  { name = "Views of answered threads", source = "Platform analytics" },
]
candidates = [
  "Questions answered publicly per week",
  "Share of repeat questions",
  "Views of answered threads",
  "Replies per agent hour",
  "Saved replies used",
  "Threads escalated to phone",
  "Follower growth",
  "Likes on replies",
]
"#;
    let dir = repo(&[("care.plan.toml", &reference())]);
    write(dir.path(), &[("care.plan.toml", rewritten)]);
    let r = run(
        dir.path(),
        &[
            "lint", "--format", "concise", "--base", "base", "--as-of", MID,
        ],
    );
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "", "a clean plan, no HI diagnostic");
}

#[test]
fn tactic_and_metric_changes_are_never_reported() {
    let dir = changed(&[
        (
            "name = \"Staffed social care rota from 07:00 to 22:00\"",
            "name = \"Staffed social care rota from 06:00 to 23:00\"",
        ),
        (
            "goals = [\"delight\", \"deflect\"]",
            "goals = [\"delight\"]",
        ),
        ("cost = 12000", "cost = 20000"),
        (
            "  \"Share of repeat questions\",\n  {",
            "  \"Repeat questions per week\",\n  {",
        ),
    ]);
    let text = format!(
        "{}\n[[tactic]]\nid = \"weekend-cover\"\nname = \"Weekend cover\"\ngoals = [\"delight\"]\n\
         metrics = [\"Weekend response time\", \"Weekend backlog on Monday\"]\n",
        std::fs::read_to_string(dir.path().join("care.plan.toml")).unwrap()
    );
    write(dir.path(), &[("care.plan.toml", &text)]);
    assert_eq!(lint_at(dir.path(), MID, &[]), "");
}

#[test]
fn added_and_removed_kpis_are_hi001() {
    // `first-response` removed from `delight`, a KPI added to `deflect`.
    let without = {
        let text = reference();
        let start = text
            .find("  [[goal.kpi]]\n  id = \"first-response\"")
            .unwrap();
        let end = text.find("[[tactic]]").unwrap();
        format!("{}{}", &text[..start], &text[end..])
    };
    let with_new = edit(
        &without,
        &[(
            "  source = \"Helpdesk tag 'social-resolved'\"\n",
            "  source = \"Helpdesk tag 'social-resolved'\"\n\n  [[goal.kpi]]\n  \
             id = \"cost-per-contact\"\n  name = \"Cost per social contact\"\n  \
             core_goal = \"reduce-costs\"\n  unit = \"EUR\"\n  baseline = 6\n  target = 5\n  \
             direction = \"decrease\"\n  deadline = 2027-12-31\n  owner = \"Care controller\"\n",
        )],
    );
    let dir = repo(&[("care.plan.toml", &reference())]);
    write(dir.path(), &[("care.plan.toml", &with_new)]);
    let out = lint_at(dir.path(), MID, &["--select", "HI"]);
    assert_eq!(
        out,
        "care.plan.toml:37:3: warning[HI001] KPI `cost-per-contact` was added to goal `deflect` \
         since `base`, mid-horizon\n\
         care.plan.toml:48:1: warning[HI001] KPI `first-response` was removed from goal \
         `delight` since `base`, mid-horizon\n",
        "{out}"
    );
}

#[test]
fn added_removed_and_relinked_goals_are_hi002_only() {
    // `delight` (with its two KPIs) removed; `retain` (with a KPI) added; `deflect` re-linked.
    let text = reference();
    let start = text.find("[[goal]]\nid = \"delight\"").unwrap();
    let end = text.find("[[tactic]]").unwrap();
    let new_goal = "[[goal]]\nid = \"retain\"\nstatement = \"Customers stay with us after a \
                    complaint on social\"\nsupports = [\"B\"]\n\n  [[goal.kpi]]\n  id = \
                    \"churn-after-complaint\"\n  name = \"Customers lost within 90 days of a \
                    complaint\"\n  core_goal = \"increase-profit\"\n  unit = \"%\"\n  baseline = \
                    12\n  target = 9\n  direction = \"decrease\"\n  deadline = 2027-12-31\n  \
                    owner = \"Retention lead\"\n\n";
    let new = format!("{}{new_goal}{}", &text[..start], &text[end..]);
    let new = edit(
        &new,
        &[
            ("supports = [\"A\", \"C\"]", "supports = [\"A\"]"),
            (
                "goals = [\"delight\", \"deflect\"]",
                "goals = [\"retain\", \"deflect\"]",
            ),
        ],
    );
    let dir = repo(&[("care.plan.toml", &reference())]);
    write(dir.path(), &[("care.plan.toml", &new)]);
    let out = lint_at(dir.path(), MID, &["--select", "HI"]);
    assert_eq!(
        out,
        "care.plan.toml:4:1: warning[HI002] goal `delight` was removed since `base`, mid-horizon\n\
         care.plan.toml:22:12: warning[HI002] goal `deflect` changed since `base`, mid-horizon: \
         `supports` `[\"A\", \"C\"]` → `[\"A\"]`\n\
         care.plan.toml:37:1: warning[HI002] goal `retain` was added since `base`, mid-horizon\n",
        "{out}"
    );
}

#[test]
fn a_kpi_moved_to_another_goal_is_one_hi001() {
    // `first-response` moves from `delight` to `deflect`, unchanged otherwise.
    let text = reference();
    let start = text
        .find("  [[goal.kpi]]\n  id = \"first-response\"")
        .unwrap();
    let end = text.find("[[tactic]]").unwrap();
    let kpi = &text[start..end];
    let without = format!("{}{}", &text[..start], &text[end..]);
    let new = edit(
        &without,
        &[(
            "[[goal]]\nid = \"delight\"",
            &format!("{kpi}[[goal]]\nid = \"delight\""),
        )],
    );
    let dir = repo(&[("care.plan.toml", &reference())]);
    write(dir.path(), &[("care.plan.toml", &new)]);
    let out = lint_at(dir.path(), MID, &["--select", "HI"]);
    assert_eq!(
        out,
        "care.plan.toml:37:3: warning[HI001] KPI `first-response` changed since `base`, \
         mid-horizon: `goal` `delight` → `deflect`\n",
        "{out}"
    );
}

#[test]
fn a_renamed_plan_is_compared_with_its_old_name() {
    let dir = repo(&[("plans/care.plan.toml", &reference())]);
    // Renamed and committed, then changed in the working tree.
    git(
        dir.path(),
        &["mv", "plans/care.plan.toml", "plans/care-2027.plan.toml"],
    );
    git(dir.path(), &["commit", "-q", "-m", "rename"]);
    write(
        dir.path(),
        &[(
            "plans/care-2027.plan.toml",
            &edit(&reference(), &[("target = 88", "target = 80")]),
        )],
    );
    assert_eq!(
        lint_at(dir.path(), MID, &[]),
        "plans/care-2027.plan.toml:49:12: warning[HI001] KPI `social-csat` changed since \
         `base`, mid-horizon: `target` 88 → 80\n"
    );
    // Renamed in the index only (not committed) works the same.
    git(
        dir.path(),
        &[
            "mv",
            "plans/care-2027.plan.toml",
            "plans/customer-care.plan.toml",
        ],
    );
    assert!(
        lint_at(dir.path(), MID, &[])
            .contains("plans/customer-care.plan.toml:49:12: warning[HI001]")
    );
}

#[test]
fn a_plan_absent_at_the_base_revision_is_not_compared() {
    let dir = repo(&[("README.md", "plans live here\n")]);
    write(
        dir.path(),
        &[(
            "care.plan.toml",
            &edit(&reference(), &[("target = 1500", "target = 1100")]),
        )],
    );
    let r = run(
        dir.path(),
        &[
            "lint", "--format", "concise", "--base", "base", "--as-of", MID,
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    // Committed later, still absent at `base`.
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "add plan"]);
    assert_eq!(lint_at(dir.path(), MID, &[]), "");
}

#[test]
fn a_base_version_that_does_not_parse_is_not_compared() {
    let dir = repo(&[("care.plan.toml", "smplan = 1\n[plan\n")]);
    write(dir.path(), &[("care.plan.toml", &reference())]);
    assert_eq!(lint_at(dir.path(), MID, &[]), "");
}

/// git refuses a repository another user owns ("dubious ownership"): the run says so, rather
/// than that the revision is unknown.
#[cfg(unix)]
#[test]
fn a_repository_git_refuses_is_exit_2_with_gits_reason() {
    let dir = changed(&[("target = 1500", "target = 1100")]);
    for entry in walkdir::WalkDir::new(dir.path()).into_iter().flatten() {
        if std::os::unix::fs::lchown(entry.path(), Some(65534), Some(65534)).is_err() {
            eprintln!("skipped: only root can give the repository to another user here");
            return;
        }
    }
    let home = tempfile::tempdir().unwrap();
    let out = smplan(dir.path())
        .env("HOME", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_CONFIG_GLOBAL")
        .args(["lint", "--base", "base"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !stderr.contains("dubious ownership") && out.status.code() != Some(2) {
        eprintln!("skipped: this git does not check who owns a repository");
        return;
    }
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("`git rev-parse` failed"), "{stderr}");
    assert!(stderr.contains("dubious ownership"), "{stderr}");
    assert!(!stderr.contains("unknown revision"), "{stderr}");
}

#[test]
fn an_unknown_revision_is_exit_2() {
    let dir = changed(&[("target = 1500", "target = 1100")]);
    for flag in ["--base", "--changed-since"] {
        for rev in ["no-such-branch", "-p", ""] {
            let r = run(dir.path(), &["lint", &format!("{flag}={rev}")]);
            assert_eq!(r.code, Some(2), "{flag} {rev}: {}{}", r.stdout, r.stderr);
            assert!(r.stderr.contains("unknown revision"), "{}", r.stderr);
            assert_eq!(r.stdout, "");
        }
    }
}

#[test]
fn a_path_outside_any_git_repository_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    if dir.path().ancestors().any(|a| a.join(".git").exists()) {
        eprintln!("skipped: the temporary folder is inside a git repository");
        return;
    }
    write(dir.path(), &[("care.plan.toml", &reference())]);
    for flag in ["--base", "--changed-since"] {
        let r = run(dir.path(), &["lint", flag, "HEAD"]);
        assert_eq!(r.code, Some(2), "{}{}", r.stdout, r.stderr);
        assert!(
            r.stderr
                .contains("`care.plan.toml` is not inside a git repository"),
            "{}",
            r.stderr
        );
    }
    // Without the flags the plan lints as usual.
    assert_eq!(run(dir.path(), &["lint"]).code, Some(0));
}

#[test]
fn as_of_without_base_changes_nothing_and_a_bad_date_is_exit_2() {
    let dir = changed(&[("target = 1500", "target = 1100")]);
    let plain = run(dir.path(), &["lint", "--format", "concise"]);
    let as_of = run(
        dir.path(),
        &["lint", "--format", "concise", "--as-of", "2027-06-15"],
    );
    assert_eq!(plain.code, Some(0));
    assert_eq!((plain.code, &plain.stdout), (as_of.code, &as_of.stdout));
    for bad in [
        "2027-02-30",
        "15.06.2027",
        "2027-6-15",
        "tomorrow",
        "2027-06-15T10:00",
    ] {
        let r = run(dir.path(), &["lint", "--base", "base", "--as-of", bad]);
        assert_eq!(r.code, Some(2), "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("--as-of"), "{}", r.stderr);
    }
}

#[test]
fn hi_diagnostics_are_settled_like_any_other() {
    let dir = changed(&[(
        "target = 1500",
        "target = 1100  # smplan-ignore: HI001 -- agreed with finance",
    )]);
    // Suppressed, and the suppression is used (no SU001).
    assert_eq!(lint_at(dir.path(), MID, &[]), "");
    // Without `--base` the HI rules do not run, so the suppression is not "unused" either.
    let r = run(dir.path(), &["lint", "--format", "concise"]);
    assert_eq!((r.code, r.stdout.as_str()), (Some(0), ""), "{}", r.stderr);

    let dir = changed(&[("target = 1500", "target = 1100")]);
    // Severity overrides and `--ignore` apply.
    let r = run(
        dir.path(),
        &[
            "lint",
            "--format",
            "concise",
            "--base",
            "base",
            "--as-of",
            MID,
            "--severity",
            "HI001=error",
        ],
    );
    assert_eq!(r.code, Some(1));
    assert!(r.stdout.contains("error[HI001]"), "{}", r.stdout);
    assert_eq!(
        lint_at(dir.path(), MID, &["--ignore", "kpi-changed-mid-horizon"]),
        ""
    );
    // And the config: HI off for this file.
    write(
        dir.path(),
        &[(
            "smplan.toml",
            "[[overrides]]\nfiles = [\"care.plan.toml\"]\nrules = { HI = \"off\" }\n",
        )],
    );
    let out = smplan_with_config(dir.path())
        .args([
            "lint", "--format", "concise", "--quiet", "--base", "base", "--as-of", MID,
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
fn standard_input_is_compared_under_its_given_name() {
    let dir = repo(&[("care.plan.toml", &reference())]);
    let out = smplan(dir.path())
        .args([
            "lint",
            "--format",
            "concise",
            "--base",
            "base",
            "--as-of",
            MID,
            "--stdin-filename",
            "care.plan.toml",
            "-",
        ])
        .write_stdin(edit(&reference(), &[("target = 1500", "target = 1100")]))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "care.plan.toml:31:12: warning[HI001] KPI `phone-deflection` changed since `base`, \
         mid-horizon: `target` 1500 → 1100\n"
    );
}

#[test]
fn changed_since_reports_only_changed_plans_but_cross_file_rules_see_all() {
    let other = edit(
        &reference(),
        &[(
            "title = \"Customer care social media plan 2027\"",
            "title = \"Customer care, second copy\"",
        )],
    );
    let broken = "smplan = 1\n[plan\n";
    let dir = repo(&[
        ("plans/a.plan.toml", &reference()),
        ("plans/b.plan.toml", &other),
        ("plans/untouched-broken.plan.toml", broken),
    ]);
    // `b` modified and committed, `c` new and untracked; `untouched-broken` is not reported
    // although it has an error.
    commit(
        dir.path(),
        &[("plans/b.plan.toml", &format!("# reviewed\n{other}"))],
    );
    write(dir.path(), &[("plans/c.plan.toml", broken)]);
    let r = run(
        dir.path(),
        &["lint", "--format", "concise", "--changed-since", "base"],
    );
    assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    // SC003 on `b` (it overlaps `a`, which is linted but unchanged); PL001 on the new `c`.
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0].starts_with("plans/b.plan.toml:7:9: warning[SC003]"),
        "{}",
        r.stdout
    );
    assert!(lines[1].starts_with("plans/c.plan.toml:2:"), "{}", r.stdout);
    assert!(lines[1].contains("error[PL001]"), "{}", r.stdout);
    // The summary counts the reported files.
    let out = smplan_with_config(dir.path())
        .args([
            "--no-config",
            "lint",
            "--format",
            "concise",
            "--changed-since",
            "base",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Checked 2 files"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A renamed plan counts as changed; nothing changed reports nothing.
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "c"]);
    git(dir.path(), &["tag", "later"]);
    git(
        dir.path(),
        &["mv", "plans/a.plan.toml", "plans/a-2027.plan.toml"],
    );
    let r = run(
        dir.path(),
        &["lint", "--format", "concise", "--changed-since", "later"],
    );
    // Reported as `smplan lint plans/a-2027.plan.toml` reports it: it shares b's scope, and b
    // (linted but not reported) counts as another plan of the project.
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "plans/a-2027.plan.toml:6:9: warning[SC003] another plan already covers scope `customer-service` for department `Customer Care EMEA` from 2027-01-01 to 2027-12-31\n",
    );
    git(dir.path(), &["commit", "-q", "-m", "rename"]);
    let r = run(
        dir.path(),
        &["lint", "--format", "concise", "--changed-since", "HEAD"],
    );
    assert_eq!((r.code, r.stdout.as_str()), (Some(0), ""), "{}", r.stderr);
}

/// Git runs a few times per repository, not once per plan.
#[cfg(unix)]
#[test]
fn git_runs_a_few_times_per_repository_not_per_file() {
    use std::os::unix::fs::PermissionsExt;
    // Twelve plans in each of two repositories (departments differ, so SC003 stays silent).
    let plans = |repo: &str| -> Vec<(String, String)> {
        (0..12)
            .map(|i| {
                (
                    format!("plans/p{i:02}.plan.toml"),
                    edit(
                        &reference(),
                        &[(
                            "department = \"Customer Care EMEA\"",
                            &format!("department = \"Team {repo}{i}\""),
                        )],
                    ),
                )
            })
            .collect()
    };
    let make = |tag: &str| {
        let plans = plans(tag);
        let files: Vec<(&str, &str)> = plans
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let dir = repo(&files);
        write(
            dir.path(),
            &[(
                "plans/p03.plan.toml",
                &edit(&plans[3].1, &[("target = 1500", "target = 1100")]),
            )],
        );
        dir
    };
    let (one, two) = (make("A"), make("B"));
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("log");
    let real = std::process::Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let real = String::from_utf8_lossy(&real.stdout).trim().to_string();
    let wrapper = bin.path().join("git");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{real}' \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let parent = one.path().parent().unwrap().to_path_buf();
    let out = smplan(&parent)
        .env("PATH", path)
        .args([
            "lint",
            "--format",
            "concise",
            "--base",
            "base",
            "--as-of",
            MID,
            "--changed-since",
            "base",
        ])
        .arg(one.path().join("plans"))
        .arg(two.path().join("plans"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("[HI001]").count(), 2, "{stdout}");
    assert_eq!(
        stdout.lines().count(),
        2,
        "only the changed plans: {stdout}"
    );
    let calls = std::fs::read_to_string(&log).unwrap_or_default();
    // Per repository: rev-parse, diff and cat-file for `--base`; rev-parse, diff and ls-files
    // for `--changed-since`.
    assert_eq!(calls.lines().count(), 12, "{calls}");
}

/// fixes.md "History and fixes": a value invalid at the base and valid now is a repair. A base
/// with a quoted deadline, a target written as `"1500 contacts/month"` with no `unit` and a
/// `core_goal` naming no core goal, fixed by `--fix --unsafe-fixes` mid-horizon: no HI001.
#[test]
fn fixing_a_plan_mid_horizon_is_a_repair_not_a_change() {
    let broken = edit(
        &reference(),
        &[
            (
                "  unit = \"contacts/month\"\n  baseline = 800\n  target = 1500\n",
                "  baseline = 800\n  target = \"1500 contacts/month\"\n",
            ),
            (
                "deadline = 2027-12-31\n  owner = \"Social care lead\"",
                "deadline = \"2027-12-31\"\n  owner = \"Social care lead\"",
            ),
            (
                "core_goal = \"reduce-costs\"\n  baseline = 800",
                "core_goal = \"costs\"\n  baseline = 800",
            ),
        ],
    );
    let dir = repo(&[("care.plan.toml", &broken)]);
    // Without `--quiet` (which leaves the fix summary out).
    let out = smplan_with_config(dir.path())
        .args([
            "--no-config",
            "lint",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            ".",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Fixed 3 problems"), "{err}");
    let fixed = std::fs::read_to_string(dir.path().join("care.plan.toml")).unwrap();
    assert!(
        fixed.contains("  target = 1500\n  unit = \"contacts/month\"\n"),
        "{fixed}"
    );
    assert_eq!(lint_at(dir.path(), MID, &[]), "", "repairs are not changes");
    // A real change next to the repairs is still reported, alone.
    let changed = fixed.replacen("instead of by phone\"", "\"", 1);
    write(dir.path(), &[("care.plan.toml", &changed)]);
    assert_eq!(
        lint_at(dir.path(), MID, &[]),
        "care.plan.toml:27:10: warning[HI001] KPI `phone-deflection` changed since `base`, \
         mid-horizon: `name` `Contacts resolved on social instead of by phone` → `Contacts resolved on social`\n"
    );
}
