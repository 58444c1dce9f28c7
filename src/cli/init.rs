//! `smplan init [PATH] [--scope SCOPE] [--force]`: writes a starter plan.

use super::{Failure, report_error};
use smplan::config::ConfigError;
use smplan::model::SCOPES;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Where to write the plan (default `plans/<scope>-<year>.plan.toml`; a folder gets that
    /// file name inside it).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// The business function the plan covers: marketing, sales, customer-service, research, it,
    /// recruiting or executive-office.
    #[arg(long, value_name = "SCOPE", default_value = "marketing")]
    pub scope: String,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &InitArgs, quiet: bool) -> Result<u8, Failure> {
    let scope = args.scope.trim();
    if !SCOPES.contains(&scope) {
        let mut e = ConfigError::plain(format!("unknown scope `{scope}`"));
        let list = SCOPES
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ");
        e.help = Some(
            match smplan::suggest::closest(scope, SCOPES.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? scopes are {list}"),
                None => format!("use one of {list}"),
            },
        );
        return Err(e.into());
    }
    let year = jiff::ZonedDateTime::now().year();
    let file_name = format!("{scope}-{year}.plan.toml");
    let path = match &args.path {
        None => Path::new("plans").join(&file_name),
        // An existing folder, or one named with a trailing slash, gets the default file name.
        Some(p) if p.is_dir() || p.to_string_lossy().ends_with(['/', '\\']) => p.join(&file_name),
        Some(p) => p.clone(),
    };
    if path.exists() && !args.force {
        let mut e = ConfigError::plain(format!("`{}` already exists", path.display()));
        e.help = Some("pass `--force` to overwrite it, or give another path".into());
        return Err(e.into());
    }
    if path.is_dir() {
        report_error(ConfigError::plain(format!(
            "`{}` is a folder",
            path.display()
        )));
        return Err(Failure);
    }
    let text = starter_plan(scope, year);
    let fail = |what: &str, e: std::io::Error| {
        report_error(ConfigError::plain(format!(
            "cannot {what} `{}`: {e}",
            path.display()
        )));
        Failure
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| fail("create the folder for", e))?;
    }
    if args.force {
        super::write_atomically(&path, &text).map_err(|e| fail("write", e))?;
    } else {
        // `create_new`: never overwrite a file that appeared since the check above.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| fail("write", e))?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    if !name.is_some_and(|n| n.ends_with(".plan.toml")) {
        eprintln!(
            "smplan: warning: `{}` does not end in `.plan.toml`, so `smplan lint` will not find it in a folder",
            smplan::sanitize::line(&path.display().to_string())
        );
    }
    if !quiet {
        super::emit(
            None,
            &format!(
                "Wrote {p}. Replace the example values with your own, then run `smplan lint {p}`.\n",
                p = path.display()
            ),
        )?;
    }
    Ok(0)
}

