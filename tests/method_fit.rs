//! Issue 14, the method fits real organisations: configured core goals, word lists per
//! language, one diagnostic per habit, the project-wide SC003 and MS003's limit.

mod common;
use common::{fixture, flat, run, smplan_with_config, write, write_files};

use std::path::Path;

/// A folder with `config` as `smplan.toml` and each `(name, text)` plan.
fn project(config: &str, plans: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = common::project(&[("smplan.toml", config)]);
    write_files(dir.path(), plans);
    dir
}

fn clean() -> String {
    fixture("rules/structure/clean.plan.toml")
}

#[test]
fn a_mission_word_limit_of_zero_is_a_config_error() {
    let clean = clean();
    let dir = project(
        "[limits]\nmax_mission_words = 0\n",
        &[("a.plan.toml", &clean)],
    );
    let (code, _, err) = run(dir.path(), &["lint"]);
    assert_eq!(code, 2, "{err}");
    let err = flat(&err);
    assert!(
        err.contains("`max_mission_words` must be at least 1") && err.contains("smplan.toml:2:21]"),
        "{err}"
    );
}

/// `smplan lint --format json` of a fixture, parsed.
fn json_of(rel: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "p.plan.toml", fixture(rel));
    let (_, out, err) = run(
        dir.path(),
        &["--no-config", "lint", "--format", "json", "p.plan.toml"],
    );
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"))
}

