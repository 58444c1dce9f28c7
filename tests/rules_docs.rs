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
    unknown.sort_unstable();
    unknown.dedup();
    assert!(unknown.is_empty(), "codes no rule has: {unknown:?}");
}

/// The `*name = value*` defaults in the rules' prose (`*max_horizon_years = 5*`) are the
/// defaults the rules run with, and every limit is given once at least.
#[test]
fn the_defaults_docs_rules_md_gives_are_the_real_ones() {
    let text = std::fs::read_to_string(repo().join("docs/rules.md")).expect("docs/rules.md");
    let l = smplan::rules::options::Limits::default();
    let mib = |n: u64| match n % (1 << 20) {
        0 => format!("{} MiB", n >> 20),
        _ => n.to_string(),
    };
    let real: Vec<(&str, String)> = vec![
        ("max_file_bytes", mib(l.max_file_bytes)),
        ("max_horizon_years", l.max_horizon_years.to_string()),
        ("max_mission_words", l.max_mission_words.to_string()),
        ("kpis_per_goal.min", l.kpis_min.to_string()),
        ("kpis_per_goal.max", l.kpis_max.to_string()),
        ("max_target_ratio", l.max_target_ratio.to_string()),
        ("metrics_per_tactic.min", l.metrics_min.to_string()),
        ("metrics_per_tactic.max", l.metrics_max.to_string()),
        ("candidates_per_tactic.min", l.candidates_min.to_string()),
    ];
    let documented = defaults_in(&text);
    let mut wrong = Vec::new();
    for (name, value) in &documented {
        match real.iter().find(|(n, _)| n == name) {
            Some((_, v)) if v == value => {}
            Some((_, v)) => wrong.push(format!("`{name}`: docs say {value}, the default is {v}")),
            None => wrong.push(format!("`{name}`: no such limit")),
        }
    }
    for (name, _) in &real {
        if !documented.iter().any(|(n, _)| n == name) {
            wrong.push(format!("`{name}`: its default is not given"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // What is checked is what a wrong default would show.
    assert_eq!(
        defaults_in("fires above *max_target_ratio = 6* and *[words] vague_words*: x"),
        [("max_target_ratio".to_string(), "6".to_string())]
    );
}

/// Each `*name = value*` of the text, as `(name, value)`.
fn defaults_in(text: &str) -> Vec<(String, String)> {
    // Emphasis spans alternate with plain text: every odd piece between `*`s is emphasised.
    text.lines()
        .flat_map(|line| line.split('*').skip(1).step_by(2))
        .filter_map(|e| e.split_once(" = "))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect()
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
