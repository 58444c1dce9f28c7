//! `smplan init [PATH] [--scope SCOPE] [--year YYYY] [--force]`: writes a starter plan.

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
    /// The calendar year the plan covers (default: this year, or next year from 1 October on).
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i16).range(1900..=9999))]
    pub year: Option<i16>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &InitArgs, global: &super::Global) -> Result<u8, Failure> {
    let quiet = global.quiet;
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
    let today = jiff::ZonedDateTime::now().date();
    let year = args.year.unwrap_or_else(|| default_year(today));
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
    let settings = super::load_settings(global)?;
    let text = starter_plan(scope, year, &settings.core_goals, today);
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

/// A KPI of a starter plan. `core` indexes the default core goals (profit, costs, satisfaction).
struct KpiText {
    id: &'static str,
    name: &'static str,
    core: usize,
    unit: &'static str,
    baseline: u32,
    target: u32,
    direction: &'static str,
    /// `MM-DD` in the plan's year.
    deadline: &'static str,
    owner: &'static str,
    source: Option<&'static str>,
}

struct GoalText {
    id: &'static str,
    statement: &'static str,
    supports: &'static str,
    perspective: &'static str,
    kpis: &'static [KpiText],
}

struct TacticText {
    id: &'static str,
    name: &'static str,
    goals: &'static [&'static str],
    cost: u32,
    metrics: &'static [&'static str],
    /// The brainstorm (step 7); the first tactic of every starter shows one.
    candidates: &'static [&'static str],
}

/// What a starter plan says for one scope: written for that function, so that it reads as a
/// good example (recruiting talks about applicants, IT about incidents).
struct Starter {
    department: &'static str,
    owner: &'static str,
    mission: &'static str,
    letters: &'static [&'static str],
    goals: &'static [GoalText],
    tactics: &'static [TacticText],
}

/// The horizon `init` writes by default: this calendar year, or the next one from 1 October on
/// (a plan written in December is for next year).
pub fn default_year(today: jiff::civil::Date) -> i16 {
    if today.month() >= 10 {
        today.year().saturating_add(1)
    } else {
        today.year()
    }
}

