//! `smplan schema`: a JSON Schema (draft 2020-12) of the plan format, version 1.
//!
//! Editors (taplo / Even Better TOML via `#:schema`) use it for completion, hover docs and
//! basic checks. It describes the format, not the method: limits that configuration can change
//! (KPIs per goal, metrics per tactic) and relations between keys are left to `smplan lint`.
//! TOML dates are validated as strings with `format: date`, since TOML tools hand local dates
//! to JSON Schema validators as `YYYY-MM-DD` strings.

use serde_json::{Value, json};
use smplan::model::{CORE_GOALS, DIRECTIONS, PERSPECTIVES, SCOPES};

/// The schema with the project's core goals (`core_goals` in the config) as `core_goal`'s enum.
pub fn run(global: &super::Global) -> Result<u8, super::Failure> {
    let settings = super::load_settings(global)?;
    let mut text = serde_json::to_string_pretty(&schema(&settings.core_goals)).unwrap_or_default();
    text.push('\n');
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
    Ok(0)
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "minLength": 1, "pattern": "\\S", "description": description })
}

fn date(description: &str) -> Value {
    json!({ "type": "string", "format": "date", "description": description })
}

fn number(description: &str) -> Value {
    json!({ "type": "number", "description": description })
}

fn one_of(values: &[&str], description: &str) -> Value {
    json!({ "type": "string", "enum": values, "description": description })
}

const ID: &str = "^[a-z0-9][a-z0-9-]*$";

/// An id: goal, KPI and tactic ids share one namespace and are unique in the plan.
fn id(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": ID,
        "description": format!("{description} Lowercase letters, digits and hyphens, starting with a letter or digit; goal, KPI and tactic ids share one namespace and are unique in the plan."),
    })
}

