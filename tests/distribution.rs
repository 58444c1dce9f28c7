//! What ships besides the linter: version agreement, shell completions, the manual page and
//! `lint --show-settings`.

mod common;
use common::{repo, smplan, smplan_with_config, stderr, stdout, write};

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn version_agrees_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let out = smplan(dir.path()).arg("--version").output().unwrap();
    assert_eq!(stdout(&out), format!("smplan {VERSION}\n"));
    write(dir.path(), "a.plan.toml", "smplan = 1\n");
    let out = smplan(dir.path())
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["version"], VERSION);
    let out = smplan(dir.path())
        .args(["lint", "--format", "sarif"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["runs"][0]["tool"]["driver"]["version"], VERSION);
    // The changelog has a section for this version; the wheel takes its version from Cargo.
    let changelog = std::fs::read_to_string(repo().join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains(&format!("## [{VERSION}] - ")),
        "CHANGELOG.md has no section for {VERSION}"
    );
    let pyproject = std::fs::read_to_string(repo().join("pyproject.toml")).unwrap();
    let pyproject: toml::Table = pyproject.parse().unwrap();
    assert_eq!(
        pyproject["project"]["dynamic"].as_array().unwrap()[0].as_str(),
        Some("version")
    );
    assert_eq!(
        pyproject["tool"]["maturin"]["bindings"].as_str(),
        Some("bin")
    );
}

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _smplan"),
        ("zsh", "#compdef smplan"),
        ("fish", "complete -c smplan"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[smplan]"),
    ] {
        let out = smplan(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell} script lacks `{marker}`");
        // PowerShell's and Elvish's scripts complete options, not their values.
        let values: &[&str] = if matches!(shell, "bash" | "zsh" | "fish") {
            &["gitlab", "junit"]
        } else {
            &[]
        };
        for word in ["lint", "show-settings", "completions"]
            .iter()
            .chain(values)
        {
            assert!(
                script.contains(word),
                "{shell} script does not complete `{word}`"
            );
        }
    }
    let out = smplan(dir.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn bash_completion_script_is_valid_bash() {
    let dir = tempfile::tempdir().unwrap();
    let out = smplan(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    let script = dir.path().join("smplan.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    match std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
    {
        Ok(check) => assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        ),
        Err(_) => eprintln!("SKIPPED: bash is not installed"),
    }
}

#[test]
fn man_page_covers_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = smplan(dir.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(
        page.contains(&format!(".TH smplan 1  \"smplan {VERSION}\"")),
        "{}",
        &page[..200]
    );
    for section in ["NAME", "SYNOPSIS", "OPTIONS", "SUBCOMMANDS"] {
        assert!(
            page.contains(&format!("\n.SH {section}\n")),
            "no {section} section"
        );
    }
    let sub = smplan_with_config(&repo()).arg("--help").output().unwrap();
    let help = stdout(&sub);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(
        commands.contains(&"lint") && commands.contains(&"man"),
        "{commands:?}"
    );
    for c in commands {
        let heading = format!("\n.SH \"SMPLAN {}\"\n", c.to_uppercase());
        assert!(page.contains(&heading), "no section for `smplan {c}`");
    }
    assert!(
        page.contains("show\\-settings"),
        "the lint options are in the page"
    );
    // man(1) renders it when it is installed.
    let file = dir.path().join("smplan.1");
    std::fs::write(&file, &page).unwrap();
    match std::process::Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANWIDTH", "80")
        .output()
    {
        Ok(shown) if shown.status.success() => {
            let text = String::from_utf8_lossy(&shown.stdout);
            assert!(text.contains("SMPLAN LINT"), "{text}");
        }
        _ => eprintln!("SKIPPED rendering: man is not installed"),
    }
}

const CONFIG: &str = r#"
include = ["plans/**/*.plan.toml"]
exclude = ["plans/archive/**", "odd\u0007glob"]

[rules]
KP004 = "off"
SM = "info"

[limits]
kpis_per_goal = { max = 3 }

[words]
vague_words = ["improve", "better"]

[[overrides]]
files = ["plans/legacy/**"]
rules = { SM003 = "off" }
limits = { metrics_per_tactic = { min = 1 } }

[[overrides]]
files = ["plans/other/**"]
rules = { MS001 = "off" }
"#;

fn show(dir: &std::path::Path, args: &[&str]) -> (toml::Table, String) {
    let out = smplan_with_config(dir)
        .arg("lint")
        .arg("--show-settings")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let table = text
        .parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("not TOML: {e}\n{text}"));
    (table, text)
}

#[test]
fn show_settings_resolves_config_overrides_and_command_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "smplan.toml", CONFIG);
    std::fs::create_dir_all(dir.path().join("plans/legacy")).unwrap();
    // Not even valid TOML: --show-settings does not lint.
    write(dir.path(), "plans/legacy/old.plan.toml", "[[[");

    let (t, text) = show(
        dir.path(),
        &[
            "plans/legacy/old.plan.toml",
            "--ignore",
            "PL,BG",
            "--severity",
            "SM005=error",
        ],
    );
    assert!(
        text.starts_with("# smplan ") && !text.contains("Checked "),
        "it linted: {text}"
    );
    assert_eq!(t["config"].as_str(), Some("smplan.toml"));
    assert_eq!(t["path"].as_str(), Some("plans/legacy/old.plan.toml"));
    assert_eq!(t["linted"].as_bool(), Some(true));
    let strings = |v: &toml::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(strings(&t["include"]), ["plans/**/*.plan.toml"]);
    assert_eq!(strings(&t["exclude"]), ["plans/archive/**", "odd\u{7}glob"]);
    assert!(
        !text.contains('\u{7}'),
        "a control character reached the terminal raw"
    );
    assert!(t["command_line"].get("select").is_none());
    assert_eq!(strings(&t["command_line"]["ignore"]), ["PL", "BG"]);
    assert_eq!(strings(&t["command_line"]["severity"]), ["SM005=error"]);

    let limits = &t["limits"];
    assert_eq!(limits["kpis_per_goal"]["min"].as_integer(), Some(1));
    assert_eq!(limits["kpis_per_goal"]["max"].as_integer(), Some(3));
    assert_eq!(
        limits["metrics_per_tactic"]["min"].as_integer(),
        Some(1),
        "the override's"
    );
    assert_eq!(limits["metrics_per_tactic"]["max"].as_integer(), Some(5));
    assert_eq!(strings(&t["words"]["vague_words"]), ["improve", "better"]);

    let overrides = t["overrides"].as_array().unwrap();
    assert_eq!(overrides.len(), 1, "only the entry that matches the path");
    assert_eq!(strings(&overrides[0]["files"]), ["plans/legacy/**"]);

    let rules = t["rules"].as_table().unwrap();
    let level = |code: &str| rules[code].as_str().unwrap().to_string();
    assert_eq!(level("SM003"), "off", "the override");
    assert_eq!(level("SM001"), "info", "the prefix in [rules]");
    assert_eq!(level("SM005"), "error", "--severity");
    assert_eq!(level("KP004"), "off", "[rules]");
    assert_eq!(level("KP001"), "error", "the default");
    assert_eq!(level("PL004"), "off", "--ignore");
    assert_eq!(level("MS001"), "error", "the other override does not apply");
    assert!(text.contains("SM003 = \"off\" # unmeasurable") || text.contains("SM003 = \"off\" #"));
    assert_eq!(
        rules.len(),
        {
            let out = smplan(dir.path()).args(["rules"]).output().unwrap();
            stdout(&out)
                .lines()
                .filter(|l| {
                    l.starts_with(|c: char| c.is_ascii_uppercase())
                        && l.as_bytes().get(2).is_some_and(u8::is_ascii_digit)
                })
                .count()
        },
        "every rule is listed"
    );
}