/// The starter plan for a scope and year: every section, with comments that walk through the
/// method's seven steps, and content written for the scope. It lints with no diagnostic.
/// `core_goals` are the project's (the config's `core_goals`); `today` moves a deadline that
/// would already be past to the end of the horizon.
pub fn starter_plan(
    scope: &str,
    year: i16,
    core_goals: &[String],
    today: jiff::civil::Date,
) -> String {
    let label = label(scope);
    let st = starter(scope);
    let core = |i: usize| -> String {
        let default = smplan::model::CORE_GOALS
            .get(i)
            .copied()
            .unwrap_or_default();
        if core_goals.iter().any(|c| c == default) {
            default.to_string()
        } else {
            core_goals
                .get(i.min(core_goals.len().saturating_sub(1)))
                .cloned()
                .unwrap_or_else(|| default.to_string())
        }
    };
    let deadline = |mm_dd: &str| -> String {
        let date = format!("{year:04}-{mm_dd}");
        let past = date
            .parse::<jiff::civil::Date>()
            .is_ok_and(|d| d <= today && d.year() == today.year());
        if past {
            format!("{year:04}-12-31")
        } else {
            date
        }
    };
    let q = |s: &str| toml_string(s);
    let mut out = HEADER
        .replace("@LABEL@", &label)
        .replace("@YEAR@", &year.to_string());
    out.push_str(&format!(
        r#"
# The version of the plan format. Leave it at 1.
smplan = 1

# Step 1 — select the scope: one business function and a time horizon. Write one plan per
# department and period; two plans with the same scope, department and overlapping dates are
# reported.
[plan]
title = "{label} social media plan {year}"
# One of: marketing, sales, customer-service, research, it, recruiting, executive-office.
scope = "{scope}"
# The horizon, as TOML dates without quotes. `end` comes after `start`, at most 5 years later.
start = {year:04}-01-01
end = {year:04}-12-31
# Who answers for the plan as a whole.
owner = {owner}
# The team that owns the plan.
department = {department}
# ISO 4217 code of the currency of the tactics' `cost`.
currency = "EUR"
# The language the plan is written in: it picks the word lists of the word rules.
language = "en"
# Step 3 — the social media mission: the *why*, one high-level sentence. No numbers or dates:
# targets belong in KPIs.
mission = {mission}

# Step 2 — the business goals your department already has, each under a capital letter
# (A, B, C…) so that the goals below can cite them. Every letter should be supported by at
# least one goal.
[business_goals]
"#,
        owner = q(st.owner),
        department = q(st.department),
        mission = q(st.mission),
    ));
    for (letter, text) in ('A'..='Z').zip(st.letters) {
        out.push_str(&format!("{letter} = {}\n", q(text)));
    }
    let allowed = core_goals.join(", ");
    for (gi, g) in st.goals.iter().enumerate() {
        out.push('\n');
        if gi == 0 {
            out.push_str(
                "# Step 4 — social media goals: the *what*. Each names the business-goal letters it supports.\n\
                 # Write an outcome, not a channel or an activity: platforms, posts, ads and contests are\n\
                 # tactics. `perspective` (optional) is the balanced scorecard view the goal comes from:\n\
                 # customer, financial, internal-process or learning-growth; spread your goals across them.\n",
            );
        }
        out.push_str("[[goal]]\n");
        if gi == 0 {
            out.push_str(&format!(
                "{:<36}# lowercase letters, digits and hyphens; unique in the plan\n",
                format!("id = {}", q(g.id))
            ));
        } else {
            out.push_str(&format!("id = {}\n", q(g.id)));
        }
        let supports: Vec<String> = g.supports.chars().map(|c| format!("\"{c}\"")).collect();
        out.push_str(&format!(
            "statement = {}\nsupports = [{}]\nperspective = {}\n",
            q(g.statement),
            supports.join(", "),
            q(g.perspective)
        ));
        for (ki, k) in g.kpis.iter().enumerate() {
            out.push('\n');
            if gi == 0 && ki == 0 {
                out.push_str(&format!(
                    "  # Step 5 — one or two KPIs per goal, each SMART: specific (a precise name), measurable (a\n  \
                     # numeric `target` and a `unit`), achievable (a `baseline` measured before you start),\n  \
                     # relevant (`core_goal`: which of the core business goals it moves, one of\n  \
                     #   {allowed}),\n  \
                     # time-bound (a `deadline` inside the horizon) and assigned (an `owner`). Goals and KPIs\n  \
                     # stay fixed for the horizon.\n"
                ));
            }
            out.push_str("  [[goal.kpi]]\n");
            out.push_str(&format!(
                "  id = {}\n  name = {}\n  core_goal = {}\n  unit = {}\n  baseline = {}\n  target = {}\n",
                q(k.id),
                q(k.name),
                q(&core(k.core)),
                q(k.unit),
                k.baseline,
                k.target
            ));
            if gi == 0 && ki == 0 {
                out.push_str(&format!(
                    "{:<36}# increase | decrease | maintain\n",
                    format!("  direction = {}", q(k.direction))
                ));
            } else {
                out.push_str(&format!("  direction = {}\n", q(k.direction)));
            }
            out.push_str(&format!(
                "  deadline = {}\n  owner = {}\n",
                deadline(k.deadline),
                q(k.owner)
            ));
            if let Some(src) = k.source {
                if gi == 0 && ki == 0 {
                    out.push_str(&format!(
                        "  source = {}   # where the number comes from\n",
                        q(src)
                    ));
                } else {
                    out.push_str(&format!("  source = {}\n", q(src)));
                }
            }
        }
    }
    for (ti, t) in st.tactics.iter().enumerate() {
        out.push('\n');
        if ti == 0 {
            out.push_str(
                "# Step 6 — tactics: the *how*. Each serves one or more goals, by id: a tactic without a goal\n\
                 # is the \"tactics before goals\" mistake the method exists to prevent, and every goal needs a\n\
                 # tactic. Tactics may change during the horizon.\n",
            );
        }
        let goals: Vec<String> = t.goals.iter().map(|g| q(g)).collect();
        out.push_str(&format!(
            "[[tactic]]\nid = {}\nname = {}\ngoals = [{}]\n",
            q(t.id),
            q(t.name),
            goals.join(", ")
        ));
        if ti == 0 {
            out.push_str(&format!(
                "{:<36}# planned cost over the horizon, in `currency`\n",
                format!("cost = {}", t.cost)
            ));
            out.push_str(
                "# Step 7 — metrics: brainstorm every indicator you could track (usually 7 to 10) in\n\
                 # `candidates`, then keep only the 2 to 5 most valuable in `metrics`. A metric is a string,\n\
                 # or a table with a `name` and an optional `source` and `unit`.\n",
            );
        } else {
            out.push_str(&format!("cost = {}\n", t.cost));
        }
        out.push_str("metrics = [\n");
        for m in t.metrics {
            out.push_str(&format!("  {},\n", q(m)));
        }
        out.push_str("]\n");
        if !t.candidates.is_empty() {
            out.push_str("candidates = [\n");
            for c in t.candidates {
                out.push_str(&format!("  {},\n", q(c)));
            }
            out.push_str("]\n");
        }
    }
    out.push_str(
        "\n# Free-form data for your team (links, review dates, notes). smplan never checks this table.\n\
         [x]\nreview = \"Every quarter, with the business goal owners\"\n",
    );
    out
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

const HEADER: &str = r#"# @LABEL@ social media plan, @YEAR@ — a starter written by `smplan init`.
#
# The method plans top-down, who → why → what → how:
#   scope → business goals → mission → goals → KPIs per goal → tactics → metrics per tactic.
# Every value below is an example: replace it with your own, keep the shape, then run
# `smplan lint` on this file. `smplan explain CODE` explains any diagnostic it reports.
# For completion and hover docs in your editor, run `smplan schema > smplan.schema.json`
# and put `#:schema ./smplan.schema.json` (a path relative to this file) on the first line.
"#;

mod starters;
use starters::starter;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label("customer-service"), "Customer service");
        assert_eq!(label("it"), "IT");
        let plan = starter_plan(
            "executive-office",
            2031,
            &smplan::rules::core_goals::defaults(),
            date(2026, 12, 1),
        );
        assert!(plan.contains("department = \"Executive Office\""));
        assert!(plan.contains("start = 2031-01-01"));
        assert!(!plan.contains('@'));
    }

    fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
        jiff::civil::date(y, m, d)
    }

    #[test]
    fn the_default_year_is_next_year_from_october_on() {
        assert_eq!(default_year(date(2026, 1, 1)), 2026);
        assert_eq!(default_year(date(2026, 9, 30)), 2026);
        assert_eq!(default_year(date(2026, 10, 1)), 2027);
        assert_eq!(default_year(date(2026, 12, 31)), 2027);
    }

    #[test]
    fn deadlines_already_past_move_to_the_end_of_the_horizon() {
        let goals = smplan::rules::core_goals::defaults();
        // The customer-service starter has deadlines on 06-30 and 09-30.
        let early = starter_plan("customer-service", 2026, &goals, date(2026, 2, 1));
        assert!(early.contains("deadline = 2026-06-30") && early.contains("deadline = 2026-09-30"));
        let late = starter_plan("customer-service", 2026, &goals, date(2026, 8, 15));
        assert!(!late.contains("deadline = 2026-06-30"), "{late}");
        assert!(late.contains("deadline = 2026-09-30"));
        // A later year keeps every deadline.
        let next = starter_plan("customer-service", 2027, &goals, date(2026, 8, 15));
        assert!(next.contains("deadline = 2027-06-30"));
    }

    #[test]
    fn starters_use_the_configured_core_goals() {
        let council: Vec<String> = [
            "increase-public-value",
            "reduce-costs",
            "increase-satisfaction",
        ]
        .map(String::from)
        .to_vec();
        let plan = starter_plan("marketing", 2027, &council, date(2026, 12, 1));
        assert!(
            plan.contains("core_goal = \"increase-public-value\""),
            "{plan}"
        );
        assert!(plan.contains("core_goal = \"reduce-costs\""));
        assert!(!plan.contains("increase-profit\""));
        assert!(plan.contains("increase-public-value, reduce-costs, increase-satisfaction"));
        let one = vec!["advance-mission".to_string()];
        let plan = starter_plan("it", 2027, &one, date(2026, 12, 1));
        assert_eq!(
            plan.matches("core_goal = \"advance-mission\"").count(),
            2,
            "{plan}"
        );
    }
}
