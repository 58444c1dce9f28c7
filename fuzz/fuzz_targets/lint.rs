//! Fuzzes the whole pipeline: parse, model, every rule (two copies of the input, so the
//! cross-file rule runs too), settling, and every output format. The human formats must print
//! no raw control (safety.md): concise and github one line per diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smplan::config::Settings;
use smplan::lint::{Input, Options, lint};
use smplan::report;
use std::path::PathBuf;
use std::sync::OnceLock;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::defaults(PathBuf::from(".")))
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
    let pretty = report::pretty::render(&outcome, catalog, false, 80);
    let bytes = pretty.as_bytes();
    for (i, c) in pretty.char_indices() {
        // A snippet keeps its source's line breaks (LF, or the CR of a CRLF) and tabs.
        let kept = c == '\n' || c == '\t' || (c == '\r' && bytes.get(i + 1) == Some(&b'\n'));
        assert!(kept || !smplan::sanitize::is_unsafe(c), "raw {c:?} in pretty output");
    }
    for (name, out) in [
        ("concise", report::concise::render(&outcome)),
        ("github", report::github::render(&outcome, catalog)),
    ] {
        assert_eq!(out.lines().count(), count, "{name}: one line per diagnostic");
        assert!(
            !out.chars().any(|c| c != '\n' && smplan::sanitize::is_unsafe(c)),
            "{name}: raw control"
        );
    }
    let _ = report::json::render(&outcome, catalog);
    let _ = report::sarif::render(&outcome, catalog);
});
