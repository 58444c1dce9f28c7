//! The library reads no ambient state: the project root and the folder paths are given from
//! are arguments, so a test's own working directory (the crate) plays no part; and loading a
//! pack leaks nothing, so a long-running server may load packs and settings again and again.
//!
//! The projects lie inside the crate (under `CARGO_TARGET_TMPDIR`), the test process's working
//! directory: a library that read it would make their absolute paths relative to it.

mod common;
use common::fixture;

use smplan::config::Settings;
use smplan::discover::discover;
use smplan::lint::{Input, Options, Outcome, lint};
use std::path::{Path, PathBuf};

/// A project inside the crate, below the test process's working directory.
fn project_in_crate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    common::write_files(dir.path(), files);
    dir
}

/// `smplan.toml` and `plans/a.plan.toml` (MS001), inside the crate.
fn project() -> tempfile::TempDir {
    project_in_crate(&[
        (
            "plans/a.plan.toml",
            &fixture("rules/mission/ms001_missing.plan.toml"),
        ),
        (
            "smplan.toml",
            "[[overrides]]\nfiles = [\"plans\"]\nrules = { MS001 = \"info\" }\n",
        ),
    ])
}

fn lint_project(settings: &Settings) -> Outcome {
    let found = discover(
        &[settings.scope.root().to_path_buf()],
        &settings.scope,
        false,
    )
    .expect("walks");
    let inputs = found.files.into_iter().map(Input::File).collect();
    lint(inputs, settings, &Options::default())
}

#[test]
fn an_explicit_root_gives_paths_relative_to_it() {
    let dir = project();
    let settings = Settings::load(&dir.path().join("smplan.toml")).expect("loads");
    let found = discover(
        &[settings.scope.root().to_path_buf()],
        &settings.scope,
        false,
    )
    .expect("walks");
    let rels: Vec<&Path> = found.files.iter().map(|c| c.rel.as_path()).collect();
    assert_eq!(rels, [Path::new("plans/a.plan.toml")]);
    // The override matched through the relative path: MS001 is lowered to info.
    let outcome = lint_project(&settings);
    let d = &outcome.files[0].diagnostics;
    assert!(
        d.iter()
            .any(|d| d.code == "MS001" && d.severity == smplan::Severity::Info),
        "{d:?}"
    );
}

#[test]
fn relative_paths_resolve_from_the_given_working_dir() {
    let dir = project();
    let mut settings = Settings::defaults(PathBuf::from("plans"));
    settings.set_working_dir(dir.path());
    assert_eq!(
        settings.relative(&dir.path().join("plans/a.plan.toml")),
        Path::new("a.plan.toml")
    );
    assert_eq!(
        settings.relative(Path::new("plans/a.plan.toml")),
        Path::new("a.plan.toml")
    );
    // Without it, only lexically: a relative root and an absolute path do not relate.
    // The given folder, not the process's: from `plans/`, the plan is `a.plan.toml`.
    let mut from_plans = Settings::defaults(PathBuf::from("."));
    from_plans.set_working_dir(&dir.path().join("plans"));
    assert_eq!(
        from_plans.relative(&dir.path().join("plans/a.plan.toml")),
        Path::new("a.plan.toml")
    );
    // No working directory given: an absolute path stays absolute (one that read the process's
    // would make it `target/tmp/…`, the project being inside the crate).
    let abs = dir.path().join("plans/a.plan.toml");
    assert_eq!(Settings::defaults(PathBuf::from(".")).relative(&abs), abs);
    let lexical = Settings::defaults(PathBuf::from("plans"));
    assert_eq!(
        lexical.relative(Path::new("plans/a.plan.toml")),
        Path::new("a.plan.toml")
    );
    let abs = dir.path().join("plans/a.plan.toml");
    assert_eq!(lexical.relative(&abs), abs);
}

#[test]
fn machine_reports_are_relative_to_the_given_base() {
    let dir = project();
    let settings = Settings::load(&dir.path().join("smplan.toml")).expect("loads");
    let outcome = lint_project(&settings);
    let sarif: serde_json::Value = serde_json::from_str(&smplan::report::sarif::render(
        &outcome,
        &settings.catalog,
        Some(dir.path()),
    ))
    .expect("json");
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        serde_json::json!("plans/a.plan.toml")
    );
    assert_eq!(
        location["artifactLocation"]["uriBaseId"],
        serde_json::json!("%SRCROOT%")
    );
    let gitlab: serde_json::Value =
        serde_json::from_str(&smplan::report::gitlab::render(&outcome, Some(dir.path())))
            .expect("json");
    assert_eq!(
        gitlab[0]["location"]["path"],
        serde_json::json!("plans/a.plan.toml")
    );
    // Without a base the absolute path stays absolute, though it lies below the process's
    // working directory.
    let gitlab: serde_json::Value =
        serde_json::from_str(&smplan::report::gitlab::render(&outcome, None)).expect("json");
    let path = gitlab[0]["location"]["path"].as_str().unwrap_or_default();
    assert!(Path::new(path).is_absolute(), "{path}");
    assert_eq!(Path::new(path), dir.path().join("plans/a.plan.toml"));
    let sarif: serde_json::Value = serde_json::from_str(&smplan::report::sarif::render(
        &outcome,
        &settings.catalog,
        None,
    ))
    .expect("json");
    let artifact =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    let uri = artifact["uri"].as_str().unwrap_or_default();
    assert!(uri.starts_with("file:///"), "{artifact}");
    assert!(artifact.get("uriBaseId").is_none(), "{artifact}");
    // A base gives paths relative to it, not to the process's working directory.
    let plans = dir.path().join("plans");
    let gitlab: serde_json::Value =
        serde_json::from_str(&smplan::report::gitlab::render(&outcome, Some(&plans)))
            .expect("json");
    assert_eq!(
        gitlab[0]["location"]["path"],
        serde_json::json!("a.plan.toml")
    );
}