#[test]
fn a_rolled_up_diagnostic_labels_every_item() {
    let doc = json_of("rules/rollup/habits_rolled_up.plan.toml");
    let diags = doc["diagnostics"].as_array().expect("diagnostics");
    let mt001: Vec<_> = diags.iter().filter(|d| d["code"] == "MT001").collect();
    assert_eq!(mt001.len(), 1, "{mt001:?}");
    let d = mt001[0];
    assert_eq!(d["message"], "none of the 4 tactics has metrics");
    assert_eq!(
        d["help"],
        "add `metrics = [\"...\", \"...\"]` with the 2–5 indicators that show whether this tactic works"
    );
    assert_eq!(
        (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()),
        (Some(54), Some(1))
    );
    let related: Vec<(u64, String)> = d["related"]
        .as_array()
        .expect("related")
        .iter()
        .map(|r| {
            assert_eq!(r["path"], "p.plan.toml");
            (
                r["start"]["line"].as_u64().unwrap_or(0),
                r["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let lines: Vec<u64> = related.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [59, 64, 69]);
    assert!(
        related.iter().all(|(_, m)| m == "no `metrics`"),
        "{related:?}"
    );
    // Five rules rolled up, nothing else.
    let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["KP003", "SM003", "SM005", "SM007", "MT001"]);
}

#[test]
fn a_rolled_up_diagnostic_can_be_ignored_or_selected_like_any_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "p.plan.toml",
        fixture("rules/rollup/habits_rolled_up.plan.toml"),
    );
    let (_, out, _) = run(
        dir.path(),
        &[
            "--no-config",
            "lint",
            "-q",
            "--format",
            "concise",
            "--select",
            "MT001,SM007",
        ],
    );
    assert_eq!(
        out,
        "p.plan.toml:23:3: warning[SM007] none of the 3 KPIs has an `owner`\n\
         p.plan.toml:54:1: error[MT001] none of the 4 tactics has metrics\n"
    );
    let (_, out, _) = run(
        dir.path(),
        &[
            "--no-config",
            "lint",
            "-q",
            "--format",
            "concise",
            "--ignore",
            "SM,KP",
            "--severity",
            "MT001=info",
        ],
    );
    assert_eq!(
        out,
        "p.plan.toml:54:1: info[MT001] none of the 4 tactics has metrics\n"
    );
    // Pretty output: one report with a label on every tactic, not four reports.
    let (_, out, _) = run(
        dir.path(),
        &["--no-config", "lint", "-q", "--select", "MT001"],
    );
    assert_eq!(out.matches("MT001").count(), 1, "{out}");
    assert_eq!(out.matches("no `metrics`").count(), 4, "{out}");
}

#[test]
fn kp003_and_its_help_use_the_configured_core_goals() {
    let dir = project(
        "core_goals = [\"increase-donations\", \"reduce-costs\", \"advance-mission\"]\n",
        &[(
            "charity.plan.toml",
            &fixture("rules/kpis/kp003_core_goals.group/charity.plan.toml"),
        )],
    );
    let (code, out, err) = run(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let helps: Vec<(&str, &str)> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        helps,
        [
            (
                "`increase-profit` is not one of the core goals of `core_goals`",
                "did you mean `increase-donations`? every KPI serves `increase-donations`, `reduce-costs` or `advance-mission`"
            ),
            (
                "`advance-mision` is not one of the core goals of `core_goals`",
                "did you mean `advance-mission`? every KPI serves `increase-donations`, `reduce-costs` or `advance-mission`"
            ),
        ]
    );
}

#[test]
fn core_goals_must_be_one_to_seven_distinct_kebab_case_entries() {
    let clean = clean();
    let rejected = |config: &str, message: &str, at: &str| {
        let dir = project(config, &[("a.plan.toml", &clean)]);
        let (code, _, err) = run(dir.path(), &["lint"]);
        let err = flat(&err);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(err.contains(message), "{config}: want `{message}` in {err}");
        assert!(
            err.contains(&format!("smplan.toml:{at}]")),
            "{config}: want {at} in {err}"
        );
    };
    rejected(
        "core_goals = []\n",
        "`core_goals` has 0 entries; it takes 1 to 7",
        "1:14",
    );
    rejected(
        "core_goals = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\"]\n",
        "`core_goals` has 8 entries; it takes 1 to 7",
        "1:14",
    );
    rejected(
        "core_goals = [\"reduce-costs\", \"Advance Mission\"]\n",
        "core goal `Advance Mission` is not kebab-case",
        "1:31",
    );
    rejected(
        "core_goals = [\"reduce-costs\", \"reduce-costs\"]\n",
        "core goal `reduce-costs` is listed twice",
        "1:31",
    );
    // The clean plan serves `reduce-costs`: a list with it passes, one without it fails KP003.
    let dir = project(
        "core_goals = [\"reduce-costs\"]\n",
        &[("a.plan.toml", &clean)],
    );
    assert_eq!(run(dir.path(), &["lint", "-q"]).0, 0);
    let dir = project(
        "core_goals = [\"advance-mission\"]\n",
        &[("a.plan.toml", &clean)],
    );
    let (code, out, _) = run(dir.path(), &["lint", "-q", "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "a.plan.toml:23:15: error[KP003] `reduce-costs` is not one of the core goals of `core_goals`\n"
    );
}

#[test]
fn explain_and_schema_name_the_configured_core_goals() {
    let clean = clean();
    let config =
        "core_goals = [\"increase-public-value\", \"reduce-costs\", \"increase-satisfaction\"]\n";
    let dir = project(config, &[("a.plan.toml", &clean)]);
    let (code, out, _) = run(dir.path(), &["explain", "KP003"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("## In this project\nThe config's `core_goals` replaces the three: every KPI serves `increase-public-value`, `reduce-costs` or `increase-satisfaction`.\n"),
        "{out}"
    );
    let (code, out, _) = run(dir.path(), &["schema"]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).expect("schema is JSON");
    let text = schema.to_string();
    assert!(
        text.contains(r#""enum":["increase-public-value","reduce-costs","increase-satisfaction"]"#),
        "{text}"
    );
    let (_, out, _) = run(dir.path(), &["report", "a.plan.toml"]);
    assert!(
        out.contains("R relevant (serves a core goal: `increase-public-value`, `reduce-costs` or `increase-satisfaction`)"),
        "{out}"
    );
    // Without a config: the three, and no project section.
    let plain = tempfile::tempdir().expect("temp dir");
    let (_, out, _) = run(plain.path(), &["explain", "KP003"]);
    assert!(!out.contains("In this project"), "{out}");
    let (_, out, _) = run(plain.path(), &["schema"]);
    assert!(
        out.contains("\"increase-profit\"") && !out.contains("increase-public-value"),
        "{out}"
    );
}

#[test]
fn a_language_that_is_not_a_tag_is_pl006_and_the_word_rules_read_english() {
    let plan = clean().replacen("[plan]\n", "[plan]\nlanguage = \"BG-bg\"\n", 1);
    let dir = project("", &[("a.plan.toml", &plan)]);
    let (code, out, _) = run(dir.path(), &["lint", "-q", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "PL006");
    assert_eq!(d["message"], "`BG-bg` is not a language tag");
    assert_eq!(
        d["help"],
        "write the primary language tag alone: `language = \"bg\"`"
    );
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(1));
}

#[test]
fn words_tables_name_lists_or_languages_only() {
    let clean = clean();
    for (config, want) in [
        (
            "[words]\nvague = [\"x\"]\n",
            "unknown field `vague`, expected one of `vague_words`",
        ),
        ("[words.bg]\nvague = [\"x\"]\n", "unknown field `vague`"),
        ("[words.BG]\nvague_words = [\"x\"]\n", "unknown field `BG`"),
        (
            "[words.bg]\nvague_words = [\" \"]\n",
            "`words.bg.vague_words` has a blank entry",
        ),
    ] {
        let dir = project(config, &[("a.plan.toml", &clean)]);
        let (code, _, err) = run(dir.path(), &["lint"]);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(
            flat(&err).contains(want),
            "{config}: want `{want}` in {err}"
        );
    }
    // An override may give lists per language too.
    let plan = fixture("rules/language/bg_clean_pass.plan.toml");
    let dir = project(
        "[[overrides]]\nfiles = [\"**\"]\nwords = { bg = { vague_words = [\"чести\"] } }\n",
        &[("bg.plan.toml", &plan)],
    );
    let (_, out, _) = run(dir.path(), &["lint", "-q", "--format", "concise"]);
    assert_eq!(out, "", "KPI names only: `чести` is in a goal statement");
    let dir = project(
        "[[overrides]]\nfiles = [\"**\"]\nwords = { bg = { vague_words = [\"запитвания\"] } }\n",
        &[("bg.plan.toml", &plan)],
    );
    let (_, out, _) = run(dir.path(), &["lint", "-q", "--format", "concise"]);
    assert_eq!(
        out,
        "bg.plan.toml:26:11: warning[SM001] the name of KPI `phone-deflection` uses a vague term: `Запитвания`\n"
    );
}

#[test]
fn labels_on_cyrillic_text_count_code_points() {
    let doc = json_of("rules/language/bg_word_rules_fire.plan.toml");
    let gl003 = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "GL003")
        .cloned()
        .expect("GL003 fires");
    // `игра с награди` starts at column 27 of line 21 and is 14 code points long.
    assert_eq!(gl003["start"]["line"], 21);
    assert_eq!(gl003["start"]["column"], 27);
    assert_eq!(gl003["end"]["column"], 41);
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "p.plan.toml",
        fixture("rules/language/bg_word_rules_fire.plan.toml"),
    );
    let (_, out, _) = run(
        dir.path(),
        &["--no-config", "lint", "-q", "--select", "GL003"],
    );
    // miette underlines each match under its own text.
    let line = out
        .lines()
        .find(|l| l.contains("statement = "))
        .expect("snippet line");
    let under = out
        .lines()
        .skip_while(|l| !l.contains("statement = "))
        .nth(1)
        .expect("underline");
    let col = |s: &str, pat: &str| s.find(pat).map(|b| s[..b].chars().count());
    assert_eq!(col(under, "─"), col(line, "игра"), "{out}");
}

/// A project of two plans that claim the same scope, department and period, plus a broken one
/// and one of another department, under a config in the root.
fn overlapping_project() -> tempfile::TempDir {
    let care = fixture("examples/customer-care-2027.plan.toml");
    let apac = care.replace(
        "department = \"Customer Care EMEA\"",
        "department = \"Customer Care APAC\"",
    );
    assert_ne!(apac, care, "the example names its department");
    project(
        "",
        &[
            ("plans/a-care.plan.toml", &care),
            ("plans/b-care-copy.plan.toml", &care),
            ("plans/c-apac.plan.toml", &apac),
            ("plans/d-broken.plan.toml", "smplan = 1\n[plan\n"),
        ],
    )
}

fn concise(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["lint", "-q", "--format", "concise"];
    all.extend_from_slice(args);
    let (code, out, err) = run(dir, &all);
    assert_ne!(code, 2, "{err}");
    (code, out)
}

#[test]
fn sc003_compares_the_linted_files_with_every_plan_of_the_project() {
    let dir = overlapping_project();
    let d = dir.path();
    // One staged file, as pre-commit passes it: compared with the rest, reported on itself.
    let (_, out) = concise(d, &["plans/b-care-copy.plan.toml"]);
    assert_eq!(
        out,
        "plans/b-care-copy.plan.toml:6:9: warning[SC003] another plan already covers scope `customer-service` for department `Customer Care EMEA` from 2027-01-01 to 2027-12-31\n"
    );
    let (_, out) = concise(d, &["plans/a-care.plan.toml"]);
    assert!(
        out.starts_with("plans/a-care.plan.toml:6:9: warning[SC003]"),
        "{out}"
    );
    assert_eq!(
        out.lines().count(),
        1,
        "never reported on the file that is not linted: {out}"
    );
    // The whole project: once, on the later file; the broken plan is PL001 only there.
    let (_, out) = concise(d, &[]);
    let sc003: Vec<&str> = out.lines().filter(|l| l.contains("SC003")).collect();
    assert_eq!(sc003.len(), 1, "{out}");
    assert!(
        sc003[0].starts_with("plans/b-care-copy.plan.toml:6:9:"),
        "{out}"
    );
    // Another department is not a duplicate.
    let (code, out) = concise(d, &["plans/c-apac.plan.toml"]);
    assert_eq!((code, out.as_str()), (0, ""));
    // The related label names the other plan; the summary counts linted files only.
    let (_, out, _) = run(
        d,
        &["lint", "--format", "json", "plans/b-care-copy.plan.toml"],
    );
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(doc["summary"]["files"], 1);
    let related = &doc["diagnostics"][0]["related"][0];
    assert_eq!(related["path"], "plans/a-care.plan.toml");
    assert_eq!(related["message"], "another plan of the project");
    assert_eq!(related["start"]["line"], 6);
}

#[test]
fn sc003_stdin_stands_in_for_the_file_it_names_and_a_subfolder_sees_the_whole_project() {
    let dir = overlapping_project();
    let d = dir.path();
    let care = fixture("examples/customer-care-2027.plan.toml");
    // The text of a-care.plan.toml from an editor: not compared with itself, only with b.
    let out = smplan_with_config(d)
        .args([
            "lint",
            "-q",
            "--format",
            "json",
            "--stdin-filename",
            "plans/a-care.plan.toml",
            "-",
        ])
        .write_stdin(care.clone())
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let diags = doc["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        diags[0]["related"][0]["path"],
        "plans/b-care-copy.plan.toml"
    );
    // From a subfolder, the project is the config's folder (found by walking up).
    std::fs::create_dir_all(d.join("plans/new")).unwrap();
    write(d, "plans/new/e-care.plan.toml", &care);
    let (_, out) = concise(&d.join("plans/new"), &["e-care.plan.toml"]);
    assert!(
        out.starts_with("e-care.plan.toml:6:9: warning[SC003]"),
        "compared with the plans above: {out}"
    );
    // Without a config the project is the current folder: e-care is alone there.
    std::fs::remove_file(d.join("smplan.toml")).unwrap();
    let (_, out) = concise(&d.join("plans/new"), &["e-care.plan.toml"]);
    assert_eq!(out, "");
    // `--ignore SC003` skips reading the project.
    let (_, out) = concise(d, &["--ignore", "SC003", "plans/b-care-copy.plan.toml"]);
    assert_eq!(out, "");
}

/// Pretty output of `plan` (written as `p.plan.toml`) with `args`, in a folder of its own.
fn pretty(plan: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "p.plan.toml", plan);
    let mut all = vec!["--no-config", "lint", "-q"];
    all.extend_from_slice(args);
    all.push("p.plan.toml");
    run(dir.path(), &all).1
}

#[test]
fn help_never_wraps_inside_a_code_span_or_at_a_hyphen() {
    let plan = clean().replace("  core_goal = \"reduce-costs\"\n", "");
    let out = pretty(&plan, &["--select", "KP003"]);
    let help: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("help:"))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(help.len() > 1, "the help wraps at 100 columns: {out}");
    for line in &help {
        assert_eq!(
            line.matches('`').count() % 2,
            0,
            "a code span is cut: {line}\n{out}"
        );
        assert!(
            !line.trim_end().ends_with('-'),
            "cut at a hyphen: {line}\n{out}"
        );
    }
    let joined = help.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("`increase-profit`, `reduce-costs` or `increase-satisfaction`"),
        "{joined}"
    );
}

