//! Fuzzes everything a pull request can hand smplan, with one input used four ways:
//! - as a plan: parse, model, every rule (two copies, so the cross-file rule runs too),
//!   settling and every output format; the human formats print no raw control (safety.md),
//!   concise and github exactly one line per diagnostic;
//! - as `smplan.toml` and as a rule pack: both loaders, errors rendered as standard error shows
//!   them, never a raw control;
//! - as text for the sanitiser: nothing unsafe left, one line in → one line out, offsets that
//!   map to character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smplan::config::{ConfigError, Settings};
use smplan::lint::{Input, Options, lint};
use smplan::packs::load_pack_text;
use smplan::report;
use smplan::catalog::Catalog;
use smplan::sanitize::{self, SafeSource};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::defaults(PathBuf::from(".")))
}

/// The built-in catalog is built once for the whole run (loading a pack leaks nothing since
/// issue 12; the documented command still passes `-detect_leaks=0` until a run checks it).
fn builtin_catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin)
}

fn printed(e: ConfigError) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let _ = handler.render_report(&mut out, &e);
    out
}

/// No control but the line breaks of a snippet (LF, the CR of a CRLF) and tabs.
fn assert_safe(what: &str, out: &str) {
    let bytes = out.as_bytes();
    for (i, c) in out.char_indices() {
        let kept = c == '\n' || c == '\t' || (c == '\r' && bytes.get(i + 1) == Some(&b'\n'));
        assert!(kept || !sanitize::is_unsafe(c), "{what}: raw {c:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let settings = settings();
    let inputs = vec![
        Input::Stdin { name: "a.plan.toml".into(), bytes: data.to_vec() },
        Input::Stdin { name: "b.plan.toml".into(), bytes: data.to_vec() },
    ];
    let outcome = lint(inputs, settings, &Options { keep_text: true, jobs: Some(1), ..Options::default() });
    let catalog = &settings.catalog;
    let count: usize = outcome.files.iter().map(|f| f.diagnostics.len()).sum();
    assert_safe("pretty", &report::pretty::render(&outcome, catalog, false, 80));
    for (name, out) in [
        ("concise", report::concise::render(&outcome)),
        ("github", report::github::render(&outcome, catalog)),
    ] {
        assert_eq!(out.lines().count(), count, "{name}: one line per diagnostic");
        assert!(!out.chars().any(|c| c != '\n' && sanitize::is_unsafe(c)), "{name}: raw control");
    }
    let _ = report::json::render(&outcome, catalog);
    let _ = report::sarif::render(&outcome, catalog, None);

    let Ok(text) = std::str::from_utf8(data) else { return };
    let line = sanitize::line(text);
    assert!(!line.chars().any(sanitize::is_unsafe));
    let safe = SafeSource::new(text.to_string());
    for i in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
        assert!(safe.text().is_char_boundary(safe.map(i)), "offset {i} maps inside a character");
    }
    if let Err(e) = Settings::load_text(Path::new("fuzz/smplan.toml"), text.to_string()) {
        assert_safe("config error", &printed(e));
    }
    if let Err(e) = load_pack_text("fuzz.toml", text, builtin_catalog(), false) {
        assert_safe("pack error", &printed(e));
    }
});
