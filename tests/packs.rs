//! Rule packs: every check kind and selector, user packs through the CLI, malformed packs.

mod common;
use common::{
    brief, lint_text, one_rule_pack, repo, settings_with_pack, smplan_with_config, write,
};

use std::path::Path;

/// Lints `plan` with `pack` and returns the pack's diagnostics as `line:col CODE message`.
fn run(pack: &str, plan: &str) -> Vec<String> {
    let settings = settings_with_pack(pack);
    lint_text("p.plan.toml", plan, &settings)
        .iter()
        .filter(|d| d.code.starts_with("TT"))
        .map(brief)
        .collect()
}

/// A pack whose one rule `TT001` on `select` has `check` and `message`.
fn rule(select: &str, check: &str, message: &str) -> String {
    one_rule_pack(select, message, check)
}

const PLAN: &str = r#"smplan = 1
[plan]
title = "Care"
scope = "sales"
start = 2027-01-01
end = 2027-12-31
mission = "Why"

[business_goals]
A = "Sell more"
B = ""

[[goal]]
id = "g1"
statement = "Customers buy again"
supports = ["A"]

  [[goal.kpi]]
  id = "k1"
  name = "Repeat purchase rate"
  target = 20
  source = ""

[[goal]]
id = "g2"
statement = "Sponsored growth"
supports = ["A"]

[[tactic]]
id = "t1"
name = "Paid ads"
goals = ["g1"]
metrics = ["a", "b", "c", "d"]
cost = 500
"#;

#[test]
fn require_labels_the_item_when_absent_and_the_value_when_blank() {
    assert_eq!(
        run(
            &rule(
                "goal[*].kpi[*]",
                "require = [\"owner\"]",
                "KPI {id} has no owner"
            ),
            PLAN
        ),
        ["18:3 TT001 KPI k1 has no owner"]
    );
    assert_eq!(
        run(
            &rule("goal[*].kpi[*]", "require = [\"source\"]", "blank"),
            PLAN
        ),
        ["22:12 TT001 blank"]
    );
    assert_eq!(
        run(&rule("goal[*]", "require = [\"kpi\"]", "goal {id}"), PLAN),
        ["24:1 TT001 goal g2"]
    );
}

#[test]
fn forbid_labels_the_key() {
    assert_eq!(
        run(
            &rule("tactic[*]", "forbid = [\"cost\"]", "no cost in {id}"),
            PLAN
        ),
        ["34:1 TT001 no cost in t1"]
    );
}

#[test]
fn pattern_must_match_or_with_forbid_must_not() {
    let must = "pattern = { key = \"statement\", regex = \"(?i)customers\" }";
    assert_eq!(
        run(&rule("goal[*]", must, "{id}: {statement}"), PLAN),
        ["26:13 TT001 g2: Sponsored growth"]
    );
    let must_not = "pattern = { key = \"name\", regex = \"(?i)\\\\bpaid\\\\b\", forbid = true }";
    assert_eq!(
        run(&rule("tactic[*]", must_not, "paid"), PLAN),
        ["31:8 TT001 paid"]
    );
    // Arrays of strings: every item is checked.
    let items = "pattern = { key = \"metrics\", regex = \"^[a-c]$\" }";
    assert_eq!(
        run(&rule("tactic[*]", items, "metric"), PLAN),
        ["33:27 TT001 metric"]
    );
}

#[test]
fn count_labels_the_first_item_over_max_and_the_array_under_min() {
    let max = "count = { key = \"metrics\", max = 3 }";
    assert_eq!(
        run(&rule("tactic[*]", max, "{count} > {max}"), PLAN),
        ["33:27 TT001 4 > 3"]
    );
    let min = "count = { key = \"metrics\", min = 5 }";
    assert_eq!(
        run(&rule("tactic[*]", min, "{count} < {min}"), PLAN),
        ["33:11 TT001 4 < 5"]
    );
    let limit = "count = { key = \"metrics\", max = \"metrics_per_tactic.max\" }";
    assert!(
        run(&rule("tactic[*]", limit, "m"), PLAN).is_empty(),
        "4 is within the default limit of 5"
    );
    let kpis = "count = { key = \"kpi\", max = 0 }";
    assert_eq!(
        run(&rule("goal[*]", kpis, "kpis"), PLAN),
        ["18:3 TT001 kpis"]
    );
}

