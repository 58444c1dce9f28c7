//! Fixture-driven rule tests.
//!
//! Every `fixtures/rules/**/*.plan.toml` is linted with the default settings (or with the
//! `smplan.toml` in its folder) and its diagnostics are compared with the `.expected` file beside
//! it: one `line:col: severity[CODE] message` per line. A fixture without an `.expected` file must
//! produce no diagnostic at all — that is how near-misses are written. Run with
//! `SMPLAN_BLESS=1` to write the `.expected` files after checking the output by hand.

use smplan::config::Settings;
use smplan::discover::Candidate;
use smplan::lint::{Input, Options, lint};
use std::path::{Path, PathBuf};

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() && p.to_string_lossy().ends_with(".group") {
            out.push(p);
        } else if p.is_dir() {
            fixtures(&p, out);
        } else if p.to_string_lossy().ends_with(".plan.toml") {
            out.push(p);
        }
    }
}

/// Lints one file (or every plan of a `.group` folder, together) the way
/// `smplan lint --format concise` would; paths are shown only for groups.
pub fn diagnostics(path: &Path) -> String {
    let group = path.is_dir();
    let folder = if group {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    let settings = match Some(folder.join("smplan.toml")).filter(|c| c.is_file()) {
        Some(config) => Settings::load(&config).expect("fixture config loads"),
        None => Settings::defaults(PathBuf::from(".")),
    };
    let mut files = Vec::new();
    if group {
        fixtures(path, &mut files);
    } else {
        files.push(path.to_path_buf());
    }
    let inputs = files
        .iter()
        .map(|p| {
            let display = p.strip_prefix(folder).unwrap_or(p).display().to_string();
            Input::File(Candidate {
                display,
                path: p.clone(),
                rel: p.clone(),
            })
        })
        .collect();
    let outcome = lint(inputs, &settings, &Options::default());
    let mut out = String::new();
    for f in &outcome.files {
        for d in &f.diagnostics {
            let prefix = if group {
                format!("{}:", f.path)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{prefix}{}:{}: {}[{}] {}\n",
                d.start.line, d.start.column, d.severity, d.code, d.message
            ));
        }
    }
    out
}

#[test]
fn every_rule_fixture_gives_exactly_its_expected_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut files = Vec::new();
    fixtures(&root, &mut files);
    files.sort();
    assert!(
        files.len() > 10,
        "fixtures/rules has only {} fixtures",
        files.len()
    );
    let bless = std::env::var_os("SMPLAN_BLESS").is_some();
    let mut failures = Vec::new();
    for file in &files {
        let got = diagnostics(file);
        let expected_path = PathBuf::from(format!("{}.expected", file.display()));
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            if bless && !got.is_empty() {
                std::fs::write(&expected_path, &got).expect("write .expected");
            } else if bless {
                let _ = std::fs::remove_file(&expected_path);
            } else {
                failures.push(format!(
                    "{}\n--- expected\n{expected}--- got\n{got}",
                    file.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_builtin_rule_has_a_firing_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut files = Vec::new();
    fixtures(&root, &mut files);
    let mut all = String::new();
    for f in &files {
        all.push_str(
            &std::fs::read_to_string(format!("{}.expected", f.display())).unwrap_or_default(),
        );
    }
    // Built-in rules in Rust and in the compiled-in packs of rules/.
    let missing: Vec<_> = smplan::catalog::Catalog::builtin()
        .rules
        .iter()
        .map(|r| r.meta.code.clone())
        // The HI rules need a git history, which fixtures cannot have: see tests/history.rs.
        .filter(|code| !code.starts_with("HI"))
        .filter(|code| !all.contains(&format!("[{code}]")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a firing fixture: {missing:?}"
    );
}

#[test]
fn the_reference_plan_lints_clean() {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/examples/customer-care-2027.plan.toml");
    assert_eq!(diagnostics(&plan), "");
    // The shared copy, when this checkout sits beside ../shared (not in a user's clone).
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/examples/customer-care-2027.plan.toml");
    if shared.is_file() {
        assert_eq!(
            std::fs::read_to_string(&shared).ok(),
            std::fs::read_to_string(&plan).ok(),
            "fixture copy is stale"
        );
    } else {
        eprintln!("skipping the comparison with ../shared/examples: ../shared is absent");
    }
}
