//! Fuzzes rule packs with CEL expressions: loading (parse, bounds, names) and evaluation on a
//! rich plan and on a fuzzed one, for every selector.
//!
//! Input: one selector byte, then `when`, `assert` and a plan separated by NUL bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smplan::config::Settings;
use smplan::lint::{Input, Options, lint};
use smplan::packs::load_pack_text;
use smplan::catalog::Catalog;
use std::path::PathBuf;

const SELECTORS: &[&str] = &["plan", "business_goals.*", "goal[*]", "goal[*].kpi[*]", "tactic[*]"];

const PLAN: &str = r#"smplan = 1
[plan]
title = "Care"
scope = "customer-service"
start = 2027-01-01
end = 2027-12-31
currency = "EUR"
mission = "Make every customer feel heard"
[business_goals]
A = "Cut the cost of a contact"
b = 7
[[goal]]
id = "deflect"
statement = "Fewer calls"
supports = ["A", 3]
perspective = "financial"
  [[goal.kpi]]
  id = "phone-deflection"
  name = "Contacts resolved on social"
  core_goal = "reduce-costs"
  unit = "contacts/month"
  baseline = 800
  target = 1e300
  direction = "decrease"
  deadline = 2027-12-31
  owner = "Lead"
  source = "Helpdesk"
  [[goal.kpi]]
  id = "Bad Id"
  target = "20%"
[[tactic]]
id = "rota"
name = "Care rota"
goals = ["deflect"]
metrics = ["Replies", { name = "Closed" }, 7, ""]
candidates = []
cost = 500.5
"#;

/// A TOML basic string holding `s` exactly.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let mut parts = rest.splitn(3, |&b| b == 0);
    let when = parts.next().map(String::from_utf8_lossy).unwrap_or_default();
    let assert = parts.next().map(String::from_utf8_lossy).unwrap_or_default();
    let plan = parts.next().unwrap_or_default().to_vec();
    let select = SELECTORS[usize::from(selector) % SELECTORS.len()];
    // `{goal.key}` is a placeholder of KPI rules only.
    let goal = if select == "goal[*].kpi[*]" { " {goal.id}" } else { "" };
    let mut pack = format!(
        "[pack]\nname = \"fuzz\"\n[[rule]]\ncode = \"FZ001\"\nname = \"fuzz\"\nseverity = \"info\"\n\
         summary = \"s\"\nselect = \"{select}\"\nmessage = \"{{item}} {{plan.title}}{goal}\"\n\
         assert = {}\n",
        toml_string(&assert)
    );
    if selector & 0x80 != 0 {
        pack.push_str(&format!("when = {}\n", toml_string(&when)));
    }
    let mut catalog = Catalog::builtin();
    let Ok(pack) = load_pack_text("fuzz.toml", &pack, &catalog, false) else { return };
    catalog.add_pack(pack);
    let settings = Settings::with_catalog(PathBuf::from("."), catalog);
    let inputs = vec![
        Input::Stdin { name: "rich.plan.toml".into(), bytes: PLAN.as_bytes().to_vec() },
        Input::Stdin { name: "fuzzed.plan.toml".into(), bytes: plan },
    ];
    let _ = lint(inputs, &settings, &Options { jobs: Some(1), ..Options::default() });
});
