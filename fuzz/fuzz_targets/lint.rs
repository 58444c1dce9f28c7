//! Fuzzes the whole pipeline: parse, model, every rule (two copies of the input, so the
//! cross-file rule runs too), settling, and every output format.
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
    let _ = report::pretty::render(&outcome, catalog, false, 80);
    let _ = report::concise::render(&outcome);
    let _ = report::json::render(&outcome, catalog);
    let _ = report::sarif::render(&outcome, catalog);
    let _ = report::github::render(&outcome, catalog);
});
