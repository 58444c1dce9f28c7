//! Fixture-driven rule tests: one test per fixture, named after it, so `cargo test sm004`
//! runs SM004's fixtures.
//!
//! Every `fixtures/rules/**/*.plan.toml` (and every `*.group` folder, linted as one run) is
//! linted with the default settings, or with the `smplan.toml` in its folder, and its
//! diagnostics are compared with the `.expected` file beside it: each whole diagnostic, as
//! [`render`] writes it. A fixture without an `.expected` file must produce no diagnostic at
//! all — that is how near-misses are written. `SMPLAN_BLESS=1` writes the `.expected` files;
//! check the new output by hand before committing it.
//!
//! A custom harness (`harness = false`, libtest-mimic) rather than generated `#[test]`s: the
//! list of fixtures is read when the tests run, so adding a fixture rebuilds nothing, and the
//! usual filters (`cargo test sm004`, `--exact`, `--list`) work as with built-in tests.

use libtest_mimic::{Arguments, Failed, Trial};
use smplan::config::Settings;
use smplan::diagnostic::Diagnostic;
use smplan::discover::Candidate;
use smplan::lint::{Input, Options, lint};
use smplan::source::{LineIndex, Span};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = rule_fixtures()
        .into_iter()
        .map(|path| Trial::test(test_name(&path), move || check_fixture(&path)))
        .collect();
    trials.push(Trial::test(
        "every_builtin_rule_has_a_firing_fixture",
        every_builtin_rule_has_a_firing_fixture,
    ));
    trials.push(Trial::test(
        "every_expected_file_has_its_fixture",
        every_expected_file_has_its_fixture,
    ));
    trials.push(Trial::test(
        "every_history_fixture_has_its_base",
        every_history_fixture_has_its_base,
    ));
    trials.push(Trial::test(
        "the_reference_plan_lints_clean",
        the_reference_plan_lints_clean,
    ));
    libtest_mimic::run(&args, trials).exit();
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

/// Every fixture under `fixtures/rules`, sorted: plans and `.group` folders. A HI fixture's
/// `X.base.plan.toml` is the base revision of `X.plan.toml`, not a fixture of its own.
fn rule_fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    fixtures(&root(), &mut files);
    files.sort();
    files
}

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.to_string_lossy();
        if p.is_dir() && name.ends_with(".group") {
            out.push(p);
        } else if p.is_dir() {
            fixtures(&p, out);
        } else if name.ends_with(".plan.toml") && !name.ends_with(".base.plan.toml") {
            out.push(p);
        }
    }
}

/// `fixtures/rules/smart/sm004_x.plan.toml` → `smart::sm004_x`; a group keeps `.group` out.
fn test_name(path: &Path) -> String {
    let rel = path.strip_prefix(root()).unwrap_or(path);
    let name = rel
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "::");
    name.trim_end_matches(".plan.toml")
        .trim_end_matches(".group")
        .to_string()
}

fn expected_path(fixture: &Path) -> PathBuf {
    PathBuf::from(format!("{}.expected", fixture.display()))
}

fn check_fixture(fixture: &Path) -> Result<(), Failed> {
    let got = diagnostics(fixture)?;
    let expected_path = expected_path(fixture);
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if got == expected {
        return Ok(());
    }
    if std::env::var_os("SMPLAN_BLESS").is_some() {
        let written = if got.is_empty() {
            std::fs::remove_file(&expected_path)
        } else {
            std::fs::write(&expected_path, &got)
        };
        return written.map_err(|e| format!("blessing {}: {e}", expected_path.display()).into());
    }
    Err(format!(
        "{}\n--- expected\n{expected}--- got\n{got}",
        fixture.display()
    )
    .into())
}

/// The base revision a HI fixture is compared with: `X.base.plan.toml` beside `X.plan.toml`.
fn base_for(fixture: &Path) -> Option<PathBuf> {
    let stem = fixture.to_str()?.strip_suffix(".plan.toml")?;
    Some(PathBuf::from(format!("{stem}.base.plan.toml"))).filter(|b| b.is_file())
}

/// The options a fixture is linted with: with a base revision (shown as `base`, compared as of
/// 2027-06-30 so the expectations never age) when it has one.
fn options_for(fixture: &Path) -> Result<Options, Failed> {
    let mut opts = Options {
        keep_text: true,
        ..Options::default()
    };
    if let Some(base) = base_for(fixture) {
        let text = std::fs::read_to_string(&base)
            .map_err(|e| format!("{}: base does not read: {e}", base.display()))?;
        let as_of = smplan::history::parse_date("2027-06-30")?;
        let texts = std::collections::HashMap::from([(fixture.to_path_buf(), Some(text))]);
        let history = smplan::history::Base::from_texts("base", as_of, texts);
        opts.history = Some(std::sync::Arc::new(history));
    }
    Ok(opts)
}