#[test]
fn one_of_range_and_length() {
    let one_of = "one_of = { key = \"scope\", values = [\"marketing\"] }";
    assert_eq!(
        run(&rule("plan", one_of, "scope {scope}"), PLAN),
        ["4:9 TT001 scope sales"]
    );
    let range = "range = { key = \"target\", min = 50 }";
    assert_eq!(
        run(
            &rule("goal[*].kpi[*]", range, "target {target} < {min}"),
            PLAN
        ),
        ["21:12 TT001 target 20 < 50"]
    );
    let range_ok = "range = { key = \"cost\", min = 0, max = 500 }";
    assert!(
        run(&rule("tactic[*]", range_ok, "cost"), PLAN).is_empty(),
        "bounds are inclusive"
    );
    let length = "length = { key = \"title\", min = 5 }";
    assert_eq!(
        run(&rule("plan", length, "title has {count} characters"), PLAN),
        ["3:9 TT001 title has 4 characters"]
    );
}

#[test]
fn business_goal_entries_have_letter_and_text() {
    assert_eq!(
        run(
            &rule(
                "business_goals.*",
                "require = [\"text\"]",
                "{letter} is blank"
            ),
            PLAN
        ),
        ["11:5 TT001 B is blank"]
    );
    let letters = "pattern = { key = \"letter\", regex = \"^[A]$\" }";
    assert_eq!(
        run(&rule("business_goals.*", letters, "letter {letter}"), PLAN),
        ["11:1 TT001 letter B"]
    );
}

#[test]
fn checks_combine_and_absent_keys_skip_value_checks() {
    let both = "require = [\"id\"]\nlength = { key = \"owner\", min = 3 }";
    assert!(
        run(&rule("goal[*].kpi[*]", both, "x"), PLAN).is_empty(),
        "length skips an absent owner"
    );
}

/// `# expect: LINE:COL message` on the first line of each malformed pack.
#[test]
fn malformed_packs_exit_2_pointing_at_the_bad_line() {
    let dir = repo().join("fixtures/packs/malformed");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .expect("expect line");
        let (at, message) = expect.split_once(' ').unwrap();
        let rel = file.strip_prefix(repo()).unwrap();
        let out = smplan_with_config(&repo())
            .arg("test-pack")
            .arg(rel)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", rel.display());
        assert!(
            err.contains(message),
            "{}: wanted {message:?} in\n{err}",
            rel.display()
        );
        assert!(
            err.contains(&format!("{}:{at}]", rel.display())),
            "{}: wanted position {at} in\n{err}",
            rel.display()
        );
    }
}