/// The acme example project (a pack, an override of its severity) copied into a folder.
fn acme_project() -> tempfile::TempDir {
    project_in_crate(&[
        ("smplan.toml", &fixture("packs/acme/smplan.toml")),
        ("rules/acme.toml", &fixture("packs/acme/rules/acme.toml")),
        (
            "plans/care.plan.toml",
            &fixture("packs/acme/plans/care.plan.toml"),
        ),
    ])
}

/// Relative paths (the config's, its packs', the paths to lint) name files in the given
/// working directory, whatever the process's own: the config, the pack and the plans are found
/// and read there, and shown as given.
#[test]
fn files_are_opened_from_the_given_working_dir() {
    let dir = acme_project();
    assert_ne!(std::env::current_dir().ok().as_deref(), Some(dir.path()));
    let settings = Settings::load_in(dir.path(), Path::new("smplan.toml")).expect("loads");
    assert_eq!(settings.scope.root(), Path::new("."));
    assert_eq!(settings.scope.working_dir(), Some(dir.path()));
    assert_eq!(settings.packs, [PathBuf::from("./rules/acme.toml")]);
    for given in ["plans", "plans/care.plan.toml", "."] {
        let found = discover(&[PathBuf::from(given)], &settings.scope, false).expect("walks");
        let shown: Vec<(&str, &Path, &Path)> = found
            .files
            .iter()
            .map(|c| (c.display.as_str(), c.path.as_path(), c.rel.as_path()))
            .collect();
        let path = if given == "." {
            "./plans/care.plan.toml"
        } else {
            "plans/care.plan.toml"
        };
        assert_eq!(
            shown,
            [(
                "plans/care.plan.toml",
                Path::new(path),
                Path::new("plans/care.plan.toml")
            )],
            "{given}"
        );
        let inputs = found.files.into_iter().map(Input::File).collect();
        let outcome = lint(inputs, &settings, &Options::default());
        let codes: Vec<(&str, smplan::Severity)> = outcome.files[0]
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.severity))
            .collect();
        assert!(
            codes.contains(&("ACME001", smplan::Severity::Error)),
            "{codes:?}"
        );
        assert!(!codes.iter().any(|(c, _)| *c == "PL002"), "{codes:?}");
    }
    // `plans` does not exist in the process's working directory (the crate), only in the given
    // one; and a lexical scope (no working directory) asks the process's.
    let lexical = Settings::defaults(PathBuf::from("."));
    assert!(discover(&[PathBuf::from("plans")], &lexical.scope, false).is_err());
}

/// The pack's text is owned by what loaded it: once every catalog holding the pack is dropped,
/// only our own handle on its name remains. (This proves the strings are shared, not leaked to
/// `'static`; that no leaking path exists at all is `tests/architecture.rs`' `Box::leak` check.)
#[test]
fn loading_a_pack_again_and_again_leaks_nothing() {
    use smplan::catalog::Catalog;
    let text = fixture("packs/acme/rules/acme.toml");
    let builtin = Catalog::builtin();
    let first = smplan::packs::load_pack_text("acme.toml", &text, &builtin, false).expect("loads");
    let name = first
        .name
        .shared()
        .cloned()
        .expect("a pack's name is shared, not static");
    let code = first.rules[0].meta.code.shared().cloned().expect("shared");
    let mut catalog = builtin.clone();
    catalog.add_pack(first);
    let held = (
        std::sync::Arc::strong_count(&name),
        std::sync::Arc::strong_count(&code),
    );
    assert!(
        held.0 > 1 && held.1 > 1,
        "the catalog holds the pack: {held:?}"
    );
    let copies: Vec<Catalog> = (0..100).map(|_| catalog.clone()).collect();
    assert!(std::sync::Arc::strong_count(&code) > held.1);
    drop(copies);
    assert_eq!(std::sync::Arc::strong_count(&code), held.1);
    drop(catalog);
    assert_eq!(std::sync::Arc::strong_count(&name), 1);
    assert_eq!(std::sync::Arc::strong_count(&code), 1);
    // Loading it many more times gives fresh text each time, all of it freed on drop.
    for _ in 0..100 {
        let pack =
            smplan::packs::load_pack_text("acme.toml", &text, &builtin, false).expect("loads");
        let again = pack.name.shared().cloned().expect("shared");
        assert!(!std::sync::Arc::ptr_eq(&again, &name));
        drop(pack);
        assert_eq!(std::sync::Arc::strong_count(&again), 1);
    }
}
