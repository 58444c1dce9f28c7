//! `Diagnostic::item`: every diagnostic names the item it is about (the baseline's key and the
//! CI fingerprint), independent of lines.

mod common;
use common::lint_text;

use smplan::config::Settings;
use std::path::PathBuf;

fn items(text: &str) -> Vec<(String, String)> {
    let settings = Settings::defaults(PathBuf::from("."));
    lint_text("p.plan.toml", text, &settings)
        .into_iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.item.expect("every diagnostic names its item"),
            )
        })
        .collect()
}

#[test]
fn every_kind_of_item_is_named() {
    let plan = r#"smplan = 1
[plan]
title = "Care plan 2027"
scope = "customer service"
start = 2027-01-01
end = 2027-12-31
mission = "Answer 90% of questions"

[business_goals]
A = "Cut the cost of a contact"
b = "Lowercase letter"

[[goal]]
id = "deflect"
statement = "Answer routine questions publicly"
supports = ["A", "C"]

  [[goal.kpi]]
  id = "phone-deflection"
  name = "Contacts resolved on social"
  core_goal = "reduce-costs"
  unit = "contacts/month"
  baseline = 800
  target = 1500
  direction = "increase"
  deadline = 2027-12-31

  [[goal.kpi]]
  name = "Followers"
  core_goal = "reduce-costs"
  unit = "followers"
  baseline = 1
  target = 2
  direction = "increase"
  deadline = 2027-12-31
  owner = "Lead"

[[tactic]]
id = "faq"
name = "Public answers"
goals = ["deflect"]
metrics = ["One", "one"]
"#;
    let got = items(plan);
    let want = [
        ("PL006", "plan.scope"),
        ("MS002", "plan.mission"),
        ("BG001", "letter:b"),
        ("PL009", "goal:deflect"),
        ("SM007", "kpi:phone-deflection"),
        ("PL003", "goal:deflect.kpi[1]"),
        ("KP004", "goal:deflect.kpi[1]"),
        ("MT004", "tactic:faq"),
    ];
    for (code, item) in want {
        assert!(
            got.iter().any(|(c, i)| c == code && i == item),
            "no {code} about {item}: {got:?}"
        );
    }
    // PL008 is about the `smplan` key, written or not.
    let got = items("[business_goals]\nA = \"x\"\n");
    assert_eq!(got, [("PL008".to_string(), "smplan".to_string())]);
    // Outside every table, the file as a whole is the item.
    let got = items("smplan = 1\nmystery = 1\n");
    assert!(
        got.contains(&("PL004".to_string(), "plan".to_string())),
        "{got:?}"
    );
    let got = items("smplan = 2\n");
    assert_eq!(got, [("PL008".to_string(), "smplan".to_string())]);
}
