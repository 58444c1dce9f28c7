//! CEL `when`/`assert` expressions in rule packs: the worked examples, evaluation on the item
//! view, run-time errors, placeholders and the load-time bounds.

mod common;
use common::{
    brief, lint_text, load_pack, one_rule_pack, repo, settings_with_pack, smplan_with_config, write,
};

const HOUSE: &str = "fixtures/packs/expressions/house.toml";

/// Lints `plan` with the given pack text and returns its diagnostics whose code starts with
/// `prefix`, as `line:col CODE message`, and their help lines.
fn run(pack: &str, plan: &str, prefix: &str) -> (Vec<String>, Vec<String>) {
    let ds: Vec<_> = lint_text("p.plan.toml", plan, &settings_with_pack(pack))
        .into_iter()
        .filter(|d| d.code.starts_with(prefix))
        .collect();
    (
        ds.iter().map(brief).collect(),
        ds.iter().filter_map(|d| d.help.clone()).collect(),
    )
}

fn load_error(pack: &str) -> String {
    match load_pack(pack) {
        Ok(_) => panic!("pack should not load"),
        Err(e) => format!("{} | {}", e.message, e.help.unwrap_or_default()),
    }
}

const PLAN: &str = r#"smplan = 1
[plan]
title = "Care"
scope = "marketing"
start = 2027-01-01
end = 2027-12-31
mission = "x"
[[goal]]
id = "revenue"
statement = "More money"
perspective = "financial"
  [[goal.kpi]]
  id = "cost-per-contact"
  core_goal = "reduce-costs"
  direction = "increase"
  baseline = 10
  target = 40
  deadline = 2027-08-15
  [[goal.kpi]]
  name = "x"
  core_goal = "increase-satisfaction"
[[tactic]]
id = "ads"
cost = 500
metrics = ["a", 7, "b"]
"#;

#[test]
fn the_worked_examples_pass_with_test_pack() {
    let out = smplan_with_config(&repo())
        .args(["test-pack", HOUSE])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("10 example(s) of 5 rule(s) in the pack: 10 passed, 0 failed"),
        "{text}"
    );
}

#[test]
fn the_worked_examples_report_exactly_these_diagnostics() {
    let pack = std::fs::read_to_string(repo().join(HOUSE)).unwrap();
    let (got, help) = run(&pack, PLAN, "HOUSE");
    assert_eq!(
        got,
        [
            "2:1 HOUSE002 tactics have costs but the plan names no `currency`",
            "12:3 HOUSE003 KPI `cost-per-contact` aims at 40 from 10 but names no `source`",
            "15:15 HOUSE001 KPI `cost-per-contact` reduces costs but does not say `direction = \"decrease\"`",
            "18:14 HOUSE005 KPI `cost-per-contact` is due 2027-08-15, not in a quarter's last month",
            "21:15 HOUSE004 this KPI of the financial goal `revenue` serves `increase-satisfaction`, not profit or costs",
        ]
    );
    assert!(
        help.contains(
            &"a cost goes down: write `direction = \"decrease\"` (its direction is increase)"
                .to_string()
        ),
        "{help:?}"
    );
    // The fix silences each: a currency, a source, a decreasing cost, a quarter-end deadline,
    // a money KPI.
    let fixed = PLAN
        .replace("mission = \"x\"", "mission = \"x\"\ncurrency = \"EUR\"")
        .replace(
            "direction = \"increase\"",
            "direction = \"decrease\"\n  source = \"Finance\"",
        )
        .replace("2027-08-15", "2027-09-30")
        .replace("\"increase-satisfaction\"", "\"increase-profit\"");
    assert_eq!(run(&pack, &fixed, "HOUSE").0, Vec::<String>::new());
}

#[test]
fn when_selects_items_and_an_error_in_when_means_the_rule_does_not_apply() {
    // The second KPI has no `target`: `item.target` fails there, so the rule skips it.
    let pack = one_rule_pack(
        "goal[*].kpi[*]",
        "{item} aims high",
        "when = \"item.target > 20.0\"\nassert = \"false\"",
    );
    assert_eq!(
        run(&pack, PLAN, "TT").0,
        ["12:3 TT001 KPI `cost-per-contact` aims high"]
    );
    let pack = one_rule_pack(
        "goal[*].kpi[*]",
        "{item} aims high",
        "when = \"item.target > 50.0\"\nassert = \"false\"",
    );
    assert!(run(&pack, PLAN, "TT").0.is_empty());
}

