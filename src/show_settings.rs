//! `smplan lint --show-settings [PATH]`: the settings in force for one path, as TOML, the way
//! `ruff check --show-settings` answers "why did this rule (not) fire".
//!
//! Strings are written as TOML strings (escaped), so nothing from a config file reaches the
//! terminal raw, and the output parses as TOML.

use crate::config::{CliRules, Settings};
use crate::discover::{compile_glob, matches_path_or_parent};
use std::fmt::Write;
use std::path::Path;

/// What the command line asked for, besides the config.
pub struct Request<'a> {
    pub path: &'a Path,
    pub cli: &'a CliRules,
    /// `--no-config` was given.
    pub no_config: bool,
}

pub fn render(settings: &Settings, req: &Request<'_>) -> String {
    let rel = settings.relative(req.path);
    let file = settings.for_path(&rel);
    let written = settings
        .config_path
        .as_deref()
        .and_then(|p| crate::source::read_text(p, crate::source::CONFIG_BYTES).ok())
        .and_then(|t| t.parse::<toml::Table>().ok())
        .unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# smplan {} settings for {}",
        env!("CARGO_PKG_VERSION"),
        quote(&rel.to_string_lossy())
    );
    let config = match &settings.config_path {
        Some(p) => quote(&p.to_string_lossy()),
        None if req.no_config => "\"\" # --no-config: the defaults".into(),
        None => "\"\" # none found: the defaults".into(),
    };
    let _ = writeln!(out, "config = {config}");
    let _ = writeln!(
        out,
        "root = {}",
        quote(&settings.scope.root().to_string_lossy())
    );
    let _ = writeln!(out, "path = {}", quote(&rel.to_string_lossy()));
    if req.path.is_dir() {
        out.push_str("# a folder: overrides are matched against the folder itself\n");
    } else {
        let included = settings.scope.include.is_match(&rel);
        let excluded = settings.excluded(&rel);
        let _ = writeln!(
            out,
            "linted = {} # include matches: {included}, exclude matches: {excluded}",
            included && !excluded
        );
    }
    let globs = |key: &str, default: &[&str]| match written.get(key).and_then(|v| v.as_array()) {
        Some(a) => array(a.iter().filter_map(|v| v.as_str())),
        None => array(default.iter().copied()),
    };
    let _ = writeln!(
        out,
        "include = {}",
        globs("include", &[crate::config::DEFAULT_INCLUDE])
    );
    let _ = writeln!(out, "exclude = {}", globs("exclude", &[]));
    let packs: Vec<String> = settings
        .packs
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let _ = writeln!(out, "packs = {}", array(packs.iter().map(String::as_str)));
    let core: Vec<&str> = settings.core_goals.iter().map(String::as_str).collect();
    let _ = writeln!(out, "core_goals = {}", array(core.into_iter()));

    out.push_str("\n[command_line]\n");
    match &req.cli.select {
        Some(s) => {
            let _ = writeln!(out, "select = {}", array(s.iter().map(String::as_str)));
        }
        None => out.push_str("# select: not given (every rule runs)\n"),
    }
    let _ = writeln!(
        out,
        "ignore = {}",
        array(req.cli.ignore.iter().map(String::as_str))
    );
    let severity: Vec<String> = req
        .cli
        .severity
        .iter()
        .map(|(code, level)| format!("{code}={}", level_name(*level)))
        .collect();
    let _ = writeln!(
        out,
        "severity = {}",
        array(severity.iter().map(String::as_str))
    );

    let l = &file.limits;
    out.push_str("\n[limits]\n");
    let _ = writeln!(
        out,
        "kpis_per_goal = {{ min = {}, max = {} }}",
        l.kpis_min, l.kpis_max
    );
    let _ = writeln!(
        out,
        "metrics_per_tactic = {{ min = {}, max = {} }}",
        l.metrics_min, l.metrics_max
    );
    let _ = writeln!(
        out,
        "candidates_per_tactic = {{ min = {} }}",
        l.candidates_min
    );
    let _ = writeln!(out, "max_horizon_years = {}", l.max_horizon_years);
    let _ = writeln!(
        out,
        "max_target_ratio = {}",
        toml::Value::Float(l.max_target_ratio)
    );
    let _ = writeln!(out, "max_file_bytes = {}", l.max_file_bytes);

    // The word lists of the plan's language (`plan.language`), as the rules would use them.
    let language = crate::source::read_text(req.path, file.limits.max_file_bytes)
        .ok()
        .and_then(|t| Some(crate::lint::parse_plan(&t).ok()?.language().to_string()))
        .unwrap_or_else(|| "en".to_string());
    let w = file.words_for(&language);
    let _ = writeln!(
        out,
        "\n[words] # for plans in language {}",
        quote(&language)
    );
    for (key, list) in [
        ("vague_words", &w.vague),
        ("vanity_words", &w.vanity),
        ("tactic_words", &w.tactic),
        ("activity_words", &w.activity),
    ] {
        let _ = writeln!(
            out,
            "{key} = {}",
            array(list.words().iter().map(String::as_str))
        );
    }

    // Overrides whose `files` match the path, as written, in the order they apply.
    let overrides = written
        .get("overrides")
        .and_then(|v| v.as_array())
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, entry) in overrides.iter().enumerate() {
        let Some(table) = entry.as_table() else {
            continue;
        };
        if !override_matches(table, &rel) {
            continue;
        }
        let _ = writeln!(out, "\n# [[overrides]] entry {} matches the path", i + 1);
        out.push_str("[[overrides]]\n");
        // Inline values: a sub-table header would leave the array entry.
        for (key, value) in table {
            let _ = writeln!(out, "{} = {value}", quote_key(key));
        }
    }

    out.push_str(
        "\n# Each rule's severity for this path after the defaults, `[rules]`, the matching\n\
         # `[[overrides]]` and the command line.\n[rules]\n",
    );
    for (rule, severity) in settings.catalog.rules.iter().zip(&file.severities) {
        let level = severity.map_or("off", |s| s.as_str());
        let _ = writeln!(
            out,
            "{} = \"{level}\" # {}, default {}",
            rule.meta.code, rule.meta.name, rule.meta.severity
        );
    }
    out
}

fn override_matches(table: &toml::Table, rel: &Path) -> bool {
    let mut b = globset::GlobSetBuilder::new();
    for pattern in table
        .get("files")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
    {
        match compile_glob(pattern) {
            Ok(g) => {
                b.add(g);
            }
            Err(_) => return false,
        }
    }
    b.build().is_ok_and(|set| matches_path_or_parent(&set, rel))
}

fn level_name(level: crate::diagnostic::Level) -> &'static str {
    level.severity().map_or("off", |s| s.as_str())
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A key as TOML needs it: bare when it can be.
fn quote_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        quote(key)
    }
}

fn array<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(quote).collect();
    format!("[{}]", items.join(", "))
}