#[test]
fn show_settings_without_a_config_and_outside_the_include_globs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "smplan.toml", CONFIG);
    let (t, _) = show(dir.path(), &["plans/archive/x.plan.toml"]);
    assert_eq!(t["linted"].as_bool(), Some(false), "excluded");
    assert!(t.get("overrides").is_none());
    assert_eq!(t["rules"]["SM003"].as_str(), Some("info"));

    let (t, text) = show(
        dir.path(),
        &["--no-config", "plans/x.plan.toml", "--select", "KP"],
    );
    assert_eq!(t["config"].as_str(), Some(""));
    assert!(text.contains("--no-config"));
    assert_eq!(t["linted"].as_bool(), Some(true));
    assert_eq!(
        t["rules"]["KP004"].as_str(),
        Some("warning"),
        "selected, the default"
    );
    assert_eq!(t["rules"]["SM001"].as_str(), Some("off"), "not selected");
    assert_eq!(t["command_line"]["select"].as_array().unwrap().len(), 1);
    let (t, _) = show(dir.path(), &["--no-config", "plans/x.plan.toml"]);
    assert_eq!(t["rules"]["SM001"].as_str(), Some("warning"));
    assert_eq!(
        t["rules"]["HI001"].as_str(),
        Some("off"),
        "no --base: history rules are off"
    );
}

/// The word lists shown are the ones the rules use for that plan: its `plan.language`'s.
#[test]
fn show_settings_shows_the_plan_languages_word_lists_and_core_goals() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "smplan.toml",
        "core_goals = [\"increase-donations\", \"reduce-costs\"]\n",
    );
    let plan =
        std::fs::read_to_string(repo().join("fixtures/examples/customer-care-2027.plan.toml"))
            .unwrap()
            .replacen("[plan]\n", "[plan]\nlanguage = \"bg\"\n", 1);
    write(dir.path(), "bg.plan.toml", plan);
    let (t, _) = show(dir.path(), &["bg.plan.toml"]);
    let vague: Vec<&str> = t["words"]["vague_words"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(vague.contains(&"подобр*"), "{vague:?}");
    assert!(!vague.contains(&"improve*"), "{vague:?}");
    let core: Vec<&str> = t["core_goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(core, ["increase-donations", "reduce-costs"]);
}
