//! `smplan init` (a starter plan that lints clean) and `smplan schema` (JSON Schema of the format).

mod common;
use common::{repo, smplan, smplan_with_config, stderr, stdout, write};

use serde_json::Value;
use std::path::Path;

use smplan::model::SCOPES;

/// Lints files with the binary; returns the JSON document.
fn lint_json(dir: &Path, paths: &[&str]) -> Value {
    let out = smplan(dir)
        .args(["lint", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("a JSON document")
}

/// The year `init` plans for: this year, or next year from 1 October on.
fn default_year() -> i16 {
    let today = jiff::ZonedDateTime::now().date();
    if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    }
}

#[test]
fn init_writes_the_default_path_and_the_plan_lints_with_no_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let out = smplan(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let year = default_year();
    let rel = format!("plans/marketing-{year}.plan.toml");
    let path = dir.path().join(&rel);
    assert!(path.is_file(), "{rel} written; stdout: {}", stdout(&out));
    assert!(stdout(&out).contains(&rel), "{}", stdout(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    for section in [
        "smplan = 1",
        "[plan]",
        "mission = ",
        "[business_goals]",
        "[[goal]]",
        "[[goal.kpi]]",
        "[[tactic]]",
        "metrics = [",
        "candidates = [",
        "[x]",
    ] {
        assert!(text.contains(section), "{section} in\n{text}");
    }
    for step in 1..=7 {
        assert!(
            text.contains(&format!("# Step {step} ")),
            "a comment explains step {step}"
        );
    }
    assert!(text.contains(&format!("start = {year}-01-01")));
    let doc = lint_json(dir.path(), &[&rel]);
    assert_eq!(doc["diagnostics"], serde_json::json!([]), "{doc:#}");
}

#[test]
fn every_scope_gives_a_clean_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for scope in SCOPES {
        let name = format!("{scope}.plan.toml");
        let out = smplan(dir.path())
            .args(["init", "--scope", scope, &name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(text.contains(&format!("scope = \"{scope}\"")));
        paths.push(name);
    }
    // Linted together too: different scopes never overlap (SC003).
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let doc = lint_json(dir.path(), &refs);
    assert_eq!(doc["summary"]["files"], SCOPES.len());
    assert_eq!(doc["diagnostics"], serde_json::json!([]), "{doc:#}");
}

#[test]
fn init_refuses_to_overwrite_without_force_and_creates_folders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let target = "deep/er/care.plan.toml";
    let out = smplan(d)
        .args(["init", "--scope", "customer-service", target])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(d.join(target), "my own plan").unwrap();
    let out = smplan(d)
        .args(["init", "--scope", "customer-service", target])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join(target)).unwrap(),
        "my own plan"
    );
    let out = smplan(d)
        .args(["init", "--force", "--scope", "customer-service", target])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(d.join(target)).unwrap();
    assert!(text.contains("scope = \"customer-service\""));
    // A folder gets the default file name inside it.
    let out = smplan(d)
        .args(["init", "--scope", "sales", "deep"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let year = default_year();
    assert!(d.join(format!("deep/sales-{year}.plan.toml")).is_file());
    // So does a new folder named with a trailing slash.
    let out = smplan(d)
        .args(["init", "--scope", "it", "new/folder/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(d.join(format!("new/folder/it-{year}.plan.toml")).is_file());
}

#[test]
fn init_rejects_an_unknown_scope_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let out = smplan(dir.path())
        .args(["init", "--scope", "custmer-service"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("unknown scope `custmer-service`") && err.contains("`customer-service`"),
        "{err}"
    );
    assert!(!dir.path().join("plans").exists(), "nothing written");
}

fn schema() -> Value {
    let out = smplan(&repo()).arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

/// Visits every schema object that describes a key (a value of `properties` or
/// `patternProperties`), with its path.
fn walk<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k == "properties" || k == "patternProperties" {
                    if let Some(props) = child.as_object() {
                        for (name, schema) in props {
                            let p = format!("{path}.{name}");
                            out.push((p.clone(), schema));
                            walk(schema, p, out);
                        }
                    }
                } else {
                    walk(child, format!("{path}/{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn schema_describes_every_key_and_closes_every_table_but_x() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let mut keys = Vec::new();
    walk(&s, String::new(), &mut keys);
    assert!(keys.len() > 30, "{}", keys.len());
    for (path, schema) in &keys {
        assert!(
            schema["description"].as_str().is_some_and(|d| d.len() > 10),
            "{path} has a description"
        );
    }
    // additionalProperties: false on every object schema except `[x]`.
    fn objects<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
        if let Value::Object(map) = v {
            if map.get("type") == Some(&Value::from("object")) {
                out.push((path.clone(), v));
            }
            for (k, child) in map {
                objects(child, format!("{path}/{k}"), out);
            }
        } else if let Value::Array(items) = v {
            for (i, child) in items.iter().enumerate() {
                objects(child, format!("{path}[{i}]"), out);
            }
        }
    }
    let mut objs = Vec::new();
    objects(&s, String::new(), &mut objs);
    assert!(objs.len() >= 6);
    for (path, o) in objs {
        if path == "/properties/x" {
            assert!(o.get("additionalProperties").is_none());
        } else {
            assert_eq!(o["additionalProperties"], false, "{path}");
        }
    }
    let plan = &s["properties"]["plan"]["properties"];
    assert_eq!(plan["scope"]["enum"], serde_json::json!(SCOPES));
    let defs = &s["$defs"];
    assert_eq!(
        defs["goal"]["properties"]["perspective"]["enum"],
        serde_json::json!([
            "customer",
            "financial",
            "internal-process",
            "learning-growth"
        ])
    );
    assert_eq!(
        defs["kpi"]["properties"]["direction"]["enum"],
        serde_json::json!(["increase", "decrease", "maintain"])
    );
    assert_eq!(
        defs["kpi"]["properties"]["core_goal"]["enum"],
        serde_json::json!(["increase-profit", "reduce-costs", "increase-satisfaction"])
    );
    assert_eq!(plan["start"]["format"], "date");
}

/// Runs check-jsonschema (which reads TOML, turning local dates into `YYYY-MM-DD` strings).
fn check_jsonschema(args: &[&Path]) -> Option<std::process::Output> {
    std::process::Command::new("check-jsonschema")
        .args(args)
        .output()
        .ok()
}

#[test]
fn schema_accepts_the_reference_plan_and_rejects_broken_ones() {
    if check_jsonschema(&[Path::new("--version")]).is_none() {
        println!(
            "SKIPPED schema_accepts_the_reference_plan_and_rejects_broken_ones: check-jsonschema is not installed (pip install check-jsonschema)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let schema_path = d.join("smplan.schema.json");
    std::fs::write(
        &schema_path,
        serde_json::to_string_pretty(&schema()).unwrap(),
    )
    .unwrap();
    let meta = check_jsonschema(&[Path::new("--check-metaschema"), &schema_path]).unwrap();
    assert!(meta.status.success(), "{}{}", stdout(&meta), stderr(&meta));

    let reference =
        std::fs::read_to_string(repo().join("fixtures/examples/customer-care-2027.plan.toml"))
            .unwrap();
    write(d, "reference.plan.toml", &reference);
    let out = smplan(d)
        .args(["init", "--scope", "research", "starter.plan.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    for good in ["reference.plan.toml", "starter.plan.toml"] {
        let out =
            check_jsonschema(&[Path::new("--schemafile"), &schema_path, &d.join(good)]).unwrap();
        assert!(
            out.status.success(),
            "{good}: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }

    let broken: &[(&str, &str, &str)] = &[
        (
            "unknown key",
            "  owner = \"Social care lead\"\n",
            "  owner = \"Social care lead\"\n  dedline = 2027-12-31\n",
        ),
        (
            "bad scope",
            "scope = \"customer-service\"",
            "scope = \"customer-services\"",
        ),
        (
            "bad perspective",
            "perspective = \"customer\"",
            "perspective = \"customers\"",
        ),
        (
            "bad core goal",
            "core_goal = \"reduce-costs\"",
            "core_goal = \"reduce-cost\"",
        ),
        (
            "bad direction",
            "direction = \"decrease\"",
            "direction = \"down\"",
        ),
        ("string target", "target = 1500", "target = \"1500\""),
        ("bad id", "id = \"care-rota\"", "id = \"Care rota\""),
        ("bad letter", "C = \"Keep", "c = \"Keep"),
        (
            "missing mission",
            "mission = \"Make every customer feel heard where they already are\"\n",
            "",
        ),
        ("version 2", "smplan = 1", "smplan = 2"),
        ("negative cost", "cost = 12000", "cost = -1"),
        (
            "empty title",
            "title = \"Customer care social media plan 2027\"",
            "title = \"  \"",
        ),
        (
            "integer date",
            "deadline = 2027-09-30",
            "deadline = 20270930",
        ),
    ];
    for (what, from, to) in broken {
        assert!(
            reference.contains(from),
            "{what}: `{from}` is in the reference plan"
        );
        let name = format!("{}.plan.toml", what.replace(' ', "-"));
        std::fs::write(d.join(&name), reference.replacen(from, to, 1)).unwrap();
        let out =
            check_jsonschema(&[Path::new("--schemafile"), &schema_path, &d.join(&name)]).unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{what} is rejected: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    // `[x]` is free-form.
    let with_x = format!("{reference}\n[x]\nanything = {{ goes = [1, \"two\"] }}\n");
    write(d, "x.plan.toml", with_x);
    let out = check_jsonschema(&[
        Path::new("--schemafile"),
        &schema_path,
        &d.join("x.plan.toml"),
    ])
    .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn init_year_sets_the_horizon_and_each_scope_has_its_own_content() {
    let dir = tempfile::tempdir().unwrap();
    let out = smplan(dir.path())
        .args(["init", "--scope", "recruiting", "--year", "2031"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rel = "plans/recruiting-2031.plan.toml";
    let text = std::fs::read_to_string(dir.path().join(rel)).expect("default path uses --year");
    assert!(
        text.contains("start = 2031-01-01\nend = 2031-12-31\n"),
        "{text}"
    );
    assert!(
        text.contains("applicants") && text.contains("hires"),
        "{text}"
    );
    assert!(
        !text.contains("web shop"),
        "recruiting is not about web-shop customers"
    );
    let doc = lint_json(dir.path(), &[rel]);
    assert_eq!(doc["diagnostics"], serde_json::json!([]), "{doc:#}");
    // Each scope talks about its own function.
    for (scope, words) in [
        ("marketing", &["returning customers", "recommend"][..]),
        ("sales", &["pipeline", "proposal"]),
        ("customer-service", &["contacts", "answer"]),
        ("research", &["insights", "study"]),
        ("it", &["incident", "tickets"]),
        ("recruiting", &["applicants", "hire"]),
        ("executive-office", &["investor", "crisis"]),
    ] {
        let out = smplan(dir.path())
            .args(["init", "-q", "--scope", scope, "--year", "2030", "--force"])
            .arg(format!("{scope}.plan.toml"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = std::fs::read_to_string(dir.path().join(format!("{scope}.plan.toml"))).unwrap();
        for w in words {
            assert!(text.to_lowercase().contains(w), "{scope}: `{w}` in\n{text}");
        }
    }
    // A year out of range is a usage error.
    let out = smplan(dir.path())
        .args(["init", "--year", "20000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_writes_the_configured_core_goals() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "smplan.toml",
        "core_goals = [\"increase-donations\", \"reduce-costs\", \"advance-mission\"]\n",
    );
    let out = smplan_with_config(dir.path())
        .args([
            "init",
            "-q",
            "--scope",
            "marketing",
            "--year",
            "2030",
            "p.plan.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("p.plan.toml")).unwrap();
    assert!(
        text.contains("core_goal = \"increase-donations\""),
        "{text}"
    );
    // It lints clean under that config.
    let out = smplan_with_config(dir.path())
        .args(["lint", "-q", "--format", "concise", "p.plan.toml"])
        .output()
        .unwrap();
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
}
