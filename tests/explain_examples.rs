//! Every `smplan explain` page shows a failing and a passing TOML example (cli.md).

use smplan::catalog::Catalog;

/// Whether the text after `label` (up to `until`, if given) holds a ```toml block.
fn has_toml_after(example: &str, label: &str, until: Option<&str>) -> bool {
    let Some(at) = example.find(label) else {
        return false;
    };
    let rest = &example[at..];
    let rest = match until.and_then(|u| rest.find(u)) {
        Some(end) => &rest[..end],
        None => rest,
    };
    rest.contains("```toml\n")
}

#[test]
fn every_explain_page_has_a_failing_and_a_passing_toml_example() {
    // PL002 is about bytes (encoding, size) that TOML cannot show; its page says so in words.
    const IN_WORDS: &[&str] = &["PL002"];
    let catalog = Catalog::builtin();
    let mut missing = Vec::new();
    for rule in &catalog.rules {
        let code = rule.meta.code.as_str();
        if IN_WORDS.contains(&code) {
            continue;
        }
        let Some(at) = rule.meta.docs.find("## Example") else {
            missing.push(format!("{code}: no `## Example`"));
            continue;
        };
        let example = &rule.meta.docs[at..];
        if !has_toml_after(example, "Fails", Some("Passes")) {
            missing.push(format!("{code}: no failing TOML example"));
        }
        if !has_toml_after(example, "Passes", None) {
            missing.push(format!("{code}: no passing TOML example"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
