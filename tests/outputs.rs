//! Machine outputs: the JSON document, SARIF 2.1.0, GitHub workflow commands, `--output FILE`.

mod common;
use common::{fixture, reference, repo, smplan, smplan_with_config, stderr, stdout, write};

use serde_json::Value;
use std::path::Path;

const MISSION: &str = "mission = \"Make every customer feel heard where they already are\"";
/// A mission with a number (MS002) after a non-ASCII letter, so columns and offsets differ.
const MISSION_7: &str = "mission = \"Make every café guest feel heard, 7 days a week\"";

/// `a.plan.toml`: the clean reference plan. `b.plan.toml`: the same scope, department and
/// horizon (SC003, with a related label in `a.plan.toml`) and a mission with a number (MS002).
fn two_plans() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let a = reference();
    assert!(a.contains(MISSION), "the reference plan's mission changed");
    let b = a.replace(MISSION, MISSION_7);
    write(dir.path(), "a.plan.toml", &a);
    write(dir.path(), "b.plan.toml", &b);
    (dir, b)
}

/// 1-based line and column (in code points) of a byte offset.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line as u64, col as u64)
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

fn json_of(dir: &Path, extra: &[&str]) -> Value {
    let out = smplan(dir)
        .args(["lint", "--format", "json", "."])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("one JSON document, nothing else")
}

