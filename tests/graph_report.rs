//! `smplan graph` and `smplan report`: snapshots of the reference plan and of a broken plan
//! (dangling links, orphans, SMART gaps, labels full of syntax characters), and their behaviour
//! on plans that do not parse. Rendering is checked for real by `tests/graph-dot.sh` (Graphviz)
//! and `tests/report-html.sh` (headless Chromium).

mod common;
use common::repo;

use assert_cmd::Command;
use std::path::Path;

const REFERENCE: &str = "fixtures/examples/customer-care-2027.plan.toml";
const BROKEN: &str = "fixtures/graph/broken.plan.toml";
const UNPARSEABLE: &str = "fixtures/rules/structure/pl001_missing_bracket.plan.toml";

fn smplan(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("smplan").expect("binary builds");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs `smplan --no-config ARGS` in the repository; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = smplan(&repo())
        .arg("--no-config")
        .args(args)
        .output()
        .expect("smplan runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "smplan {args:?} failed:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stdout
}

#[test]
fn graph_mermaid_of_the_reference_plan() {
    insta::assert_snapshot!(ok(&["graph", REFERENCE]));
}

#[test]
fn graph_dot_of_the_reference_plan() {
    insta::assert_snapshot!(ok(&["graph", "--format", "dot", REFERENCE]));
}

#[test]
fn graph_mermaid_of_a_broken_plan() {
    let out = ok(&["graph", BROKEN]);
    // Broken links and orphans are drawn and marked, not dropped.
    assert!(out.contains("[\"<b>Goal deflekt</b>"), "{out}");
    assert!(out.contains("[\"<b>Business goal B</b>"), "{out}");
    assert!(out.contains("orphan: serves no goal"), "{out}");
    assert!(out.contains("no goal supports it"), "{out}");
    assert!(out.contains("linkStyle "), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn graph_dot_of_a_broken_plan() {
    insta::assert_snapshot!(ok(&["graph", "--format", "dot", BROKEN]));
}

/// Every label is `["..."]` with nothing inside that Mermaid (or the Markdown fence around it)
/// reads as syntax, and every id is a safe identifier.
#[test]
fn mermaid_labels_are_escaped_and_ids_safe() {
    let out = ok(&["graph", BROKEN]);
    for line in out.lines().skip(1) {
        let line = line.trim();
        if line.starts_with("%%")
            || line.starts_with("classDef")
            || line.starts_with("style")
            || line.starts_with("linkStyle")
        {
            continue;
        }
        if let Some((id, rest)) = line.split_once("[\"") {
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && id.starts_with(|c: char| c.is_ascii_lowercase()),
                "unsafe id in {line}"
            );
            let (label, tail) = rest.rsplit_once("\"]").expect("label closes");
            assert!(tail.starts_with(":::"), "{line}");
            let without_tags = label
                .replace("<br/>", "")
                .replace("<b>", "")
                .replace("</b>", "")
                .replace("<i>", "")
                .replace("</i>", "");
            for bad in ['"', '[', ']', '<', '>', '`', '|', '{', '}', '\n'] {
                assert!(!without_tags.contains(bad), "`{bad}` in label: {line}");
            }
        } else {
            // An edge: `a --> b`, `a -.->|missing| b`, `a -.- b`, `a ~~~ b`.
            let parts: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(parts.len(), 3, "{line}");
            for id in [parts[0], parts[2]] {
                assert!(
                    id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "{line}"
                );
            }
        }
    }
    assert!(!out.contains("```"));
}

#[test]
fn graph_of_a_plan_that_does_not_parse_exits_1_with_pl001() {
    let (code, stdout, stderr) = run(&["graph", UNPARSEABLE]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("PL001"), "{stderr}");
    assert!(stderr.contains("invalid TOML"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn graph_of_a_missing_file_or_a_folder_exits_2() {
    let (code, _, stderr) = run(&["graph", "no/such.plan.toml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    let (code, _, stderr) = run(&["graph", "fixtures/examples"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("one plan file"), "{stderr}");
}

#[test]
fn graph_reads_standard_input() {
    let text = std::fs::read_to_string(repo().join(REFERENCE)).expect("reference plan");
    let out = smplan(&repo())
        .args(["--no-config", "graph", "-"])
        .write_stdin(text)
        .output()
        .expect("smplan runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        ok(&["graph", REFERENCE])
    );
}

/// Every fixture, however broken, is drawn without a panic, in both formats: in process, with
/// the call `smplan graph` makes (`smplan::graph::draw_file`: read, parse, then draw or
/// diagnose), since spawning the binary twice per fixture took a third of the suite's time.
#[test]
fn graph_never_panics_on_any_fixture() {
    use smplan::graph::{Format, draw_file};
    let settings = smplan::config::Settings::defaults(repo());
    let mut stack = vec![repo().join("fixtures")];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !path.to_string_lossy().ends_with(".plan.toml") {
                continue;
            }
            seen += 1;
            for format in [Format::Mermaid, Format::Dot] {
                let drawn = std::panic::catch_unwind(|| {
                    match draw_file(&path, path.display().to_string(), &settings, format) {
                        Ok(graph) => assert!(!graph.is_empty()),
                        Err(outcome) => {
                            smplan::report::pretty::render(&outcome, &settings.catalog, false, 100);
                        }
                    }
                });
                assert!(
                    drawn.is_ok(),
                    "{}: graph {format:?} panicked",
                    path.display()
                );
            }
        }
    }
    assert!(seen > 50, "only {seen} fixtures");
}

/// The command around that call, once per format: a plan it cannot draw exits 1 with its
/// diagnostic, never a panic.
#[test]
fn the_graph_command_exits_0_or_1_in_each_format() {
    for format in ["mermaid", "dot"] {
        let (code, _, stderr) = run(&["graph", "--format", format, UNPARSEABLE]);
        assert!(code == 0 || code == 1, "{format}: exit {code}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(stderr.contains("PL001"), "{format}: {stderr}");
    }
}

#[test]
fn report_markdown_of_the_reference_plan() {
    let out = ok(&["report", REFERENCE]);
    assert!(out.contains("```mermaid\nflowchart LR\n"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn report_markdown_of_broken_plans() {
    let out = ok(&[
        "report",
        BROKEN,
        UNPARSEABLE,
        "fixtures/rules/structure/pl008_missing_version.plan.toml",
    ]);
    // SMART cells come from the diagnostics, with the reason.
    assert!(
        out.contains("✗ SM007: KPI `more-followers` has no `owner`"),
        "{out}"
    );
    assert!(out.contains("✗ KP003:"), "{out}");
    // A quoted deadline (PL005) is not ticked as time-bound, and SM003 is not pretended.
    assert!(out.contains("✗ PL005: `deadline` must be a date"), "{out}");
    assert!(
        out.contains("? not checked: PL005 fired on this KPI"),
        "{out}"
    );
    // The plan that does not parse shows its diagnostic.
    assert!(out.contains("error\\[PL001\\] invalid TOML"), "{out}");
    // Without a version the rules did not run: no cell is ticked.
    assert!(out.contains("**The rules did not run:**"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn report_uses_the_config_limits() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("smplan.toml"),
        "[limits]\nmetrics_per_tactic = { min = 4, max = 6 }\n",
    )
    .expect("write config");
    std::fs::copy(repo().join(REFERENCE), dir.path().join("a.plan.toml")).expect("copy");
    let out = smplan(dir.path())
        .args(["report", "."])
        .output()
        .expect("smplan runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Kept metrics per tactic: 4–6"), "{text}");
    assert!(text.contains("✗ fewer than 4"), "{text}");
    // --no-config ignores it.
    let out = smplan(dir.path())
        .args(["--no-config", "report", "."])
        .output()
        .expect("smplan runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Kept metrics per tactic: 2–5"));
    // A config that does not exist is exit 2.
    let out = smplan(dir.path())
        .args(["--config", "nope.toml", "graph", "a.plan.toml"])
        .output()
        .expect("smplan runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn report_html_is_one_self_contained_page() {
    let out = ok(&["report", "--format", "html", REFERENCE, BROKEN, UNPARSEABLE]);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(out.contains("Content-Security-Policy"));
    for fetch in [
        "<script",
        "<link",
        "src=",
        "url(http",
        "@import",
        "href=\"http",
    ] {
        assert!(
            !out.contains(fetch),
            "the page fetches something: `{fetch}`"
        );
    }
    // User text is escaped.
    assert!(out.contains("they &lt;already&gt; are &amp; stay | loyal"));
    assert!(!out.contains("<already>"));
    // The unparseable plan shows its diagnostic.
    assert!(out.contains("error[PL001]</span> invalid TOML"));
}

/// The HTML report's tables (facts, business goals, SMART, metrics per tactic), pinned like the
/// Markdown ones: both render the same rows.
#[test]
fn report_html_tables_of_broken_plans() {
    let out = ok(&[
        "report",
        "--format",
        "html",
        BROKEN,
        "fixtures/rules/structure/pl008_missing_version.plan.toml",
    ]);
    let tables: Vec<&str> = out
        .split("<div class=\"wrap\">")
        .skip(1)
        .filter_map(|t| t.split_once("</div>").map(|(table, _)| table))
        .collect();
    assert_eq!(tables.len(), 8, "{out}");
    insta::assert_snapshot!(tables.join("\n"));
}

#[test]
fn report_writes_output_and_handles_missing_paths() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.html");
    let (code, stdout, stderr) = run(&[
        "report",
        "--format",
        "html",
        "--output",
        &file.to_string_lossy(),
        REFERENCE,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    let html = std::fs::read_to_string(&file).expect("report written");
    assert!(html.contains("Customer care social media plan 2027"));
    let (code, _, stderr) = run(&["report", "no/such/folder"]);
    assert_eq!(code, 2, "{stderr}");
}
