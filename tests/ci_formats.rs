//! `--format gitlab` (GitLab Code Quality) and `--format junit` (JUnit XML).

mod common;
use common::{fixture, smplan, stdout, write};

use serde_json::Value;
use std::collections::HashSet;

/// A plan with many diagnostics of several codes and severities.
const BROKEN: &str = "graph/broken.plan.toml";

fn lint(dir: &std::path::Path, format: &str, paths: &[&str]) -> String {
    let out = smplan(dir)
        .args(["lint", "--exit-zero", "--format", format])
        .args(paths)
        .output()
        .unwrap();
    assert!(out.status.success(), "lint failed: {out:?}");
    stdout(&out)
}

fn json(dir: &std::path::Path, format: &str, paths: &[&str]) -> Value {
    serde_json::from_str(&lint(dir, format, paths)).expect("valid JSON")
}

fn fingerprints(issues: &Value) -> Vec<String> {
    issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn gitlab_issues_have_the_code_quality_shape() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    write(dir.path(), "plans/broken.plan.toml", fixture(BROKEN));
    let issues = json(dir.path(), "gitlab", &["plans"]);
    let reference = json(dir.path(), "json", &["plans"]);
    let diags = reference["diagnostics"].as_array().unwrap();
    let issues = issues.as_array().unwrap();
    assert!(diags.len() >= 10, "the broken plan has many diagnostics");
    assert_eq!(issues.len(), diags.len(), "one issue per diagnostic");
    for (issue, d) in issues.iter().zip(diags) {
        let mut keys: Vec<&str> = issue
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "check_name",
                "description",
                "fingerprint",
                "location",
                "severity"
            ]
        );
        let code = d["code"].as_str().unwrap();
        assert_eq!(issue["check_name"], code);
        assert_eq!(
            issue["description"].as_str().unwrap(),
            format!("{code} {}", d["message"].as_str().unwrap())
        );
        let expected = match d["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            "info" => "info",
            other => panic!("unknown severity {other}"),
        };
        assert_eq!(issue["severity"], expected);
        assert_eq!(issue["location"]["path"], "plans/broken.plan.toml");
        assert_eq!(issue["location"]["lines"]["begin"], d["start"]["line"]);
        let fp = issue["fingerprint"].as_str().unwrap();
        assert!(
            fp.len() >= 16 && fp.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
            "fingerprint {fp} is not lowercase hex of 16+ digits"
        );
    }
    let severities: HashSet<&str> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert!(severities.contains("major") && severities.contains("minor"));
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture(BROKEN);
    // The same plan twice under two names: same codes and messages, other paths.
    write(dir.path(), "a.plan.toml", &text);
    write(dir.path(), "b.plan.toml", &text);
    let before = json(dir.path(), "gitlab", &["a.plan.toml", "b.plan.toml"]);
    let prints = fingerprints(&before);
    let unique: HashSet<&String> = prints.iter().collect();
    assert_eq!(
        unique.len(),
        prints.len(),
        "fingerprints repeat: {prints:?}"
    );

    // Blank lines and comments at the top move every diagnostic down by five lines.
    let moved = format!("# reviewed\n\n# by the board\n\n\n{text}");
    write(dir.path(), "a.plan.toml", moved);
    let after = json(dir.path(), "gitlab", &["a.plan.toml", "b.plan.toml"]);
    assert_eq!(
        fingerprints(&after),
        prints,
        "moving lines changed fingerprints"
    );
    let line = |v: &Value, i: usize| v[i]["location"]["lines"]["begin"].as_u64().unwrap();
    assert_eq!(line(&after, 0), line(&before, 0) + 5, "the lines did move");

    // How the path is spelt on the command line does not matter either.
    let spelt = json(dir.path(), "gitlab", &["./a.plan.toml", "b.plan.toml"]);
    assert_eq!(fingerprints(&spelt), prints);
    let absolute = dir.path().canonicalize().unwrap().join("a.plan.toml");
    let cwd = dir.path().canonicalize().unwrap();
    let out = smplan(&cwd)
        .args(["lint", "--exit-zero", "--format", "gitlab"])
        .arg(&absolute)
        .arg("b.plan.toml")
        .output()
        .unwrap();
    let abs: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(fingerprints(&abs), prints);
    assert_eq!(abs[0]["location"]["path"], "a.plan.toml");
}

