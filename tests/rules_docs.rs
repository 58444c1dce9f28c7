//! `docs/rules.md` lists the catalog: every rule exactly once, in its area's table, with the
//! code, name and default severity of the registry (`smplan::docs_tables`); no row names
//! a code the catalog lacks. `SMPLAN_BLESS=1 cargo test --test rules_docs` rewrites the tables
//! (the "fires when" prose stays as written; a new rule's row starts with its summary).

mod common;
use common::repo;

use smplan::catalog::Catalog;
use smplan::docs_tables::sync;

#[test]
fn the_rule_tables_of_docs_rules_md_are_the_catalog() {
    let path = repo().join("docs/rules.md");
    let checked_in = std::fs::read_to_string(&path).expect("docs/rules.md exists");
    let (derived, problems) = sync(&checked_in, &Catalog::builtin());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    if derived == checked_in {
        return;
    }
    if std::env::var_os("SMPLAN_BLESS").is_some() {
        std::fs::write(&path, &derived).expect("write docs/rules.md");
        return;
    }
    let diff = similar::TextDiff::from_lines(&checked_in, &derived)
        .unified_diff()
        .header("docs/rules.md", "derived from the registry")
        .to_string();
    panic!("docs/rules.md drifted from the registry (SMPLAN_BLESS=1 rewrites it):\n{diff}");
}

#[test]
fn every_rule_code_in_docs_rules_md_is_in_the_catalog() {
    // Codes in prose too (`SM002 or PL005`): a renamed or removed rule leaves none behind.
    let text = std::fs::read_to_string(repo().join("docs/rules.md")).expect("docs/rules.md");
    let catalog = Catalog::builtin();
    let mut unknown: Vec<&str> = code_like(&text)
        .filter(|c| catalog.get(c).is_none())
        .collect();
    unknown.dedup();
    assert!(unknown.is_empty(), "codes no rule has: {unknown:?}");
}

/// Words of two capital letters and three digits (`KP002`).
fn code_like(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            let b = w.as_bytes();
            b.len() == 5
                && b[..2].iter().all(u8::is_ascii_uppercase)
                && b[2..].iter().all(u8::is_ascii_digit)
        })
}