#[test]
fn json_output_shape_is_pinned() {
    let (dir, b) = two_plans();
    let doc = json_of(dir.path(), &[]);
    assert_eq!(keys(&doc), ["diagnostics", "summary", "tool", "version"]);
    assert_eq!(doc["tool"], "smplan");
    assert_eq!(doc["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        doc["summary"],
        serde_json::json!({ "files": 2, "errors": 0, "warnings": 2, "infos": 0 })
    );
    let diags = doc["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["SC003", "MS002"], "ordered by path, line, column");
    for d in diags {
        assert_eq!(
            keys(d),
            [
                "code", "end", "help", "message", "name", "path", "related", "severity", "start"
            ]
        );
        for pos in [&d["start"], &d["end"]] {
            assert_eq!(keys(pos), ["column", "line", "offset"]);
        }
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(d["help"].as_str().is_some_and(|m| !m.is_empty()));
    }

    // MS002: positions are 1-based, columns count code points, offsets count bytes.
    let ms = &diags[1];
    assert_eq!(ms["path"], "b.plan.toml");
    assert_eq!(ms["name"], "mission-is-a-target");
    assert_eq!(ms["severity"], "warning");
    assert_eq!(ms["related"], serde_json::json!([]));
    let seven = b.find("7 days").unwrap();
    assert_eq!(ms["start"]["offset"], seven as u64);
    let (line, col) = line_col(&b, seven);
    assert_eq!(ms["start"]["line"], line);
    assert_eq!(ms["start"]["column"], col);
    let line_text = b.lines().nth(line as usize - 1).unwrap();
    let col_bytes = line_text.find("7 days").unwrap() + 1;
    assert_eq!(col + 1, col_bytes as u64, "é is one column, two bytes");
    let end = ms["end"]["offset"].as_u64().unwrap() as usize;
    let (end_line, end_col) = line_col(&b, end);
    assert_eq!(
        (ms["end"]["line"].as_u64(), ms["end"]["column"].as_u64()),
        (Some(end_line), Some(end_col))
    );
    assert!(end > seven);

    // SC003: a related label in the other file.
    let sc = &diags[0];
    assert_eq!(sc["name"], "duplicate-scope");
    let related = sc["related"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    let r = &related[0];
    assert_eq!(keys(r), ["end", "message", "path", "start"]);
    assert_eq!(r["path"], "a.plan.toml");
    let a = reference();
    let scope = a.find("\"customer-service\"").unwrap();
    assert_eq!(r["start"]["offset"], scope as u64);
    let (line, col) = line_col(&a, scope);
    assert_eq!(
        (r["start"]["line"].as_u64(), r["start"]["column"].as_u64()),
        (Some(line), Some(col))
    );
}

#[test]
fn machine_formats_print_no_summary_line() {
    let (dir, _) = two_plans();
    for format in ["json", "sarif", "github"] {
        let out = smplan(dir.path())
            .args(["lint", "--statistics", "--format", format, "."])
            .output()
            .unwrap();
        let text = stdout(&out);
        assert!(!text.contains("Checked "), "{format}: {text}");
        if format != "github" {
            serde_json::from_str::<Value>(&text).expect("stdout is one JSON document");
        }
        assert!(stderr(&out).contains("MS002"), "statistics go to stderr");
    }
}

fn sarif_of(dir: &Path) -> Value {
    let out = smplan(dir)
        .args(["lint", "--format", "sarif", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("SARIF is one JSON document")
}

#[test]
fn sarif_structure() {
    let (dir, _) = two_plans();
    let sarif = sarif_of(dir.path());
    let json = json_of(dir.path(), &[]);
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif"));
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "smplan");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();

    // Every rule of the catalog is listed, with its docs as help.
    let out = smplan(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let catalog: Value = serde_json::from_slice(&out.stdout).unwrap();
    let catalog = catalog.as_array().unwrap();
    assert_eq!(rules.len(), catalog.len());
    for row in catalog {
        let rule = rules
            .iter()
            .find(|r| r["id"] == row["code"])
            .unwrap_or_else(|| panic!("{} is listed", row["code"]));
        assert_eq!(rule["name"], row["name"]);
        for key in ["shortDescription", "fullDescription"] {
            assert!(
                rule[key]["text"].as_str().is_some_and(|t| !t.is_empty()),
                "{key} of {}",
                row["code"]
            );
        }
        // GitHub code scanning's limits.
        assert!(rule["name"].as_str().unwrap().chars().count() <= 255);
        for key in ["shortDescription", "fullDescription"] {
            assert!(rule[key]["text"].as_str().unwrap().chars().count() <= 1024);
        }
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        let level = match row["default_severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
    }
    let pl004 = rules.iter().find(|r| r["id"] == "PL004").unwrap();
    assert!(
        !pl004["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("##"),
        "fullDescription is the 'What it checks' text, without headings"
    );
    assert!(
        pl004["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why the method wants it")
    );

    // Results mirror the JSON output.
    let results = run["results"].as_array().unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    for (r, d) in results.iter().zip(diags) {
        assert_eq!(r["ruleId"], d["code"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], d["code"],
            "ruleIndex points at the rule"
        );
        assert_eq!(r["level"], d["severity"]);
        let text = r["message"]["text"].as_str().unwrap();
        assert!(text.starts_with(d["message"].as_str().unwrap()), "{text}");
        assert!(text.contains(d["help"].as_str().unwrap()), "{text}");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], d["path"]);
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &loc["region"];
        assert_eq!(region["startLine"], d["start"]["line"]);
        assert_eq!(region["startColumn"], d["start"]["column"]);
        assert_eq!(region["endLine"], d["end"]["line"]);
        assert_eq!(region["endColumn"], d["end"]["column"]);
    }
    let sc003 = &results[0];
    let related = sc003["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["id"], 1);
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.plan.toml"
    );
    assert_eq!(
        related[0]["physicalLocation"]["region"]["startLine"],
        diags[0]["related"][0]["start"]["line"]
    );
    assert!(related[0]["message"]["text"].is_string());
    assert!(
        sc003["message"]["text"].as_str().unwrap().contains("](1)"),
        "the message embeds a link to the related location"
    );
}

#[test]
fn sarif_uris_are_relative_with_forward_slashes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans/care team")).unwrap();
    let plan = reference().replace(MISSION, MISSION_7);
    write(dir.path(), "plans/care team/b.plan.toml", plan);
    let sarif = sarif_of(dir.path());
    let loc = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "plans/care%20team/b.plan.toml"
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema = repo().join("../shared/schemas/sarif-2.1.0.json");
    if !schema.is_file() {
        println!(
            "SKIPPED sarif_is_valid_against_the_official_schema: {} is absent (it exists only beside the project's own checkout)",
            schema.display()
        );
        return;
    }
    if std::process::Command::new("check-jsonschema")
        .arg("--version")
        .output()
        .is_err()
    {
        println!(
            "SKIPPED sarif_is_valid_against_the_official_schema: check-jsonschema is not installed (pip install check-jsonschema)"
        );
        return;
    }
    // Broken files (PL001/PL002) and clean ones, a cross-file relation and same-file labels.
    let (dir, _) = two_plans();
    let d = dir.path();
    write(d, "c-broken.plan.toml", "smplan = 1\n[plan\n");
    write(d, "d-binary.plan.toml", [0u8, 159, 146, 150]);
    write(
        d,
        "e-dup.plan.toml",
        reference()
            .replace("id = \"care-rota\"", "id = \"deflect\"")
            .replace(
                "department = \"Customer Care EMEA\"",
                "department = \"Other\"",
            ),
    );
    let out = smplan(d)
        .args(["lint", "--format", "sarif", "--output", "out.sarif", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out.sarif")).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let pl007 = results.iter().find(|r| r["ruleId"] == "PL007").unwrap();
    assert!(
        pl007["relatedLocations"][0]["physicalLocation"]["region"]["startLine"].is_u64(),
        "same-file labels become related locations"
    );
    let out = std::process::Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(&schema)
        .arg(d.join("out.sarif"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn github_workflow_commands() {
    let (dir, _) = two_plans();
    let json = json_of(dir.path(), &[]);
    let out = smplan(dir.path())
        .args(["lint", "--format", "github", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    for (line, d) in lines.iter().zip(json["diagnostics"].as_array().unwrap()) {
        let expected = format!(
            "::warning file={},line={},col={},endLine={},endColumn={},title={} {}::{}%0Ahelp: {}",
            d["path"].as_str().unwrap(),
            d["start"]["line"],
            d["start"]["column"],
            d["end"]["line"],
            d["end"]["column"],
            d["code"].as_str().unwrap(),
            d["name"].as_str().unwrap(),
            escape(d["message"].as_str().unwrap()),
            escape(d["help"].as_str().unwrap()),
        );
        assert_eq!(*line, expected);
    }

    // Errors are `::error`, infos `::notice`; properties escape `,` and `:`, data escapes `%`.
    write(
        dir.path(),
        "odd,name:2027.plan.toml",
        reference().replace("smplan = 1\n", "smplan = 1\n\"50%\" = 1\n"),
    );
    let out = smplan(dir.path())
        .args([
            "lint",
            "--format",
            "github",
            "--severity",
            "MS002=info",
            "--ignore",
            "SC003",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let error = text
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("an error line: {text}"));
    assert!(
        error.starts_with("::error file=odd%2Cname%3A2027.plan.toml,line=3,col=1,"),
        "{error}"
    );
    assert!(error.contains(",title=PL004 unknown-key::"), "{error}");
    assert!(error.contains("50%25"), "{error}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("::notice file=b.plan.toml,")),
        "{text}"
    );
}

#[test]
fn output_file_is_written_atomically_and_stdout_stays_empty() {
    let (dir, _) = two_plans();
    let d = dir.path();
    write(d, "broken.plan.toml", "smplan = 1\n[plan\n");
    let expected = smplan(d)
        .args(["lint", "--format", "json", "."])
        .output()
        .unwrap();
    write(d, "report.json", "old contents");
    for format in ["json", "sarif", "github", "concise", "pretty"] {
        let out = smplan(d)
            .args(["lint", "--format", format, "--output", "report.json", "."])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "the exit code is kept: {format}"
        );
        assert_eq!(stdout(&out), "", "{format}: nothing on stdout");
        let written = std::fs::read_to_string(d.join("report.json")).unwrap();
        assert!(written.contains("PL001"), "{format}: {written}");
        assert!(!written.contains('\u{1b}'), "{format}: no colour in a file");
        if format == "json" {
            assert_eq!(written, stdout(&expected), "the same document as on stdout");
        }
    }
    // No temporary file is left beside the report.
    let mut names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "a.plan.toml",
            "b.plan.toml",
            "broken.plan.toml",
            "report.json"
        ]
    );
    // A report that cannot be written is exit 2, and the run leaves nothing behind.
    let out = smplan(d)
        .args([
            "lint",
            "--format",
            "json",
            "--output",
            "no/such/dir/r.json",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
}

/// `smplan.toml` (MT002 as info) above `plans/care.plan.toml`, and another config in `x/` with
/// the acme pack: the runs below start in `plans/`.
fn plans_below_their_config() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("smplan.toml", "[rules]\nMT002 = \"info\"\n".to_string()),
        (
            "plans/care.plan.toml",
            fixture("packs/acme/plans/care.plan.toml"),
        ),
        ("x/smplan.toml", fixture("packs/acme/smplan.toml")),
        ("x/rules/acme.toml", fixture("packs/acme/rules/acme.toml")),
    ] {
        write(dir.path(), name, text);
    }
    dir
}

/// Runs `smplan ARGS` in `dir` (reading the config it finds) and parses its output.
fn document_in(dir: &Path, args: &[&str]) -> Value {
    let out = smplan_with_config(dir).args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// SARIF and GitLab paths are relative to the working directory (cli.md, distribution.md), not
/// to the config's folder: from `plans/`, with the config in the parent or named by
/// `--config ../x/smplan.toml`, the plan is `care.plan.toml` under a `%SRCROOT%` of `plans/`.
#[test]
fn machine_paths_are_relative_to_the_working_directory_not_the_config() {
    let dir = plans_below_their_config();
    let plans = dir.path().join("plans");
    let srcroot = format!(
        "file://{}/",
        std::fs::canonicalize(&plans).unwrap().display()
    );
    for (config, code) in [(None, "MT002"), (Some("../x/smplan.toml"), "ACME001")] {
        let mut args: Vec<&str> = config.map_or(Vec::new(), |c| vec!["--config", c]);
        args.extend(["lint", "--format", "sarif", "."]);
        let sarif = document_in(&plans, &args);
        let run = &sarif["runs"][0];
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            srcroot.as_str()
        );
        let results = run["results"].as_array().unwrap();
        assert!(
            results.iter().any(|r| r["ruleId"] == code),
            "{config:?}: {results:?}"
        );
        for r in results {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uri"], "care.plan.toml", "{config:?}");
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{config:?}");
        }
        // The parent's config applies (MT002 as info); `--config` replaces it with acme's.
        if config.is_none() {
            assert_eq!(results[0]["level"], "note", "{results:?}");
        }
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "sarif" { "gitlab" } else { a })
            .collect();
        let gitlab = document_in(&plans, &args);
        let issues = gitlab.as_array().unwrap();
        assert!(issues.iter().any(|i| i["check_name"] == code), "{issues:?}");
        for i in issues {
            assert_eq!(i["location"]["path"], "care.plan.toml", "{config:?}");
        }
    }
}