/// Lints one file (or every plan of a `.group` folder, together) with the settings of its
/// folder and renders every diagnostic whole; paths are shown only for groups.
fn diagnostics(path: &Path) -> Result<String, Failed> {
    let group = path.is_dir();
    let folder = if group {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    let settings = match Some(folder.join("smplan.toml")).filter(|c| c.is_file()) {
        Some(config) => {
            Settings::load(&config).map_err(|e| format!("fixture config does not load: {e:?}"))?
        }
        None => Settings::defaults(PathBuf::from(".")),
    };
    let mut files = Vec::new();
    if group {
        fixtures(path, &mut files);
        files.sort();
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
    let outcome = lint(inputs, &settings, &options_for(path)?);
    let mut out = String::new();
    for f in &outcome.files {
        let text = f.text.as_deref().unwrap_or("");
        let prefix = if group {
            format!("{}:", f.path)
        } else {
            String::new()
        };
        for d in &f.diagnostics {
            render(&mut out, &prefix, text, d);
        }
    }
    Ok(out)
}

/// One diagnostic, whole: the concise line (`line:col: severity[CODE] message`), then one
/// indented line per part — labels, help, related spans, fix, item and rolled-up items — so
/// a fixture pins everything a user reads, not only the code and message.
fn render(out: &mut String, prefix: &str, text: &str, d: &Diagnostic) {
    let lines = LineIndex::new(text);
    let range = |s: Span| {
        let (a, b) = (lines.position(text, s.start), lines.position(text, s.end));
        format!("{}:{}-{}:{}", a.line, a.column, b.line, b.column)
    };
    let _ = writeln!(
        out,
        "{prefix}{}:{}: {}[{}] {}",
        d.start.line, d.start.column, d.severity, d.code, d.message
    );
    let _ = writeln!(
        out,
        "  label {}{}",
        range(d.primary.span),
        d.primary
            .text
            .as_deref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default()
    );
    for l in &d.secondary {
        let _ = writeln!(
            out,
            "  also {}: {}",
            range(l.span),
            l.text.as_deref().unwrap_or("")
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  help: {}", help.replace('\n', "\n        "));
    }
    for r in &d.related {
        let _ = writeln!(
            out,
            "  related {} {}:{}-{}:{}: {}",
            r.path, r.start.line, r.start.column, r.end.line, r.end.column, r.text
        );
    }
    if let Some(fix) = &d.fix {
        let _ = writeln!(
            out,
            "  fix ({}): {}",
            fix.applicability.as_str(),
            fix.message
        );
        for e in &fix.edits {
            let _ = writeln!(out, "    {} → {:?}", range(e.span), e.content);
        }
    }
    if let Some(item) = &d.item {
        let _ = writeln!(out, "  item: {item}");
    }
    for it in d.rollup.iter().flat_map(|r| &r.items) {
        let _ = writeln!(
            out,
            "  rolls up {} {}: {}",
            it.item,
            range(it.span),
            it.message
        );
    }
}

/// Every rule of the built-in catalog (in Rust or in the packs of `rules/`) fires in at least
/// one fixture.
fn every_builtin_rule_has_a_firing_fixture() -> Result<(), Failed> {
    let mut all = String::new();
    for f in rule_fixtures() {
        all.push_str(&std::fs::read_to_string(expected_path(&f)).unwrap_or_default());
    }
    let missing: Vec<_> = smplan::catalog::Catalog::builtin()
        .rules
        .iter()
        .map(|r| r.meta.code.clone())
        .filter(|code| !all.contains(&format!("[{code}]")))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("rules without a firing fixture: {missing:?}").into())
    }
}

/// An `.expected` file left behind by a renamed or deleted fixture would never be checked.
fn every_expected_file_has_its_fixture() -> Result<(), Failed> {
    let fixtures = rule_fixtures();
    if fixtures.len() <= 10 {
        return Err(format!("fixtures/rules has only {} fixtures", fixtures.len()).into());
    }
    let mut stale = Vec::new();
    expected_files(&root(), &mut stale);
    stale.retain(|e| !fixtures.iter().any(|f| expected_path(f) == *e));
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(".expected files without a fixture: {stale:?}").into())
    }
}

/// A base without its plan would never be read (anywhere under `fixtures/rules`), and a HI
/// fixture without its base would pass for want of a history, not because the rule held.
fn every_history_fixture_has_its_base() -> Result<(), Failed> {
    let mut wrong = Vec::new();
    let mut files = Vec::new();
    plan_files(&root(), &mut files);
    for p in files {
        let name = p.to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".base.plan.toml") {
            if !Path::new(&format!("{stem}.plan.toml")).is_file() {
                wrong.push(format!("{name}: no plan beside it"));
            }
        } else if p.starts_with(root().join("history")) && base_for(&p).is_none() {
            wrong.push(format!("{name}: no `.base.plan.toml` beside it"));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n").into())
    }
}

/// Every `*.plan.toml` under `dir`, in every folder (`.group` folders included).
fn plan_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            plan_files(&p, out);
        } else if p.to_string_lossy().ends_with(".plan.toml") {
            out.push(p);
        }
    }
}

fn expected_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            expected_files(&p, out);
        } else if p.to_string_lossy().ends_with(".expected") {
            out.push(p);
        }
    }
}

fn the_reference_plan_lints_clean() -> Result<(), Failed> {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/examples/customer-care-2027.plan.toml");
    let got = diagnostics(&plan)?;
    if !got.is_empty() {
        return Err(format!("the reference plan does not lint clean:\n{got}").into());
    }
    // The shared copy, when this checkout sits beside ../shared (not in a user's clone).
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/examples/customer-care-2027.plan.toml");
    if !shared.is_file() {
        eprintln!("skipping the comparison with ../shared/examples: ../shared is absent");
        return Ok(());
    }
    if std::fs::read_to_string(&shared).ok() != std::fs::read_to_string(&plan).ok() {
        return Err("fixture copy is stale".into());
    }
    Ok(())
}
