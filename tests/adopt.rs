//! `lint --fix`, `--diff`, `--add-suppressions` and the baseline, end to end from the CLI.

mod common;
use common::{fixture, repo, smplan, smplan_with_config, stderr, stdout, write};
use serde_json::Value;
use std::path::Path;

/// The broken plan written from scratch for the fixes table (fixtures/fixes).
fn broken() -> String {
    fixture("fixes/unsafe_broken_from_scratch.plan.toml")
}

/// `lint --format concise …`: exit code, the diagnostics (without the `Checked …` summary
/// line) and standard error, where the fix and baseline summaries go.
fn concise(dir: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let out = smplan(dir)
        .args(["lint", "--format", "concise"])
        .args(extra)
        .output()
        .unwrap();
    let diagnostics: String = stdout(&out)
        .lines()
        .filter(|l| !l.starts_with("Checked "))
        .map(|l| format!("{l}\n"))
        .collect();
    (out.status.code(), diagnostics, stderr(&out))
}

#[test]
fn quiet_leaves_the_fix_summary_out() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "care.plan.toml", broken());
    let (_, _, err) = concise(dir.path(), &["-q", "--fix", "."]);
    assert_eq!(err, "");
    let (_, _, err) = concise(dir.path(), &["--fix", "."]);
    assert_eq!(err, "Fixed 0 problems, 5 remain\n");
}