#[test]
fn an_error_in_assert_is_a_diagnostic_naming_the_expression() {
    // Standard CEL does not mix int and double: `3 * item.baseline` cannot be evaluated.
    let pack = one_rule_pack(
        "goal[*].kpi[*]",
        "m",
        "when = \"has(item.baseline)\"\nassert = \"item.target <= 3 * item.baseline\"",
    );
    let (got, help) = run(&pack, PLAN, "TT");
    assert_eq!(
        got,
        [
            "12:3 TT001 cannot evaluate `assert` on KPI `cost-per-contact`: `item.target <= 3 * item.baseline`: unsupported binary operator 'mul': Int(3), Float(10.0)"
        ]
    );
    assert_eq!(
        help,
        [
            "fix the rule's `assert` in pack `t`; guard a key an item may lack with `has(item.key)`, and write numbers as doubles (`3.0`)"
        ]
    );
    // A result that is not a bool is an error too.
    let pack = one_rule_pack("tactic[*]", "m", "assert = \"item.id\"");
    assert_eq!(
        run(&pack, PLAN, "TT").0,
        [
            "22:1 TT001 cannot evaluate `assert` on tactic `ads`: `item.id`: it gave string, not a bool"
        ]
    );
}

#[test]
fn expressions_read_valid_values_dates_limits_and_the_goal() {
    // `metrics = ["a", 7, "b"]`: the number is PL005's, the item has two metrics.
    let pack = one_rule_pack(
        "tactic[*]",
        "{item} keeps {item.metrics}",
        "assert = \"item.metrics.size() == 3\"",
    );
    assert_eq!(
        run(&pack, PLAN, "TT").0,
        ["25:11 TT001 tactic `ads` keeps a, b"]
    );
    // Dates are timestamps; `limits` holds the configured limits as doubles.
    let pack = one_rule_pack(
        "goal[*].kpi[*]",
        "{item.id} is due {item.deadline}, before the end {plan.end} of {plan.title}",
        "when = \"has(item.deadline)\"\nassert = \"item.deadline >= plan.end || limits.kpis_per_goal.max != 2.0\"",
    );
    assert_eq!(
        run(&pack, PLAN, "TT").0,
        ["18:14 TT001 cost-per-contact is due 2027-08-15, before the end 2027-12-31 of Care"]
    );
    // `goal` is the KPI's goal; an absent value prints `(none)`.
    let pack = one_rule_pack(
        "goal[*].kpi[*]",
        "{item.id} of {goal.id} ({goal.perspective}, owner {plan.owner})",
        "assert = \"goal.kpi.size() == 1 && goal.id != 'revenue'\"",
    );
    assert_eq!(
        run(&pack, PLAN, "TT").0,
        [
            "12:3 TT001 cost-per-contact of revenue (financial, owner (none))",
            "19:3 TT001 (none) of revenue (financial, owner (none))",
        ]
    );
    // The plan's lists and business goals, with comprehensions.
    let pack = one_rule_pack(
        "plan",
        "{item}",
        "assert = \"plan.goals.all(g, g.kpi.exists(k, has(k.owner))) && size(plan.business_goals) > 0\"",
    );
    assert_eq!(run(&pack, PLAN, "TT").0, ["2:1 TT001 the plan"]);
}

#[test]
fn dates_take_utc_and_fixed_offsets_but_no_named_time_zone() {
    // Dates are midnight UTC, and 2027-08-15 at -01:00 is the evening of the 14th.
    let pack = one_rule_pack(
        "goal[*].kpi[*]",
        "m",
        "when = \"has(item.deadline)\"\nassert = \"item.deadline.getMonth('UTC') == 7 && item.deadline.getDate('-01:00') == 14 && item.deadline.getHours('+23:59') == 23 && item.deadline.getHours('-00:30') == 23\"",
    );
    assert!(run(&pack, PLAN, "TT").0.is_empty());
    // A named zone, an offset out of range or a computed zone would read differently in a
    // build with chrono-tz's whole table (crates.io) and in smplan's own: refused at load.
    let help = "write `'UTC'` or a fixed offset like `'+02:00'`: plan dates are midnight UTC";
    for (assert, message) in [
        (
            "item.deadline.getMonth('Europe/Sofia') == 7",
            "time zone `Europe/Sofia` is not supported",
        ),
        (
            "item.deadline.getDate('+24:00') == 1",
            "time zone `+24:00` is not supported",
        ),
        (
            "item.deadline.getHours('') == 0",
            "time zone `` is not supported",
        ),
        (
            "item.deadline.getHours(item.id) == 0",
            "a time zone must be a string literal",
        ),
        // Six bytes, but not six ASCII characters: refused, not sliced inside a character.
        (
            "item.deadline.getHours('+é:00') == 0",
            "time zone `+é:00` is not supported",
        ),
        (
            "item.deadline.getHours('+5:30') == 0",
            "time zone `+5:30` is not supported",
        ),
        // Inside a comprehension, with a literal or with the comprehension's own variable.
        (
            "[item.deadline].all(d, d.getMonth('Europe/Sofia') == 7)",
            "time zone `Europe/Sofia` is not supported",
        ),
        (
            "['UTC'].all(z, item.deadline.getMonth(z) == 7)",
            "a time zone must be a string literal",
        ),
    ] {
        let rule = format!("assert = \"{assert}\"");
        assert_eq!(
            load_error(&one_rule_pack("goal[*].kpi[*]", "m", &rule)),
            format!("{message} | {help}"),
            "{assert}"
        );
    }
}