fn acme(args: &[&str]) -> (i32, String) {
    let out = smplan_with_config(&repo().join("fixtures/packs/acme"))
        .args(["lint", "plans"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_user_pack_behaves_like_builtin_rules() {
    let (code, text) = acme(&["--format", "concise", "-q"]);
    assert_eq!(code, 1);
    assert_eq!(
        text,
        "plans/care.plan.toml:20:3: error[ACME001] KPI `phone-deflection` does not say where its number comes from
plans/care.plan.toml:33:8: error[ACME002] tactic `sponsored-answers` is a paid ad
plans/care.plan.toml:41:100: info[ACME003] tactic `care-rota` keeps 4 metrics, ACME keeps at most 3
"
    );
    // The config's limit (metrics min 1) keeps MT002 silent on the one-metric tactic.
    let (_, json) = acme(&["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "kpi-without-source",
            "paid-tactic",
            "tactic-too-many-metrics"
        ]
    );
    let (_, sarif) = acme(&["--format", "sarif"]);
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let ids: Vec<&str> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(ids, ["ACME001", "ACME002", "ACME003"]);
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "ACME001" && r["name"] == "kpi-without-source")
    );
    let (_, pretty) = acme(&["-q"]);
    assert!(
        pretty.contains("error[ACME001] kpi-without-source"),
        "{pretty}"
    );
    assert!(
        pretty.contains("help: add source = \"...\" naming the report or tool"),
        "{pretty}"
    );
    let (_, text) = acme(&[
        "--format",
        "concise",
        "-q",
        "--ignore",
        "ACME",
        "--severity",
        "paid-tactic=warning",
    ]);
    assert_eq!(
        text,
        "plans/care.plan.toml:33:8: warning[ACME002] tactic `sponsored-answers` is a paid ad\n"
    );
}

#[test]
fn pack_rules_are_listed_explained_and_suppressible() {
    let dir = repo().join("fixtures/packs/acme");
    let cmd = |args: &[&str]| {
        let out = smplan_with_config(&dir).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        cmd(&["rules"]).contains("ACME002   paid-tactic"),
        "{}",
        cmd(&["rules"])
    );
    assert!(cmd(&["explain", "kpi-without-source"]).contains("## Why the method wants it"));
    let tmp = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(dir.join("plans/care.plan.toml"))
        .unwrap()
        .replace(
            "[[tactic]]\nid = \"sponsored",
            "# smplan-ignore: ACME002 -- approved by legal\n[[tactic]]\nid = \"sponsored",
        );
    write(tmp.path(), "care.plan.toml", plan);
    let out = smplan_with_config(&dir)
        .args(["lint", "--format", "concise", "-q"])
        .arg(tmp.path().join("care.plan.toml"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("ACME002") && text.contains("ACME001"),
        "{text}"
    );
}

#[test]
fn pack_examples_run_with_test_pack() {
    let out = smplan_with_config(&repo())
        .args(["test-pack", "fixtures/packs/acme/rules/acme.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("3 example(s) of 3 rule(s) in the pack: 3 passed, 0 failed")
    );
    // A failing example fails the command.
    let tmp = tempfile::tempdir().unwrap();
    let broken = std::fs::read_to_string(repo().join("fixtures/packs/acme/rules/acme.toml"))
        .unwrap()
        .replace("expect_not = [\"ACME001\"]", "expect = [\"ACME001\"]");
    let path = tmp.path().join("acme.toml");
    std::fs::write(&path, broken).unwrap();
    let out = smplan_with_config(&repo())
        .arg("test-pack")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAIL ACME001"));
}

#[test]
fn builtin_packs_load_and_their_examples_pass() {
    let out = smplan_with_config(&repo())
        .args(["test-pack", "--builtin"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("internal error"));
    let _ = Path::new(".");
}

#[test]
fn pack_checks_read_the_model_not_the_raw_toml() {
    let plan = r#"smplan = 1
[[goal]]
id = "g"
kpi = [1, 2, 3]

[[tactic]]
id = "Bad Id"
metrics = ["a", 7, "b"]
cost = "lots"
"#;
    // Only valid entries count: the number is PL005's.
    let count = "count = { key = \"metrics\", max = 1 }";
    assert_eq!(
        run(&rule("tactic[*]", count, "{item}: {count} > {max}"), plan),
        ["8:20 TT001 this tactic: 2 > 1"]
    );
    // `kpi = [1, 2, 3]` holds no KPI: a count skips it, `require` finds no KPI.
    let kpis = "count = { key = \"kpi\", max = 0 }";
    assert!(run(&rule("goal[*]", kpis, "kpis"), plan).is_empty());
    assert_eq!(
        run(&rule("goal[*]", "require = [\"kpi\"]", "no kpi"), plan),
        ["2:1 TT001 no kpi"]
    );
    // A mistyped value is absent for every check but `require`, which points at it.
    let range = "range = { key = \"cost\", max = 0 }";
    assert!(run(&rule("tactic[*]", range, "cost"), plan).is_empty());
    assert_eq!(
        run(
            &rule("tactic[*]", "require = [\"cost\"]", "cost {cost}"),
            plan
        ),
        ["9:8 TT001 cost (none)"]
    );
    assert!(run(&rule("tactic[*]", "forbid = [\"cost\"]", "cost"), plan).is_empty());
}