#[test]
fn gitlab_and_junit_of_a_clean_plan() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "care.plan.toml",
        fixture("examples/customer-care-2027.plan.toml"),
    );
    assert_eq!(lint(dir.path(), "gitlab", &["."]), "[]\n");
    let xml = lint(dir.path(), "junit", &["."]);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("1"));
    assert_eq!(root.attribute("failures"), Some("0"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].attribute("name"), Some("smplan"));
    assert_eq!(cases[0].attribute("classname"), Some("care.plan.toml"));
    assert_eq!(cases[0].children().filter(|n| n.is_element()).count(), 0);
}

#[test]
fn junit_has_a_suite_per_file_and_a_failure_per_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "broken.plan.toml", fixture(BROKEN));
    let mut clean = fixture("examples/customer-care-2027.plan.toml");
    // Another department, so the two plans do not share a scope (SC003).
    clean = clean.replace(
        "department = \"Customer Care\"",
        "department = \"Care APAC\"",
    );
    write(dir.path(), "clean.plan.toml", clean);
    let xml = lint(dir.path(), "junit", &["."]);
    let reference = json(dir.path(), "json", &["."]);
    let diags = reference["diagnostics"].as_array().unwrap();
    assert!(diags.iter().all(|d| d["path"] == "broken.plan.toml"));

    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let names: Vec<_> = suites
        .iter()
        .map(|s| s.attribute("name").unwrap())
        .collect();
    assert_eq!(names, ["broken.plan.toml", "clean.plan.toml"]);
    let n = diags.len().to_string();
    assert_eq!(suites[0].attribute("tests"), Some(n.as_str()));
    assert_eq!(suites[0].attribute("failures"), Some(n.as_str()));
    assert_eq!(suites[1].attribute("failures"), Some("0"));
    let total = (diags.len() + 1).to_string();
    assert_eq!(doc.root_element().attribute("tests"), Some(total.as_str()));

    let cases: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), diags.len());
    for (case, d) in cases.iter().zip(diags) {
        assert_eq!(case.attribute("classname"), Some("broken.plan.toml"));
        let name = format!(
            "{} {}:{}",
            d["code"].as_str().unwrap(),
            d["start"]["line"],
            d["start"]["column"]
        );
        assert_eq!(case.attribute("name"), Some(name.as_str()));
        let failure = case
            .children()
            .find(|n| n.has_tag_name("failure"))
            .expect("a failure");
        assert_eq!(failure.attribute("type"), d["severity"].as_str());
        let message = d["message"].as_str().unwrap();
        assert_eq!(failure.attribute("message"), Some(message));
        let mut body = message.to_string();
        if let Some(help) = d["help"].as_str() {
            body.push_str(&format!("\nhelp: {help}"));
        }
        assert_eq!(failure.text(), Some(body.as_str()));
    }
    let types: HashSet<&str> = cases
        .iter()
        .filter_map(|c| c.children().find(|n| n.has_tag_name("failure")))
        .filter_map(|f| f.attribute("type"))
        .collect();
    assert!(
        types.contains("error") && types.contains("warning"),
        "warnings are failures too"
    );
}

#[test]
fn junit_escapes_every_text() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("examples/customer-care-2027.plan.toml").replacen(
        "[plan]",
        "\"<a&b>\\\"'\\u0001]]>\" = 1\n[plan]",
        1,
    );
    write(dir.path(), "x.plan.toml", plan);
    let xml = lint(dir.path(), "junit", &["."]);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("PL004 on the odd key");
    let message = failure.attribute("message").unwrap();
    // A control character XML cannot carry is shown, not dropped or written raw.
    assert!(message.contains("<a&b>\"'\\u{1}]]>"), "{message}");
    assert!(!xml.contains('\u{1}'));
    assert!(failure.text().unwrap().starts_with(message));
}

#[test]
fn gitlab_fingerprints_differ_for_the_same_problem_twice() {
    // Two KPIs with one id and no owner: two SM007 with the same message in one file.
    let plan = fixture("examples/customer-care-2027.plan.toml")
        .replace("  id = \"social-csat\"", "  id = \"first-response\"")
        .replace(
            "  owner = \"Social care lead\"\n  source = \"Post-chat survey\"",
            "  source = \"Post-chat survey\"",
        )
        .replace("  owner = \"Care shift manager\"\n", "");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dup.plan.toml", plan);
    let issues = json(dir.path(), "gitlab", &["."]);
    let same: Vec<&Value> = issues
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["description"] == "SM007 KPI `first-response` has no `owner`")
        .collect();
    assert_eq!(same.len(), 2, "{issues:#}");
    assert_ne!(same[0]["fingerprint"], same[1]["fingerprint"]);
    let prints = fingerprints(&issues);
    assert_eq!(prints.iter().collect::<HashSet<_>>().len(), prints.len());
}