#[test]
fn the_mt003_label_says_what_is_over_the_limit() {
    let out = pretty(
        &fixture("rules/metrics/mt003_six_metrics.plan.toml"),
        &["--select", "MT003"],
    );
    assert!(out.contains("item 6 of 6, over the limit of 5"), "{out}");
}

#[test]
fn check_is_a_hidden_alias_of_lint() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "p.plan.toml", clean());
    let (code, out, err) = run(
        dir.path(),
        &[
            "--no-config",
            "check",
            "-q",
            "--format",
            "concise",
            "p.plan.toml",
        ],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let (_, help, _) = run(dir.path(), &["--help"]);
    assert!(!help.contains("check"), "{help}");
}

#[test]
fn sm006_shows_the_deadline_first_and_the_plan_end_after_it() {
    let plan = clean().replace("  deadline = 2027-12-31", "  deadline = 2028-03-31");
    let out = pretty(&plan, &["--select", "SM006"]);
    let deadline = out
        .find("deadline = 2028-03-31")
        .expect("the deadline is shown");
    let end = out.find("end = 2027-12-31").expect("the plan end is shown");
    assert!(deadline < end, "{out}");
    assert!(out.contains("the plan ends here"), "{out}");
}

#[test]
fn the_report_ticks_t_when_sm002_fired_but_the_deadline_is_inside_the_horizon() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = clean().replace("  unit = \"contacts/month\"\n", "");
    write(dir.path(), "p.plan.toml", plan);
    let (_, out, err) = run(dir.path(), &["--no-config", "report", "p.plan.toml"]);
    let row = out
        .lines()
        .find(|l| l.starts_with("| `deflect` |"))
        .unwrap_or_else(|| panic!("{out}{err}"));
    let cells: Vec<&str> = row.split(" | ").collect();
    // Goal, KPI, Target, S, M, A, R, T, Owner
    assert!(cells[4].starts_with("✗ SM002"), "{row}");
    assert!(cells[5].contains("not checked"), "A needs the unit: {row}");
    assert_eq!(
        cells[7], "✓",
        "T: the deadline is inside the horizon: {row}"
    );
}