pub fn schema(core_goals: &[String]) -> Value {
    let core_goal = if smplan::rules::core_goals::is_default(core_goals) {
        json!({ "type": "string", "enum": CORE_GOALS, "description": "Relevant: which of the three business goals that truly matter (Sterne) the KPI moves — increase profit, reduce costs or increase customer satisfaction." })
    } else {
        json!({ "type": "string", "enum": core_goals, "description": format!("Relevant: which of this project's core goals (`core_goals` in smplan.toml) the KPI moves: {}.", core_goals.join(", ")) })
    };
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "smplan social media strategic plan (format version 1)",
        "description": "A social media strategic plan, planned top-down: scope → business goals → mission → goals → KPIs per goal → tactics → metrics per tactic. One plan per department and period. Check it with `smplan lint`.",
        "type": "object",
        "required": ["smplan", "plan", "business_goals", "goal"],
        "additionalProperties": false,
        "properties": {
            "smplan": {
                "const": 1,
                "description": "The version of the plan format. Must be 1.",
            },
            "plan": {
                "type": "object",
                "description": "Step 1 — select the scope: one business function and a time horizon, plus the mission (step 3). Write one plan per department and period.",
                "required": ["title", "scope", "start", "end", "mission"],
                "additionalProperties": false,
                "properties": {
                    "title": text("The plan's title, e.g. \"Customer care social media plan 2027\"."),
                    "scope": one_of(SCOPES, "Step 1 — the business function the plan covers. The method names seven: marketing, sales, customer service, research, IT, recruiting and the executive office."),
                    "start": date("Step 1 — the first day of the horizon, a TOML date without quotes: `start = 2027-01-01`."),
                    "end": date("Step 1 — the last day of the horizon, a TOML date without quotes, after `start` and at most 5 years later (`[limits] max_horizon_years`)."),
                    "owner": text("Who answers for the plan as a whole (recommended)."),
                    "department": text("The team that owns the plan. Two plans with the same scope, the same department (or none) and overlapping horizons are reported: one plan per department and period."),
                    "currency": text("The ISO 4217 code (e.g. \"EUR\") of the currency of the tactics' `cost`."),
                    "language": { "type": "string", "pattern": "^[a-z]{2,3}$", "default": "en", "description": "The language the plan is written in, as a lowercase BCP 47 primary tag (\"en\", \"bg\", \"de\"). It picks the built-in word lists of the word rules (English and Bulgarian are built in); other languages use the config's `[words.<lang>]` or `[words]` lists." },
                    "mission": text("Step 3 — the social media mission: the *why*, one high-level purpose, e.g. \"Build an army of fans who help maintain the brand's status\". No numbers or dates: targets belong in KPIs."),
                },
            },
            "business_goals": {
                "type": "object",
                "description": "Step 2 — the scope's own business goals, each under a single capital letter (A, B, C…) so that social media goals can cite them in `supports`. Every letter should be supported by at least one goal.",
                "minProperties": 1,
                "patternProperties": {
                    "^[A-Z]$": text("A business goal of the department under its letter, e.g. `A = \"Cut the cost of handling a customer contact by 10%\"`."),
                },
                "additionalProperties": false,
            },
            "goal": {
                "type": "array",
                "description": "Step 4 — social media goals: the *what*. Each cites the business goals it supports and has 1–2 KPIs.",
                "minItems": 1,
                "items": { "$ref": "#/$defs/goal" },
            },
            "tactic": {
                "type": "array",
                "description": "Step 6 — tactics: the *how*. Each serves one or more goals and keeps 2–5 metrics (step 7). Tactics may change during the horizon; goals and KPIs stay fixed.",
                "items": { "$ref": "#/$defs/tactic" },
            },
            "x": {
                "type": "object",
                "description": "Free-form data for the team's own use (links, review dates, notes). Never linted.",
            },
        },
        "$defs": {
            "goal": {
                "type": "object",
                "description": "Step 4 — a social media goal: an outcome (the *what*), not a channel or an activity.",
                "required": ["id", "statement", "supports"],
                "additionalProperties": false,
                "properties": {
                    "id": id("The goal's id, cited by tactics in `goals`, e.g. \"deflect\"."),
                    "statement": text("Step 4 — the goal as an outcome, e.g. \"Answer routine questions publicly so fewer customers need to call\". Platforms, posts, ads and contests belong to tactics."),
                    "supports": {
                        "type": "array",
                        "minItems": 1,
                        "items": { "type": "string", "pattern": "^[A-Z]$" },
                        "description": "Step 4 — the letters of the `[business_goals]` this goal supports, e.g. [\"A\", \"C\"].",
                    },
                    "perspective": one_of(PERSPECTIVES, "The balanced scorecard perspective the goal comes from (Kaplan & Norton): customer, financial, internal business process or learning & growth. A balanced plan uses more than one."),
                    "kpi": {
                        "type": "array",
                        "minItems": 1,
                        "items": { "$ref": "#/$defs/kpi" },
                        "description": "Step 5 — the goal's KPIs: 1–2 per goal (`[limits] kpis_per_goal`), each SMART.",
                    },
                },
            },
            "kpi": {
                "type": "object",
                "description": "Step 5 — a SMART KPI: specific, measurable, achievable, relevant, time-bound, and assigned to an owner. It serves one of the three core business goals.",
                "required": ["id", "name", "core_goal", "unit", "target", "deadline"],
                "additionalProperties": false,
                "properties": {
                    "id": id("The KPI's id, e.g. \"phone-deflection\"."),
                    "name": text("Specific: what is measured, e.g. \"Contacts resolved on social instead of by phone\". No vague words (improve, more, awareness), no vanity counts (followers, likes), no activities (launch, publish)."),
                    "core_goal": core_goal,
                    "unit": text("Measurable: the unit of `baseline` and `target`, e.g. \"contacts/month\", \"%\", \"minutes\"."),
                    "baseline": number("Achievable: the value measured before acting, so the target can be judged."),
                    "target": number("Measurable: the number to reach by the deadline, in `unit` (a number, not \"20%\": write `target = 20` and `unit = \"%\"`)."),
                    "direction": one_of(DIRECTIONS, "Which way the number should move from the baseline: increase, decrease or maintain."),
                    "deadline": date("Time-bound: when the target is due, a TOML date without quotes inside the plan's horizon: `deadline = 2027-12-31`."),
                    "owner": text("Assignable (Doran's SMART): who answers for the KPI."),
                    "source": text("Where the number comes from: a report, a tool or an export."),
                },
            },
            "tactic": {
                "type": "object",
                "description": "Step 6 — a tactic (the *how*) serving one or more goals, with the metrics kept for it (step 7).",
                "required": ["id", "name", "goals", "metrics"],
                "additionalProperties": false,
                "properties": {
                    "id": id("The tactic's id, e.g. \"public-faq-replies\"."),
                    "name": text("What the team does, e.g. \"Public answers to FAQ-type questions on X and Facebook\"."),
                    "goals": {
                        "type": "array",
                        "minItems": 1,
                        "items": { "type": "string", "pattern": ID },
                        "description": "Step 6 — the ids of the goals this tactic serves. A tactic without a goal is the \"tactics before goals\" mistake the method exists to prevent.",
                    },
                    "metrics": {
                        "type": "array",
                        "minItems": 1,
                        "items": { "$ref": "#/$defs/metric" },
                        "description": "Step 7 — the 2–5 most valuable metrics kept from the brainstorm (`[limits] metrics_per_tactic`), without duplicates.",
                    },
                    "candidates": {
                        "type": "array",
                        "items": { "$ref": "#/$defs/metric" },
                        "description": "Step 7 — the full brainstorm of possible metrics (usually 7–10) that `metrics` was chosen from.",
                    },
                    "cost": {
                        "type": "number",
                        "minimum": 0,
                        "description": "The tactic's planned cost over the horizon, in the plan's `currency` (for ROI = (benefit − cost) / cost).",
                    },
                },
            },
            "metric": {
                "description": "Step 7 — a metric: its name, or a table with a name and where it comes from.",
                "anyOf": [
                    { "type": "string", "minLength": 1, "pattern": "\\S" },
                    {
                        "type": "object",
                        "required": ["name"],
                        "additionalProperties": false,
                        "properties": {
                            "name": text("The metric's name, e.g. \"Median first response time\"."),
                            "source": text("Where the metric comes from: a report, a tool or an export."),
                            "unit": text("The metric's unit, e.g. \"%\" or \"minutes\"."),
                        },
                    },
                ],
            },
        },
    })
}
