//! Fix fixtures: every `fixtures/fixes/*.plan.toml` is fixed the way `smplan lint --fix` would
//! (names starting `unsafe_` also with `--unsafe-fixes`). The fixed text must equal the
//! `.fixed` file beside it, byte for byte, and the diagnostics that remain (code, position,
//! message, help) the `.after` file (empty: none remain). Fixing the fixed text again changes
//! nothing. `SMPLAN_BLESS=1` writes both files after checking the output by hand.

mod common;
use common::lint_text;

use smplan::Diagnostic;
use smplan::config::Settings;
use smplan::fix::fix_text;
use std::path::{Path, PathBuf};

fn render(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!(
            "{}:{}: {}[{}] {}\n",
            d.start.line, d.start.column, d.severity, d.code, d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  help: {help}\n"));
        }
    }
    out
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fixes");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/fixes exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".plan.toml"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_fix_fixture_gives_its_fixed_text_and_remaining_diagnostics() {
    let settings = Settings::defaults(PathBuf::from("."));
    let bless = std::env::var_os("SMPLAN_BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 15, "the fix fixtures are missing");
    let mut failures = Vec::new();
    for path in cases {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let unsafe_fixes = name.starts_with("unsafe_");
        let before = std::fs::read_to_string(&path).unwrap();
        let diags = lint_text(&name, &before, &settings);
        assert!(
            diags.iter().any(|d| d.fix.is_some()),
            "{name}: no diagnostic offers a fix"
        );
        let fixed = fix_text(&before, unsafe_fixes, |t| lint_text(&name, t, &settings));
        let after = render(&lint_text(&name, &fixed.text, &settings));
        let again = fix_text(&fixed.text, unsafe_fixes, |t| {
            lint_text(&name, t, &settings)
        });
        assert_eq!(again.text, fixed.text, "{name}: fixing twice changed more");
        assert_eq!(again.fixed, 0, "{name}: a second --fix still found fixes");
        if name.contains("is_unsafe") {
            assert_eq!(
                fixed.text, before,
                "{name}: a safe run applied an unsafe fix"
            );
        } else {
            assert_ne!(fixed.text, before, "{name}: nothing was fixed");
            assert!(fixed.fixed > 0, "{name}: no fix counted");
        }
        let fixed_file = path.with_file_name(format!("{name}.fixed"));
        let after_file = path.with_file_name(format!("{name}.after"));
        if bless {
            std::fs::write(&fixed_file, &fixed.text).unwrap();
            std::fs::write(&after_file, &after).unwrap();
            continue;
        }
        let want_fixed = std::fs::read_to_string(&fixed_file).unwrap_or_default();
        let want_after = std::fs::read_to_string(&after_file).unwrap_or_default();
        if want_fixed != fixed.text {
            failures.push(format!(
                "{name}: fixed text differs\n--- want\n{want_fixed}\n--- got\n{}",
                fixed.text
            ));
        }
        if want_after != after {
            failures.push(format!(
                "{name}: remaining diagnostics differ\n--- want\n{want_after}--- got\n{after}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