#[test]
fn the_report_marks_every_kpi_of_a_rolled_up_diagnostic() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "p.plan.toml",
        fixture("rules/rollup/habits_rolled_up.plan.toml"),
    );
    let (_, out, _) = run(dir.path(), &["--no-config", "report", "p.plan.toml"]);
    for kpi in ["kpi-1", "kpi-2", "kpi-3"] {
        let row = out
            .lines()
            .find(|l| l.contains(&format!("`{kpi}`")) && l.starts_with('|'))
            .unwrap_or_else(|| panic!("{kpi}: {out}"));
        assert!(
            row.contains(&format!("✗ SM007: KPI `{kpi}` has no `owner`")),
            "{kpi}: each KPI's own message: {row}"
        );
    }
}

#[test]
fn sc003_reads_a_scope_written_with_escapes_in_a_plan_that_is_not_linted() {
    let care = fixture("examples/customer-care-2027.plan.toml");
    let escaped = care.replace(
        "scope = \"customer-service\"",
        "scope = \"customer\\u002Dservice\"",
    );
    assert_ne!(escaped, care);
    let dir = project("", &[("a.plan.toml", &escaped), ("b.plan.toml", &care)]);
    let (_, out) = concise(dir.path(), &["b.plan.toml"]);
    assert!(out.starts_with("b.plan.toml:6:9: warning[SC003]"), "{out}");
}
