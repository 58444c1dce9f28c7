//! The Fails/Passes examples of a rule's docs (what `smplan explain` shows), as plans that the
//! example runner can lint: `tests/explain_examples.rs` runs them with [`crate::examples::run_example`],
//! the call `smplan test-pack` runs `[[rule.example]]` with, so a doc example that stops
//! failing (or starts failing where it passes) breaks the build.
//!
//! A doc example shows only the tables it is about, in a plan that is otherwise fine, so
//! [`complete`] makes that plan the same way every time:
//! - `smplan = 1` comes first;
//! - a `[[goal]]` header goes before a `[[goal.kpi]]` that has none above it;
//! - the `[plan]` and `[business_goals]` tables of [`PLAN`] and [`BUSINESS_GOALS`] go after the
//!   example when it has no such table of its own (singular tables whose absence other rules
//!   report: PL003, MS001, BG002, and GL002 or TC001 defer to those).
//!
//! Goals, KPIs and tactics are never added: their absence is what GL001, KP001 or GL004 are
//! about. An example that sets `smplan` itself is a whole plan and runs as written. The plan
//! says where the example's own text is ([`Completed::own`]), so a Fails example must fire its
//! rule there, not on what was added. A Passes example is checked only for not firing its
//! rule, not for being a clean plan.

use std::ops::Range;

/// The `[plan]` a doc example without one is completed with.
pub const PLAN: &str = "[plan]
title = \"Customer care social media plan 2027\"
scope = \"customer-service\"
start = 2027-01-01
end = 2027-12-31
mission = \"Make every customer feel heard where they already are\"
";

/// The `[business_goals]` a doc example without them is completed with.
pub const BUSINESS_GOALS: &str = "[business_goals]
A = \"Cut support costs by 10%\"
B = \"Raise satisfaction to 90%\"
";

/// One ```` ```toml ```` block of a `## Example` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocExample {
    /// Shown under a `Fails` label (else under `Passes`).
    pub fails: bool,
    /// 1-based line of the block's first TOML line in the docs, for failure reports.
    pub line: usize,
    pub toml: String,
}

/// Every TOML block of the docs' `## Example` section, with the label (`Fails…` or
/// `Passes…`) of the paragraph it follows. A block before any label counts as neither and is
/// left out.
pub fn doc_examples(docs: &str) -> Vec<DocExample> {
    let mut out = Vec::new();
    let mut in_section = false;
    let mut label: Option<bool> = None;
    let mut block: Option<DocExample> = None;
    for (i, raw) in docs.lines().enumerate() {
        // Doc comments keep the space after `///`.
        let line = raw.strip_prefix(' ').unwrap_or(raw);
        if let Some(b) = block.as_mut() {
            if line.trim_end() == "```" {
                out.extend(block.take());
                // The next block needs a label of its own, not the one this block used.
                label = None;
            } else {
                b.toml.push_str(line);
                b.toml.push('\n');
            }
            continue;
        }
        if line.starts_with("## ") {
            in_section = line.trim_end() == "## Example";
            label = None;
            continue;
        }
        if !in_section {
            continue;
        }
        if line.starts_with("Fails") {
            label = Some(true);
        } else if line.starts_with("Passes") {
            label = Some(false);
        } else if line.trim_end() == "```toml"
            && let Some(fails) = label
        {
            block = Some(DocExample {
                fails,
                line: i + 2,
                toml: String::new(),
            });
        }
    }
    out
}

/// A doc example made a plan, and where the example's own lines are in it: a rule that fires
/// only on what [`complete`] added did not fire on the example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    pub plan: String,
    /// Byte ranges of the example's own text in `plan`, in order.
    pub own: Vec<Range<usize>>,
}

impl Completed {
    /// An example run as written: all of it is its own.
    pub fn as_written(example: &str) -> Completed {
        Completed {
            plan: example.to_string(),
            own: std::iter::once(0..example.len()).collect(),
        }
    }

    /// Whether byte `offset` of the plan is in the example's own text.
    pub fn is_own(&self, offset: usize) -> bool {
        self.own.iter().any(|r| r.contains(&offset))
    }
}

