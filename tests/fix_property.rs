//! Property test of the fixer (issue 15, item 7): on every fixture and on mutated plans,
//! applying all fixes (unsafe included) gives valid TOML whenever the input was valid TOML,
//! never removes a comment (other than the unused suppressions SU001's fix exists to remove),
//! and applying them a second time changes nothing.

mod common;
use common::lint_text;

use proptest::prelude::*;
use smplan::config::Settings;
use smplan::fix::fix_text;
use std::path::{Path, PathBuf};

const REFERENCE: &str = include_str!("../fixtures/examples/customer-care-2027.plan.toml");

/// The comments of a text that no fix may remove, sorted (a multiset).
fn kept_comments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = smplan::suppress::comment_spans(text)
        .into_iter()
        .map(|s| text[s.start..s.end].trim_end_matches('\r').to_string())
        .filter(|c| !c.contains("smplan-ignore"))
        .collect();
    out.sort();
    out
}

fn parses(text: &str) -> bool {
    toml::de::DeTable::parse(text).is_ok()
}

/// Checks the three properties on one text; returns whether any fix applied.
fn check(name: &str, text: &str, settings: &Settings) -> bool {
    let fixed = fix_text(text, true, |t| lint_text("p.plan.toml", t, settings));
    if parses(text) {
        assert!(
            parses(&fixed.text),
            "{name}: fixes broke the TOML\n--- before\n{text}\n--- after\n{}",
            fixed.text
        );
    }
    let (before, after) = (kept_comments(text), kept_comments(&fixed.text));
    for c in &before {
        assert!(
            after.iter().filter(|a| *a == c).count() >= before.iter().filter(|b| *b == c).count(),
            "{name}: a fix removed the comment `{c}`\n--- after\n{}",
            fixed.text
        );
    }
    let again = fix_text(&fixed.text, true, |t| lint_text("p.plan.toml", t, settings));
    assert_eq!(again.text, fixed.text, "{name}: fixing twice changed more");
    fixed.text != text
}

fn plans(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            plans(&p, out);
        } else if p.to_string_lossy().ends_with(".plan.toml") {
            out.push(p);
        }
    }
}

#[test]
fn fixes_on_every_fixture_keep_toml_and_comments_and_are_idempotent() {
    let settings = Settings::defaults(PathBuf::from("."));
    let mut files = Vec::new();
    plans(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut files,
    );
    assert!(files.len() > 50, "fixtures not found");
    let mut fixed = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // PL002 fixtures are not UTF-8
        };
        if check(&path.display().to_string(), &text, &settings) {
            fixed += 1;
        }
    }
    // The property is not vacuous: many fixtures have fixes.
    assert!(fixed >= 20, "only {fixed} fixtures had a fix");
}

/// Fixable problems injected into the reference plan, and some junk, in random places.
fn mutated() -> impl Strategy<Value = String> {
    const FIXABLE: &[(&str, &str)] = &[
        ("start = 2027-01-01", "start = \"2027-01-01\""),
        ("deadline = 2027-12-31", "deadline = \"2027-12-31\" # due"),
        ("baseline = 800", "baseline = \"800\""),
        ("baseline = 800", "baseline = \"1,800\""),
        ("target = 1500", "target = \"1500\""),
        ("target = 1500", "target = \"15%\""),
        ("target = 1500", "target = \"1,500\"  # agreed"),
        ("  unit = \"contacts/month\"\n", ""),
        ("  unit = \"contacts/month\"\n", "  unit = \"\"\n"),
        ("smplan = 1\n", ""),
        (
            "scope = \"customer-service\"",
            "scope = \"customer service\"",
        ),
        ("core_goal = \"reduce-costs\"", "core_goal = \"costs\""),
        ("deadline = ", "dedline = "),
        ("owner = ", "ownr = "),
        ("direction = \"increase\"", "direction = \"increse\""),
        (
            "[[tactic]]",
            "# smplan-ignore: MT003, KP004 -- legacy\n[[tactic]]",
        ),
        (
            "metrics = [",
            "metrics = [\"Median first response time\", # note\n  \"median first response time\", ",
        ),
        ("metrics = [", "metrics = [\"Replies\", \"replies\", "),
        ("\n", "\n# a comment line\n"),
        (
            "  \"Satisfaction survey response rate\",\n]",
            "  \"Satisfaction survey response rate\", # last one\n  \"median first response time\"\n]",
        ),
        (
            "  \"Satisfaction survey response rate\",\n]",
            "  \"Satisfaction survey response rate\",\n  # a note\n  \"Median first response time\",\n]",
        ),
        (
            "metrics = [\n",
            "metrics = [ # kept\n  \"Share of repeat questions\",\n",
        ),
    ];
    let picks = prop::collection::vec((0..FIXABLE.len(), any::<usize>()), 1..6);
    let junk = prop::collection::vec((any::<usize>(), "[\\[\\]{}=\"'#.,a-z0-9 \n-]{0,8}"), 0..3);
    (picks, junk, any::<bool>(), any::<bool>()).prop_map(|(picks, junk, crlf, trim_end)| {
        let mut text = REFERENCE.to_string();
        for (i, at) in picks {
            let (from, to) = FIXABLE[i];
            let found: Vec<usize> = text.match_indices(from).map(|(o, _)| o).collect();
            if let Some(&o) = found.get(at % found.len().max(1)) {
                text.replace_range(o..o + from.len(), to);
            }
        }
        for (at, piece) in junk {
            let mut o = at % (text.len() + 1);
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            text.insert_str(o, &piece);
        }
        // Windows newlines and a missing final newline are plans too.
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if trim_end {
            text.truncate(text.trim_end().len());
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::proptest_cases(48), ..ProptestConfig::default() })]

    #[test]
    fn fixes_on_mutated_plans_keep_toml_and_comments_and_are_idempotent(text in mutated()) {
        let settings = Settings::defaults(PathBuf::from("."));
        check("mutated plan", &text, &settings);
    }
}