#[test]
fn errors_label_the_whole_argument_in_chars() {
    use smplan::packs::{Selector, expr::compile};
    let at = |text: &str| {
        let Err(err) = compile(text, Selector::Kpi) else {
            panic!("{text} should be refused")
        };
        // Char offsets, as the pack's label takes them.
        err.at.map(|(start, end)| {
            text.chars()
                .skip(start)
                .take(end - start)
                .collect::<String>()
        })
    };
    // The whole argument, not only the dot of `item.id`.
    assert_eq!(
        at("item.deadline.getHours(item.id) == 0").as_deref(),
        Some("item.id")
    );
    assert_eq!(
        at("item.deadline.getHours('U' + item.id) == 0").as_deref(),
        Some("'U' + item.id")
    );
    assert_eq!(
        at("[item.id].all(z, item.deadline.getHours(z) == 0)").as_deref(),
        Some("z")
    );
    // A function's name is part of it; its closing parenthesis has no place of its own.
    assert_eq!(
        at("item.deadline.getHours(string(item.id)) == 0").as_deref(),
        Some("string(item.id")
    );
    // The parser counts bytes: after a non-ASCII literal, the label still falls on the zone.
    assert_eq!(
        at("item.id != 'ещё' && item.deadline.getHours(item.id) == 0").as_deref(),
        Some("item.id")
    );
    assert_eq!(
        at("item.id != 'é' && item.deadline.getHours('+é:00') == 0").as_deref(),
        Some("'+é:00'")
    );
    // The same for `matches`' pattern and an unknown key.
    assert_eq!(at("'ещё'.matches(item.name)").as_deref(), Some("item.name"));
    assert_eq!(
        at("item.name == 'é' && item.nme == 1").as_deref(),
        Some("nme")
    );
    // `has()`'s select sits on the macro's `(`, not on a dot.
    assert_eq!(at("'é' != '' && has(item.nme)").as_deref(), Some("nme"));
    assert_eq!(
        at("item.deadline.getHours(has(item.id)) == 0").as_deref(),
        Some("has(item.id")
    );
    // A macro's own error counts bytes, a syntax error chars: both land where the ASCII
    // expression's does.
    let macro_at = at("'é' == 'x' || [1].all(1, true)");
    assert!(macro_at.is_some());
    assert_eq!(at("'e' == 'x' || [1].all(1, true)"), macro_at);
    assert_eq!(at("'é' == 'x' ||| true"), at("'e' == 'x' ||| true"));
    assert_eq!(
        at("item.deadline.getHours('Europe/Sofia') == 0").as_deref(),
        Some("'Europe/Sofia'")
    );
}

#[test]
fn expressions_combine_with_checks() {
    // The checks run first; the assert only where they hold.
    let pack = one_rule_pack(
        "tactic[*]",
        "{item}: {count}",
        "count = { key = \"metrics\", max = 1 }\nassert = \"false\"",
    );
    assert_eq!(run(&pack, PLAN, "TT").0, ["25:20 TT001 tactic `ads`: 2"]);
    let pack = one_rule_pack(
        "tactic[*]",
        "{item}: {count}",
        "count = { key = \"metrics\", max = 5 }\nassert = \"has(item.cost) && item.cost < 100.0\"",
    );
    assert_eq!(
        run(&pack, PLAN, "TT").0,
        ["24:8 TT001 tactic `ads`: (none)"]
    );
    // `when` narrows a check: only the reduce-costs KPI must name a source.
    let pack = one_rule_pack(
        "goal[*].kpi[*]",
        "{item} has no source",
        "when = \"item.core_goal == 'reduce-costs'\"\nrequire = [\"source\"]",
    );
    assert_eq!(
        run(&pack, PLAN, "TT").0,
        ["12:3 TT001 KPI `cost-per-contact` has no source"]
    );
}