/// The plan a doc example stands for: see the module docs.
pub fn complete(example: &str) -> Completed {
    if sets_version(example) {
        return Completed::as_written(example);
    }
    let mut plan = String::with_capacity(example.len() + PLAN.len() + BUSINESS_GOALS.len() + 32);
    let mut own: Vec<Range<usize>> = Vec::new();
    plan.push_str("smplan = 1\n");
    let (mut in_goal, mut has_plan, mut has_business_goals) = (false, false, false);
    for line in example.split_inclusive('\n') {
        match header(line) {
            Some((true, "goal")) => in_goal = true,
            Some((true, "goal.kpi")) if !in_goal => {
                plan.push_str("[[goal]]\n");
                in_goal = true;
            }
            Some((false, "plan")) => has_plan = true,
            Some((false, "business_goals")) => has_business_goals = true,
            _ => {}
        }
        let at = plan.len();
        plan.push_str(line);
        match own.last_mut() {
            Some(last) if last.end == at => last.end = plan.len(),
            _ => own.push(at..plan.len()),
        }
    }
    if !plan.ends_with('\n') {
        plan.push('\n');
    }
    for (has, table) in [(has_plan, PLAN), (has_business_goals, BUSINESS_GOALS)] {
        if !has {
            plan.push('\n');
            plan.push_str(table);
        }
    }
    Completed { plan, own }
}

/// Whether a key `smplan` comes before the example's first table header.
fn sets_version(example: &str) -> bool {
    example
        .lines()
        .take_while(|l| header(l).is_none())
        .filter_map(|l| l.trim_start().strip_prefix("smplan"))
        .any(|rest| rest.trim_start().starts_with('='))
}

/// A header line's kind and name: `[[goal.kpi]]` → `(true, "goal.kpi")`, `[plan]` →
/// `(false, "plan")`.
fn header(line: &str) -> Option<(bool, &str)> {
    let l = line.trim_start();
    let name = l.strip_prefix('[')?;
    let (array, name) = match name.strip_prefix('[') {
        Some(inner) => (true, inner),
        None => (false, name),
    };
    Some((array, name.split(']').next()?.trim()))
}

#[cfg(test)]
mod tests {
    use super::{DocExample, complete, doc_examples};

    #[test]
    fn blocks_take_the_label_of_their_paragraph() {
        let docs = " ## What it checks\n ```toml\n a = 1\n ```\n ## Example\n Fails (why):\n ```toml\n x = 1\n ```\n Passes:\n ```toml\n y = 2\n ```\n ## Other\n Fails:\n ```toml\n z = 3\n ```\n";
        assert_eq!(
            doc_examples(docs),
            vec![
                DocExample {
                    fails: true,
                    line: 8,
                    toml: "x = 1\n".into()
                },
                DocExample {
                    fails: false,
                    line: 12,
                    toml: "y = 2\n".into()
                },
            ]
        );
    }

    #[test]
    fn a_label_covers_one_block() {
        let docs = " ## Example\n Fails:\n ```toml\n x = 1\n ```\n ```toml\n y = 2\n ```\n";
        let got = doc_examples(docs);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].toml, "x = 1\n");
    }

    #[test]
    fn fragments_get_a_version_a_goal_and_the_singular_tables() {
        use super::{BUSINESS_GOALS, PLAN};
        let plan = |example: &str| complete(example).plan;
        assert_eq!(
            plan("[[goal.kpi]]\nid = \"a\"\n"),
            format!("smplan = 1\n[[goal]]\n[[goal.kpi]]\nid = \"a\"\n\n{PLAN}\n{BUSINESS_GOALS}")
        );
        assert_eq!(
            plan("[[goal]]\nid = \"g\"\n  [[goal.kpi]]\n  id = \"a\"\n[plan]\n[business_goals]"),
            "smplan = 1\n[[goal]]\nid = \"g\"\n  [[goal.kpi]]\n  id = \"a\"\n[plan]\n[business_goals]\n"
        );
        assert_eq!(
            plan("# smplan-ignore: MT003\n[[tactic]]\n"),
            format!("smplan = 1\n# smplan-ignore: MT003\n[[tactic]]\n\n{PLAN}\n{BUSINESS_GOALS}"),
            "a comment stays on the line above its table"
        );
        assert_eq!(
            plan("smplan = 2\n[plan]\n"),
            "smplan = 2\n[plan]\n",
            "an example that sets the version is run as written"
        );
    }

    #[test]
    fn the_example_s_own_text_is_what_it_wrote_not_what_was_added() {
        let example = "[[tactic]]\nid = \"t\"\n[[goal.kpi]]\nid = \"a\"\n";
        let done = complete(example);
        let own: String = done.own.iter().map(|r| &done.plan[r.clone()]).collect();
        assert_eq!(own, example);
        assert_eq!(
            done.own.len(),
            2,
            "the added `[[goal]]` splits it: {:?}",
            done.own
        );
        let added = done.plan.find("[[goal]]").unwrap_or_default();
        assert!(!done.is_own(added) && !done.is_own(0));
        assert!(done.is_own(done.plan.find("id = \"a\"").unwrap_or_default()));
        assert!(!done.is_own(done.plan.find("[plan]").unwrap_or_default()));
    }
}