#[test]
fn fix_with_unsafe_fixes_repairs_the_broken_plan_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("care.plan.toml");
    std::fs::write(&plan, broken()).unwrap();
    let (code, out, err) = concise(dir.path(), &["--fix", "--unsafe-fixes", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(out, "", "nothing remains to report");
    assert!(err.contains("Fixed 12 problems, 0 remain"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        fixture("fixes/unsafe_broken_from_scratch.plan.toml.fixed")
    );
    // No temporary file is left beside the plan.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn fix_applies_only_safe_fixes_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("care.plan.toml");
    std::fs::write(&plan, broken()).unwrap();
    let (code, out, err) = concise(dir.path(), &["--fix", "."]);
    assert_eq!(code, Some(1), "{out}{err}");
    let fixed = std::fs::read_to_string(&plan).unwrap();
    assert!(fixed.starts_with("# Customer care plan, written by hand.\nsmplan = 1\n[plan]\n"));
    assert!(fixed.contains("start = 2027-01-01\n"));
    assert!(fixed.contains("target = 20\nunit = \"%\"\nbaseline = 12.5\n"));
    // Unsafe fixes wait for --unsafe-fixes.
    assert!(fixed.contains("scope = \"customer service\"\n"));
    assert!(fixed.contains("dedline = 2027-12-31 # keep this comment\n"));
    assert_eq!(
        out,
        "care.plan.toml:5:9: error[PL006] `customer service` is not a valid `scope`\n\
         care.plan.toml:22:13: error[KP003] `costs` is not one of the three core business goals\n\
         care.plan.toml:27:1: error[PL004] unknown key `dedline` in `[[goal.kpi]]`\n\
         care.plan.toml:36:10: error[SM002] KPI `contacts` is not measurable: `target` is a string, not a number\n\
         care.plan.toml:47:61: warning[MT004] tactic `faq-replies` lists the metric `Median first response time` twice\n"
    );
    assert!(err.contains("Fixed 7 problems, 5 remain"), "{err}");
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("care.plan.toml");
    std::fs::write(&plan, broken()).unwrap();
    let out = smplan(dir.path())
        .args(["lint", "--diff", "care.plan.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- a/care.plan.toml\n+++ b/care.plan.toml\n@@ -1,8 +1,9 @@\n # Customer care plan, written by hand.\n+smplan = 1\n [plan]\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-start = \"2027-01-01\"\n+start = 2027-01-01\n"),
        "{diff}"
    );
    assert!(
        !diff.contains("+scope = \"customer-service\""),
        "unsafe fixes need --unsafe-fixes"
    );
    assert!(
        stderr(&out).contains("Would fix 7 problems"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        broken(),
        "--diff writes nothing"
    );

    // With unsafe fixes the diff has them too; a plan with nothing to fix has no diff: exit 0.
    let out = smplan(dir.path())
        .args(["lint", "--diff", "--unsafe-fixes", "care.plan.toml"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("+scope = \"customer-service\"\n"));
    std::fs::write(
        &plan,
        fixture("fixes/unsafe_broken_from_scratch.plan.toml.fixed"),
    )
    .unwrap();
    let out = smplan(dir.path())
        .args(["lint", "--diff", "care.plan.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn fix_on_standard_input_prints_the_fixed_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = smplan(dir.path())
        .args([
            "lint",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "-",
        ])
        .write_stdin(broken())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        fixture("fixes/unsafe_broken_from_scratch.plan.toml.fixed")
    );
    assert!(stderr(&out).contains("Fixed 12 problems, 0 remain"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn unsafe_fixes_alone_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "care.plan.toml", broken());
    let (code, _, err) = concise(dir.path(), &["--unsafe-fixes", "."]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`--unsafe-fixes` applies only with `--fix` or `--diff`"),
        "{err}"
    );
}

#[test]
fn json_diagnostics_carry_their_fix_and_sarif_results_their_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture("fixes/pl005_quoted_dates.plan.toml");
    write(dir.path(), "care.plan.toml", &text);
    let out = smplan(dir.path())
        .args(["lint", "--format", "json", "."])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "PL005");
    let at = text.find("\"2027-01-01\"").unwrap();
    assert_eq!(
        d["fix"],
        serde_json::json!({
            "applicability": "safe",
            "message": "write the date without quotes: `2027-01-01`",
            "edits": [{
                "start": { "line": 7, "column": 9, "offset": at },
                "end": { "line": 7, "column": 21, "offset": at + 12 },
                "content": "2027-01-01",
            }],
        })
    );
    // A diagnostic without a fix has no `fix` key.
    write(
        dir.path(),
        "care.plan.toml",
        fixture("rules/mission/ms002_number.plan.toml"),
    );
    let out = smplan(dir.path())
        .args(["lint", "--format", "json", "."])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["diagnostics"][0].get("fix").is_none());

    write(dir.path(), "care.plan.toml", broken());
    let out = smplan(dir.path())
        .args(["lint", "--format", "sarif", "--output", "out.sarif", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let pl008 = results.iter().find(|r| r["ruleId"] == "PL008").unwrap();
    assert_eq!(
        pl008["fixes"][0]["artifactChanges"][0]["replacements"][0],
        serde_json::json!({
            "deletedRegion": { "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1 },
            "insertedContent": { "text": "smplan = 1\n" },
        })
    );
    assert_eq!(
        pl008["fixes"][0]["description"]["text"],
        "add `smplan = 1` (safe)"
    );
    validate_sarif(&dir.path().join("out.sarif"));
}

fn validate_sarif(file: &Path) {
    let schema = repo().join("../shared/schemas/sarif-2.1.0.json");
    if !schema.is_file() {
        println!("SKIPPED SARIF schema check: {} is absent", schema.display());
        return;
    }
    let Ok(out) = std::process::Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(&schema)
        .arg(file)
        .output()
    else {
        println!("SKIPPED SARIF schema check: check-jsonschema is not installed");
        return;
    };
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn explain_and_rules_say_which_fix_a_rule_has() {
    let dir = tempfile::tempdir().unwrap();
    for (code, fix) in [("PL005", "safe"), ("PL004", "unsafe"), ("MS002", "none")] {
        let out = smplan(dir.path()).args(["explain", code]).output().unwrap();
        let text = stdout(&out);
        assert_eq!(
            text.lines().nth(3),
            Some(format!("Fix: {fix}").as_str()),
            "{text}"
        );
    }
    let out = smplan(dir.path()).args(["rules"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.starts_with(
        "CODE      NAME                           DEFAULT  NOW      FIX     SUMMARY\n"
    ));
    assert!(text.contains("\nSM002     unmeasurable-kpi               error    error    safe    "));
    assert!(text.contains("\nMT004     duplicate-metric               warning  warning  unsafe  "));
    let out = smplan(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let su001 = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "SU001")
        .unwrap();
    assert_eq!(su001["fix"], "safe");
}

#[test]
fn add_suppressions_writes_comments_that_silence_every_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("care.plan.toml");
    let text = fixture("fixes/unsafe_broken_from_scratch.plan.toml.fixed")
        .replace("baseline = 12.5\n", "")
        .replace(
            "mission = \"Answer customers where they already talk\"",
            "mission = \"\"\"Answer customers within 2 hours,\nwhere they already talk\"\"\"",
        )
        .replace(
            "goals = [\"deflect\"]\n",
            "goals = [\"deflect\"]  # smplan-ignore: MT004 -- checked\n",
        );
    std::fs::write(&plan, &text).unwrap();
    let (code, out, _) = concise(dir.path(), &["."]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "care.plan.toml:8:38: warning[MS002] the mission contains a number: it reads as a target\n\
         care.plan.toml:20:1: warning[SM003] KPI `phone-deflection` has no `baseline`\n\
         care.plan.toml:46:39: warning[SU001] suppression of `MT004` matched no diagnostic\n"
    );
    let (code, _, err) = concise(dir.path(), &["--add-suppressions=adopted in 2027", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("Added suppressions for 2 problems"), "{err}");
    let after = std::fs::read_to_string(&plan).unwrap();
    // The line of the mission ends inside its string: the comment goes above the key.
    assert!(
        after.contains("# smplan-ignore: MS002 -- adopted in 2027\nmission = \"\"\"Answer"),
        "{after}"
    );
    assert!(after.contains("[[goal.kpi]]  # smplan-ignore: SM003 -- adopted in 2027\n"));
    let (_, out, _) = concise(dir.path(), &["."]);
    assert_eq!(
        out, "care.plan.toml:47:39: warning[SU001] suppression of `MT004` matched no diagnostic\n",
        "SU001 is not suppressed but fixed"
    );

    // A second run merges new codes into the comment already on the line, and writes a new
    // comment (without a reason) where there is none.
    let merged = after.replace("baseline = 1200\n", "").replace(
        "owner = \"Care lead\"\nsource = \"CRM\"\n\n[[goal.kpi]]",
        "source = \"CRM\"\n\n[[goal.kpi]]",
    );
    std::fs::write(&plan, merged).unwrap();
    let (_, _, err) = concise(dir.path(), &["--add-suppressions", "."]);
    assert!(err.contains("Added suppressions for 2 problems"), "{err}");
    let after = std::fs::read_to_string(&plan).unwrap();
    assert!(
        after.contains("[[goal.kpi]]  # smplan-ignore: SM003, SM007 -- adopted in 2027\nid = \"phone-deflection\""),
        "{after}"
    );
    assert!(
        after.contains("[[goal.kpi]]  # smplan-ignore: SM003\nid = \"contacts\""),
        "{after}"
    );
    let (_, out, _) = concise(dir.path(), &["."]);
    assert!(!out.contains("SM00"), "{out}");
}

#[test]
fn add_suppressions_never_suppresses_invalid_toml() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("care.plan.toml");
    std::fs::write(&plan, "smplan = 1\n[plan\n").unwrap();
    let (code, _, _) = concise(dir.path(), &["--add-suppressions", "."]);
    assert_eq!(code, Some(1));
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        "smplan = 1\n[plan\n"
    );
}

/// Two plans with accepted problems: `c` (SM003 and SM007 on `phone-deflection`, SM007 on
/// `contacts`) and a clean `a`.
fn adopted_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.plan.toml",
        fixture("examples/customer-care-2027.plan.toml"),
    );
    let c = fixture("fixes/unsafe_broken_from_scratch.plan.toml.fixed")
        .replace("baseline = 12.5\n", "")
        .replace("owner = \"Care lead\"\n", "");
    write(dir.path(), "c.plan.toml", c);
    dir
}

const BASELINE: &str =
    "# smplan baseline: accepted problems per plan, rule and item (never per line).
# Regenerate with `smplan lint --write-baseline FILE`; remove entries as you fix them.

[[entry]]
path = \"c.plan.toml\"
code = \"SM003\"
item = \"kpi:phone-deflection\"
count = 1

[[entry]]
path = \"c.plan.toml\"
code = \"SM007\"
item = \"kpi:contacts\"
count = 1

[[entry]]
path = \"c.plan.toml\"
code = \"SM007\"
item = \"kpi:phone-deflection\"
count = 1
";

#[test]
fn write_baseline_records_items_sorted_and_stable() {
    let dir = adopted_folder();
    let (code, out, err) = concise(dir.path(), &["--write-baseline", "base.toml", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(out, "", "no report");
    assert!(
        err.contains("Wrote 3 baseline entries to base.toml"),
        "{err}"
    );
    let first = std::fs::read_to_string(dir.path().join("base.toml")).unwrap();
    assert_eq!(first, BASELINE);
    // Same diagnostics, same bytes; paths are relative to the baseline's folder.
    std::fs::create_dir(dir.path().join("ci")).unwrap();
    concise(dir.path(), &["--write-baseline", "base.toml", "."]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("base.toml")).unwrap(),
        first
    );
    concise(dir.path(), &["--write-baseline", "ci/base.toml", "."]);
    let nested = std::fs::read_to_string(dir.path().join("ci/base.toml")).unwrap();
    assert!(nested.contains("path = \"../c.plan.toml\""), "{nested}");
}

#[test]
fn the_baseline_survives_an_edit_that_moves_every_line() {
    let dir = adopted_folder();
    write(dir.path(), "base.toml", BASELINE);
    let (code, out, _) = concise(
        dir.path(),
        &["--baseline", "base.toml", "--deny-warnings", "."],
    );
    assert_eq!((code, out.as_str()), (Some(0), ""));

    // Move every line: a comment block on top, every key indented, the two KPIs swapped.
    let c = std::fs::read_to_string(dir.path().join("c.plan.toml")).unwrap();
    let first = c.find("[[goal.kpi]]").unwrap();
    let second = first + 1 + c[first + 1..].find("[[goal.kpi]]").unwrap();
    let tactic = c.find("[[tactic]]").unwrap();
    let swapped = format!(
        "{}{}{}{}",
        &c[..first],
        &c[second..tactic],
        &c[first..second],
        &c[tactic..]
    );
    let moved: String = "# Reviewed in the planning meeting.\n\n".to_string()
        + &swapped
            .lines()
            .map(|l| {
                if l.is_empty() || l.starts_with('[') || l.starts_with('#') {
                    format!("{l}\n")
                } else {
                    format!("    {l}\n")
                }
            })
            .collect::<String>();
    write(dir.path(), "c.plan.toml", &moved);
    let (_, before, _) = concise(dir.path(), &["."]);
    assert_eq!(before.lines().count(), 3, "{before}");
    let (code, out, err) = concise(
        dir.path(),
        &["--baseline", "base.toml", "--deny-warnings", "."],
    );
    assert_eq!((code, out.as_str()), (Some(0), ""), "{err}");

    // A new problem in a covered item is the excess beyond its count; another item's problem
    // is reported on its own.
    let worse = moved.replacen("    source = \"CRM\"\n", "", 1).replacen(
        "    direction = \"increase\"\n",
        "    direction = \"increase\"\n    owner = \"\"\n",
        1,
    );
    write(dir.path(), "c.plan.toml", &worse);
    let (code, out, _) = concise(dir.path(), &["--baseline", "base.toml", "."]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error[PL006] `owner` is empty"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn fixed_entries_are_summarised_and_never_fail_the_run() {
    let dir = adopted_folder();
    write(dir.path(), "smplan.toml", "baseline = \"base.toml\"\n");
    write(dir.path(), "base.toml", BASELINE);
    // The baseline from smplan.toml applies; fixing one item leaves a stale entry.
    let c = std::fs::read_to_string(dir.path().join("c.plan.toml")).unwrap();
    let fixed = c.replacen(
        "target = 3000\n",
        "target = 3000\nowner = \"Care lead\"\n",
        1,
    );
    write(dir.path(), "c.plan.toml", fixed);
    let out = smplan_with_config(dir.path())
        .args(["lint", "--format", "concise", "--deny-warnings", "."])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("1 baseline entry is fixed: run --write-baseline to drop it"),
        "{}",
        stderr(&out)
    );
    // More fixed: the plural.
    let c = std::fs::read_to_string(dir.path().join("c.plan.toml")).unwrap();
    write(
        dir.path(),
        "c.plan.toml",
        c.replacen("target = 20\n", "target = 20\nbaseline = 12.5\n", 1),
    );
    let out = smplan_with_config(dir.path())
        .args(["lint", "--format", "concise", "."])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("2 baseline entries are fixed: run --write-baseline to drop them"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn invalid_toml_is_never_baselined() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.plan.toml", "smplan = 1\n[plan\n");
    let (code, _, _) = concise(dir.path(), &["--write-baseline", "base.toml", "."]);
    assert_eq!(code, Some(0));
    let text = std::fs::read_to_string(dir.path().join("base.toml")).unwrap();
    assert!(!text.contains("[[entry]]"), "{text}");
    let (code, out, _) = concise(dir.path(), &["--baseline", "base.toml", "."]);
    assert_eq!(code, Some(1));
    assert!(out.contains("[PL001]"), "{out}");
    // A baseline that is not one is a run error.
    write(dir.path(), "bad.toml", "[[entry]]\npath = 1\n");
    let (code, _, err) = concise(dir.path(), &["--baseline", "bad.toml", "."]);
    assert_eq!(code, Some(2));
    assert!(err.contains("invalid baseline file `bad.toml`"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_plan_is_fixed_through_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/care.plan.toml");
    std::fs::write(&target, fixture("fixes/pl005_quoted_dates.plan.toml")).unwrap();
    let link = dir.path().join("care.plan.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let (code, _, err) = concise(dir.path(), &["--fix", "care.plan.toml"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("Fixed 2 problems, 0 remain"), "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        fixture("fixes/pl005_quoted_dates.plan.toml.fixed")
    );
}

#[test]
fn adoption_flags_refuse_what_would_be_silently_ignored() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "care.plan.toml", broken());
    for args in [
        &["--diff", "--fix"][..],
        &["--diff", "--add-suppressions"],
        &["--diff", "--write-baseline", "b.toml"],
        &["--baseline", "b.toml", "--write-baseline", "c.toml"],
    ] {
        let (code, _, err) = concise(dir.path(), &[args, &["."]].concat());
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("cannot be used with"), "{err}");
    }
    let (code, _, err) = concise(dir.path(), &["--add-suppressions=two\nlines", "."]);
    assert_eq!(code, Some(2));
    assert!(err.contains("must fit on one line"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("care.plan.toml")).unwrap(),
        broken()
    );
}

/// Every fix of the table from the CLI: each `fixtures/fixes` plan, fixed by `smplan lint --fix`
/// (with `--unsafe-fixes` for the `unsafe_` ones), in one run per folder, becomes its `.fixed`.
#[test]
fn every_fix_fixture_is_fixed_the_same_from_the_cli() {
    let src = repo().join("fixtures/fixes");
    let (safe, unsafe_) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut names = Vec::new();
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.ends_with(".plan.toml") {
            continue;
        }
        let dir = if name.starts_with("unsafe_") {
            &unsafe_
        } else {
            &safe
        };
        std::fs::copy(e.path(), dir.path().join(&name)).unwrap();
        names.push(name);
    }
    assert!(names.len() >= 15);
    concise(safe.path(), &["--fix", "."]);
    concise(unsafe_.path(), &["--fix", "--unsafe-fixes", "."]);
    for name in names {
        let dir = if name.starts_with("unsafe_") {
            &unsafe_
        } else {
            &safe
        };
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&name)).unwrap(),
            std::fs::read_to_string(src.join(format!("{name}.fixed"))).unwrap(),
            "{name}"
        );
    }
}

/// A rolled-up diagnostic ("none of the 4 tactics has metrics") is recorded per item it labels,
/// and covered item by item: a new item with the same problem is reported on its own.
#[test]
fn the_baseline_records_and_covers_rolled_up_diagnostics_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("rules/rollup/habits_rolled_up.plan.toml");
    write(dir.path(), "h.plan.toml", &plan);
    let (code, _, err) = concise(dir.path(), &["--write-baseline", "base.toml", "."]);
    assert_eq!(code, Some(0), "{err}");
    let written = std::fs::read_to_string(dir.path().join("base.toml")).unwrap();
    for t in 1..=4 {
        assert!(
            written.contains(&format!(
                "code = \"MT001\"\nitem = \"tactic:tactic-{t}\"\ncount = 1\n"
            )),
            "{written}"
        );
    }
    let (code, out, _) = concise(dir.path(), &["--baseline", "base.toml", "."]);
    assert_eq!((code, out.as_str()), (Some(0), ""));

    // A fifth tactic without metrics: the habit now covers 5 tactics, 4 of them accepted.
    let more = format!(
        "{plan}\n[[tactic]]\nid = \"tactic-5\"\nname = \"Public answers, round 5\"\ngoals = [\"goal-2\"]\n"
    );
    write(dir.path(), "h.plan.toml", &more);
    let (_, all, _) = concise(dir.path(), &[]);
    assert!(all.contains("none of the 5 tactics has metrics"), "{all}");
    let (code, out, _) = concise(dir.path(), &["--baseline", "base.toml", "."]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("error[MT001] tactic `tactic-5`"), "{out}");
}