#[test]
fn expressions_are_bounded_and_checked_when_the_pack_loads() {
    let long = format!("assert = \"{}\"", vec!["true"; 900].join(" && "));
    assert_eq!(
        load_error(&one_rule_pack("tactic[*]", "m", &long)),
        "the expression is 7196 bytes long, more than the limit of 4096 | split the rule into several, or move a check to `require`, `count`, ..."
    );
    let nodes = format!("assert = \"{}\"", vec!["item.id == ''"; 200].join(" || "));
    assert_eq!(
        load_error(&one_rule_pack("tactic[*]", "m", &nodes)),
        "the expression has more than 500 syntax nodes | split the rule into several, or simplify the expression"
    );
    let deep = format!("assert = \"{}true{}\"", "(".repeat(40), ")".repeat(40));
    assert_eq!(
        load_error(&one_rule_pack("tactic[*]", "m", &deep)),
        "brackets nest more than 32 deep | simplify the expression"
    );
    let chain = format!("assert = \"1.0{} > 0.0\"", " + 1.0".repeat(80));
    assert_eq!(
        load_error(&one_rule_pack("tactic[*]", "m", &chain)),
        "the expression nests more than 64 operations deep | split a long chain of operators, e.g. into several rules"
    );
    // Two nested comprehensions are fine, three are not; a comprehension over another's
    // result is not nested.
    let two = "assert = \"plan.goals.all(g, g.kpi.all(k, has(k.id)))\"";
    assert!(load_pack(&one_rule_pack("plan", "m", two)).is_ok());
    let chained = "assert = \"plan.goals.map(g, g.id).filter(i, i != '').all(i, i != 'x')\"";
    assert!(load_pack(&one_rule_pack("plan", "m", chained)).is_ok());
    // Names bound in a comprehension are local, not variables.
    assert_eq!(
        load_error(&one_rule_pack(
            "plan",
            "m",
            "assert = \"plan.tactics.all(t, has(t.cost)) && t.cost > 0.0\""
        )),
        "`t` is not a variable of this rule | variables here: `item`, `plan`, `limits`"
    );
    // Keys of `item`, `goal` and `plan` are checked like those of checks.
    assert_eq!(
        load_error(&one_rule_pack(
            "plan",
            "m",
            "assert = \"has(plan.curency)\""
        )),
        "`curency` is not a key of `plan` | did you mean `currency`? keys of `plan`: `title`, `scope`, `start`, `end`, `owner`, `department`, `currency`, `language`, `mission`, `goals`, `tactics`, `business_goals`"
    );
    assert_eq!(
        load_error(&one_rule_pack("goal[*]", "m", "assert = \"goal.id == ''\"")),
        "`goal` is not a variable of this rule | variables here: `item`, `plan`, `limits`"
    );
}

#[test]
fn explain_shows_the_expressions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join(HOUSE), dir.path().join("house.toml")).unwrap();
    write(dir.path(), "smplan.toml", "packs = [\"house.toml\"]\n");
    let out = smplan_with_config(dir.path())
        .args(["explain", "HOUSE001"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("## Expressions"), "{text}");
    assert!(text.contains("item.core_goal == 'reduce-costs'"), "{text}");
    assert!(
        text.contains("has(item.direction) && item.direction == 'decrease'"),
        "{text}"
    );
}

/// The worked examples in `rules/README.md` are the rules the tests and CI run: every
/// expression rule shown there appears verbatim in the fixture pack.
#[test]
fn the_readme_examples_are_the_tested_pack() {
    let readme = std::fs::read_to_string(repo().join("rules/README.md")).unwrap();
    let pack = std::fs::read_to_string(repo().join(HOUSE)).unwrap();
    let section = readme
        .split_once("## Expressions")
        .map(|(_, rest)| rest)
        .expect("an Expressions section");
    let blocks: Vec<&str> = section
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split_once("```").map(|(body, _)| body))
        .filter(|b| b.contains("[[rule]]"))
        .collect();
    assert!(blocks.len() >= 4, "{} worked examples", blocks.len());
    for block in blocks {
        assert!(pack.contains(block), "not in {HOUSE}:\n{block}");
    }
}