/// How a scope reads in a title ("customer-service" → "Customer service").
fn label(scope: &str) -> String {
    match scope {
        "it" => "IT".into(),
        _ => {
            let words = scope.replace('-', " ");
            let mut c = words.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

/// The starter plan for a scope and year: every section, with comments that walk through the
/// method's seven steps. It lints with no diagnostic.
pub fn starter_plan(scope: &str, year: i16) -> String {
    let label = label(scope);
    let department = match scope {
        "it" => "IT".to_string(),
        _ => label
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    };
    TEMPLATE
        .replace("@SCOPE@", scope)
        .replace("@LABEL@", &label)
        .replace("@DEPARTMENT@", &department)
        .replace("@YEAR@", &year.to_string())
}

const TEMPLATE: &str = r#"# @LABEL@ social media plan, @YEAR@ — a starter written by `smplan init`.
#
# The method plans top-down, who → why → what → how:
#   scope → business goals → mission → goals → KPIs per goal → tactics → metrics per tactic.
# Every value below is an example: replace it with your own, keep the shape, then run
# `smplan lint` on this file. `smplan explain CODE` explains any diagnostic it reports.
# For completion and hover docs in your editor, run `smplan schema > smplan.schema.json`
# and put `#:schema ./smplan.schema.json` (a path relative to this file) on the first line.

# The version of the plan format. Leave it at 1.
smplan = 1

# Step 1 — select the scope: one business function and a time horizon. Write one plan per
# department and period; two plans with the same scope, department and overlapping dates are
# reported.
[plan]
title = "@LABEL@ social media plan @YEAR@"
# One of: marketing, sales, customer-service, research, it, recruiting, executive-office.
scope = "@SCOPE@"
# The horizon, as TOML dates without quotes. `end` comes after `start`, at most 5 years later.
start = @YEAR@-01-01
end = @YEAR@-12-31
# Who answers for the plan as a whole.
owner = "Head of @DEPARTMENT@"
# The team that owns the plan.
department = "@DEPARTMENT@"
# ISO 4217 code of the currency of the tactics' `cost`.
currency = "EUR"
# Step 3 — the social media mission: the *why*, one high-level purpose. No numbers or dates:
# targets belong in KPIs.
mission = "Be the team our customers trust to listen and to answer where they already are"

# Step 2 — the business goals your department already has, each under a capital letter
# (A, B, C…) so that the goals below can cite them. Every letter should be supported by at
# least one goal.
[business_goals]
A = "Grow revenue from returning customers by 8%"
B = "Raise customer satisfaction to 85%"

# Step 4 — social media goals: the *what*. Each names the business-goal letters it supports.
# Write an outcome, not a channel or an activity: platforms, posts, ads and contests are
# tactics. `perspective` (optional) is the balanced scorecard view the goal comes from:
# customer, financial, internal-process or learning-growth; spread your goals across them.
[[goal]]
id = "returning-customers"          # lowercase letters, digits and hyphens; unique in the plan
statement = "Customers who follow us come back and buy again"
supports = ["A"]
perspective = "financial"

  # Step 5 — one or two KPIs per goal, each SMART: specific (a precise name), measurable (a
  # numeric `target` and a `unit`), achievable (a `baseline` measured before you start),
  # relevant (`core_goal`: which of the three things that truly matter it moves —
  # increase-profit, reduce-costs or increase-satisfaction), time-bound (a `deadline` inside
  # the horizon) and assigned (an `owner`). Goals and KPIs stay fixed for the horizon.
  [[goal.kpi]]
  id = "repeat-revenue"
  name = "Monthly revenue from returning customers who arrive from social channels"
  core_goal = "increase-profit"
  unit = "EUR/month"
  baseline = 20000
  target = 24000
  direction = "increase"            # increase | decrease | maintain
  deadline = @YEAR@-12-31
  owner = "E-commerce manager"
  source = "Web shop orders with a social referrer"   # where the number comes from

[[goal]]
id = "heard-customers"
statement = "Customers who ask us a question on social get a helpful answer quickly"
supports = ["B"]
perspective = "customer"

  [[goal.kpi]]
  id = "social-csat"
  name = "Satisfaction score of customers helped on social"
  core_goal = "increase-satisfaction"
  unit = "% satisfied"
  baseline = 74
  target = 85
  direction = "increase"
  deadline = @YEAR@-09-30
  owner = "Community manager"
  source = "Survey after each conversation"

  [[goal.kpi]]
  id = "first-answer"
  name = "Median time to first answer on social"
  core_goal = "increase-satisfaction"
  unit = "minutes"
  baseline = 180
  target = 60
  direction = "decrease"
  deadline = @YEAR@-06-30
  owner = "Community manager"

# Step 6 — tactics: the *how*. Each serves one or more goals, by id: a tactic without a goal
# is the "tactics before goals" mistake the method exists to prevent, and every goal needs a
# tactic. Tactics may change during the horizon.
[[tactic]]
id = "customer-stories"
name = "Monthly customer story series on Instagram and LinkedIn"
goals = ["returning-customers"]
cost = 15000                        # planned cost over the horizon, in `currency`
# Step 7 — metrics: brainstorm every indicator you could track (usually 7 to 10) in
# `candidates`, then keep only the 2 to 5 most valuable in `metrics`. A metric is a string,
# or a table with a `name` and an optional `source` and `unit`.
metrics = [
  "Clicks from stories to the web shop",
  "Orders from returning customers with a story referrer",
  { name = "Saves per story", source = "Platform analytics" },
]
candidates = [
  "Clicks from stories to the web shop",
  "Orders from returning customers with a story referrer",
  "Saves per story",
  "Story completion rate",
  "Comments asking about products",
  "Shares per story",
  "Followers gained",
  "Likes per story",
]

[[tactic]]
id = "social-care-hours"
name = "Staffed replies to questions on social from 08:00 to 20:00"
goals = ["heard-customers"]
cost = 30000
metrics = [
  "Median first answer time",
  "Conversations closed per shift",
  { name = "Survey response rate", unit = "%" },
]

# Free-form data for your team (links, review dates, notes). smplan never checks this table.
[x]
review = "Every quarter, with the business goal owners"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label("customer-service"), "Customer service");
        assert_eq!(label("it"), "IT");
        let plan = starter_plan("executive-office", 2031);
        assert!(plan.contains("department = \"Executive Office\""));
        assert!(plan.contains("start = 2031-01-01"));
        assert!(!plan.contains('@'));
    }
}
