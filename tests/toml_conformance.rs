//! TOML conformance: every invalid document of toml-test's TOML 1.1 set
//! (`fixtures/toml-test/`, vendored from github.com/toml-lang/toml-test under its MIT licence)
//! is PL001, or PL002 when it is not UTF-8. Values the parser keeps as text (numbers) are
//! validated too, so `x = 0x` cannot lint as valid TOML.

use smplan::lint::parse_plan;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

#[test]
fn every_invalid_document_of_toml_test_is_rejected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/toml-test/invalid");
    let mut all = Vec::new();
    files(&root, &mut all);
    all.sort();
    assert!(all.len() > 400, "the vendored set is there: {}", all.len());
    let mut accepted = Vec::new();
    for path in &all {
        let bytes = std::fs::read(path).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            continue; // PL002: not UTF-8
        };
        match parse_plan(&text) {
            Err(d) => assert_eq!(d.code, "PL001", "{}", path.display()),
            Ok(_) => accepted.push(path.strip_prefix(&root).unwrap().display().to_string()),
        }
    }
    assert!(accepted.is_empty(), "accepted as valid TOML: {accepted:#?}");
}
