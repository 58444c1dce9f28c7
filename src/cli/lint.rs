//! `smplan lint`.

use super::{Failure, Global, load_settings, report_error, use_color};
use clap::ValueEnum;
use smplan::config::{CliRules, ConfigError};
use smplan::diagnostic::Level;
use smplan::discover::discover_jobs;
use smplan::lint::{Input, Options};
use smplan::report;
use std::path::PathBuf;
use std::time::Instant;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Graphical reports with source snippets, for people.
    Pretty,
    /// `path:line:col: severity[CODE] message`, one per line.
    Concise,
    /// One JSON document with a summary and every diagnostic.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
    Sarif,
    /// GitHub Actions workflow commands (annotations in logs and pull requests).
    Github,
    /// GitLab Code Quality JSON (the merge-request widget).
    Gitlab,
    /// JUnit XML, for the test-report views of Jenkins, GitLab, Azure and CircleCI.
    Junit,
}

#[derive(clap::Args, Debug)]
pub struct LintArgs {
    /// Files and folders to lint; `-` reads one plan from standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The name to show for a plan read from standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Run only these rules (codes, names or area prefixes such as `SM`, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// Do not run these rules (codes, names or area prefixes, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Set a rule's severity: `CODE=error|warning|info|off` (repeatable; the last word).
    #[arg(long, value_name = "CODE=LEVEL", value_parser = parse_severity)]
    pub severity: Vec<(String, Level)>,
    /// Make warnings fail the run (exit 1).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Exit 0 even when there are errors (unless the run itself fails).
    #[arg(long)]
    pub exit_zero: bool,
    /// Apply `exclude` to files named explicitly too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Print how many diagnostics each rule produced.
    #[arg(long)]
    pub statistics: bool,
    /// Worker threads that walk folders and lint, 1–256 (default: one per core, at most 12 for
    /// walking; never more threads than there are files).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Compare each plan with its version at this git revision (enables the HI rules).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The date the HI rules treat as today (YYYY-MM-DD; default: today in UTC).
    #[arg(long, value_name = "DATE", value_parser = smplan::history::parse_date)]
    pub as_of: Option<toml::value::Date>,
    /// Report only plan files added, modified or renamed since this git revision (every plan is
    /// still read, so cross-file rules see them all).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Print the settings in force for the first PATH (config, globs, packs, limits, word
    /// lists, overrides, each rule's severity) and exit without linting.
    #[arg(long)]
    pub show_settings: bool,
    /// Apply every safe fix (re-linting until none applies), then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Apply unsafe fixes too (guesses such as the closest key), with `--fix` or `--diff`.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what `--fix` would change; write nothing (exit 1 on a diff).
    #[arg(long, conflicts_with_all = ["fix", "add_suppressions", "write_baseline"])]
    pub diff: bool,
    /// Append `# smplan-ignore: CODES -- REASON` to every line that starts a diagnostic.
    #[arg(long, value_name = "REASON", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub add_suppressions: Option<String>,
    /// Report only the diagnostics this baseline file does not cover.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current diagnostic in this baseline file (TOML) and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// Without `--base` the HI rules cannot run: they are off (so suppressing them is not SU001).
fn history_severities(args: &LintArgs) -> Vec<(String, Level)> {
    let mut severity = args.severity.clone();
    if args.base.is_none() {
        severity.push(("HI".into(), Level::Off));
    }
    severity
}

/// `--base` and `--changed-since`: reads the plans' history from git (exit 2 when it cannot).
fn history_options(
    args: &LintArgs,
    inputs: &[Input],
    cwd: &std::path::Path,
) -> Result<Options, Failure> {
    let mut opts = Options::default();
    if args.base.is_none() && args.changed_since.is_none() {
        return Ok(opts);
    }
    let paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(c) | Input::Edited { file: c, .. } => Some(c.path.clone()),
            // Standard input has a history only when it is named.
            Input::Stdin { name, .. } => args.stdin_filename.as_ref().map(|_| PathBuf::from(name)),
        })
        .collect();
    let fail = |flag: &str, rev: &str, e: smplan::history::HistoryError| {
        let mut c = ConfigError::plain(format!("`{flag} {rev}`: {e}"));
        c.help = e.help();
        report_error(c);
        Failure
    };
    if let Some(rev) = &args.base {
        let as_of = args.as_of.unwrap_or_else(smplan::history::today_utc);
        let base = smplan::history::Base::load(rev, as_of, &paths, cwd)
            .map_err(|e| fail("--base", rev, e))?;
        opts.history = Some(std::sync::Arc::new(base));
    }
    if let Some(rev) = &args.changed_since {
        let only = smplan::history::changed_since(rev, &paths, cwd)
            .map_err(|e| fail("--changed-since", rev, e))?;
        opts.only = Some(std::sync::Arc::new(only));
    }
    Ok(opts)
}

/// The folder whose plans make the project for SC003: the config's folder when it was found by
/// walking up (or `--config` names one the current folder is inside), else the current folder.
fn project_root(global: &Global, settings: &smplan::config::Settings) -> PathBuf {
    let here = PathBuf::from(".");
    if global.no_config || settings.config_path.is_none() {
        return here;
    }
    if global.config.is_some() {
        let inside = std::fs::canonicalize(&here)
            .ok()
            .zip(std::fs::canonicalize(settings.scope.root()).ok())
            .is_some_and(|(cwd, root)| cwd.starts_with(root));
        if !inside {
            return here;
        }
    }
    settings.scope.root().to_path_buf()
}

/// Every plan of the project, so SC003 compares the linted files with the rest (a pre-commit
/// run names only the staged files). `None` when the paths already are the whole project or
/// SC003 does not run. A run of one file walks in this thread, as it lints in it.
fn project_plans(
    args: &LintArgs,
    global: &Global,
    settings: &smplan::config::Settings,
    linted: usize,
) -> Option<std::sync::Arc<Vec<smplan::discover::Candidate>>> {
    if !settings
        .rule_enabled(smplan::rules::scope::sc003_duplicate_scope::DuplicateScope::META.code)
    {
        return None;
    }
    let root = project_root(global, settings);
    let same = |p: &PathBuf| {
        std::fs::canonicalize(p)
            .ok()
            .is_some_and(|p| Some(p) == std::fs::canonicalize(&root).ok())
    };
    if args.paths.len() == 1 && args.stdin_filename.is_none() && same(&args.paths[0]) {
        return None;
    }
    let jobs = if linted > 1 {
        args.jobs.map(usize::from)
    } else {
        Some(1)
    };
    let found = discover_jobs(&[root], &settings.scope, false, jobs).ok()?;
    Some(std::sync::Arc::new(found.files))
}

fn parse_severity(s: &str) -> Result<(String, Level), String> {
    let (code, level) = s
        .split_once('=')
        .ok_or_else(|| format!("expected CODE=LEVEL, got `{s}`"))?;
    let level = Level::parse(level.trim())
        .ok_or_else(|| format!("`{level}` is not a severity: use error, warning, info or off"))?;
    Ok((code.trim().to_string(), level))
}

pub fn run(args: &LintArgs, global: &Global) -> Result<u8, Failure> {
    let started = Instant::now();
    let mut settings = load_settings(global)?;
    settings.apply_cli(&CliRules {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        severity: history_severities(args),
    })?;
    if args.show_settings {
        return show_settings(args, global, &settings);
    }

    let dashes = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if dashes > 1 {
        report_error(ConfigError::plain(
            "`-` (standard input) may be given only once",
        ));
        return Err(Failure);
    }
    let mut paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    // `--stdin-filename` alone reads standard input, as in ruff; with other paths it needs `-`.
    let read_stdin = dashes == 1 || args.stdin_filename.is_some();
    if dashes == 0 && args.stdin_filename.is_some() {
        if paths != [PathBuf::from(".")] {
            let mut e = ConfigError::plain(
                "`--stdin-filename` names standard input, but `-` is not among the paths",
            );
            e.help = Some("add `-` to the paths to lint standard input as well".into());
            report_error(e);
            return Err(Failure);
        }
        paths.clear();
    }
    let jobs = args.jobs.map(usize::from);
    let found = discover_jobs(&paths, &settings.scope, args.force_exclude, jobs).map_err(|e| {
        report_error(ConfigError::plain(e.to_string()));
        Failure
    })?;
    for w in &found.warnings {
        eprintln!("smplan: warning: {}", smplan::sanitize::line(w));
    }
    let mut files = found.files;
    let mut inputs: Vec<Input> = Vec::new();
    if read_stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        let rel = settings.relative(std::path::Path::new(&name));
        // Never more than the limit + 1 bytes: the rest of a huge input is not read at all.
        let limit = settings.for_path(&rel).limits.max_file_bytes;
        let bytes = smplan::source::read_stdin(limit).map_err(|e| {
            report_error(ConfigError::plain(format!(
                "cannot read standard input: {e}"
            )));
            Failure
        })?;
        // An editor sends the unsaved text of a file that is also on disk: lint the text once.
        match std::fs::canonicalize(&name) {
            Ok(same) => {
                files.retain(|c| std::fs::canonicalize(&c.path).map_or(c.rel != rel, |p| p != same))
            }
            Err(_) => files.retain(|c| c.rel != rel),
        }
        if !(args.force_exclude && args.stdin_filename.is_some() && settings.excluded(&rel)) {
            inputs.push(Input::Stdin { name, bytes });
        }
    }
    inputs.splice(0..0, files.into_iter().map(Input::File));
    if inputs.is_empty() {
        eprintln!(
            "smplan: no plan files to lint: none matched the include globs (default `{}`), or all were excluded",
            smplan::config::DEFAULT_INCLUDE
        );
        // Machine formats still write their (empty) document, so `jq` and SARIF uploads work.
        if matches!(args.format, Format::Pretty | Format::Concise) && args.output.is_none() {
            return Ok(0);
        }
    }

    let opts = Options {
        // Pretty shows snippets; SARIF locates same-file secondary labels; fixes edit the text.
        keep_text: matches!(args.format, Format::Pretty | Format::Sarif)
            || args.fix
            || args.diff
            || args.add_suppressions.is_some(),
        jobs: args.jobs.map(usize::from),
        project: project_plans(args, global, &settings, inputs.len()),
        ..history_options(
            args,
            &inputs,
            settings
                .scope
                .working_dir()
                .unwrap_or(std::path::Path::new(".")),
        )?
    };
    let adopted = super::adopt::run(args, inputs, &settings, &opts, global.quiet)?;
    if adopted.no_report {
        return Ok(adopted.exit.unwrap_or(0));
    }
    let outcome = adopted.outcome;
    let to_file = args.output.is_some();
    // Machine formats give paths relative to where smplan runs (SARIF's `%SRCROOT%`).
    let cwd = settings.scope.working_dir();
    // A report is pieces written one after the other (JSON's parts are not joined).
    let mut text: Vec<String> = match args.format {
        Format::Pretty => vec![report::pretty::render(
            &outcome,
            &settings.catalog,
            !to_file && use_color(global.color),
            100,
        )],
        Format::Concise => vec![report::concise::render(&outcome)],
        Format::Json => {
            // As many threads as linting used (`--jobs`), for a run with many diagnostics.
            let threads = args.jobs.map_or_else(
                || std::thread::available_parallelism().map_or(1, |n| n.get()),
                usize::from,
            );
            report::json::render_pieces(&outcome, &settings.catalog, threads)
        }
        Format::Sarif => vec![report::sarif::render(&outcome, &settings.catalog, cwd)],
        Format::Github => vec![report::github::render(&outcome, &settings.catalog)],
        Format::Gitlab => vec![report::gitlab::render(&outcome, cwd)],
        Format::Junit => vec![report::junit::render(&outcome)],
    };
    // Machine formats (JSON, SARIF, GitHub, GitLab, JUnit) stay one clean document: no summary line, and
    // `--statistics` goes to standard error.
    let human = matches!(args.format, Format::Pretty | Format::Concise);
    if args.statistics {
        let stats = report::statistics(&outcome, &settings.catalog);
        if human {
            text.push(stats);
        } else {
            eprint!("{stats}");
        }
    }
    if human && !global.quiet {
        text.push(report::summary_line(&outcome.summary, started.elapsed()));
        text.push("\n".into());
    }
    if adopted.report_to_stderr && args.output.is_none() {
        eprint!("{}", text.concat());
    } else {
        let pieces: Vec<&str> = text.iter().map(String::as_str).collect();
        super::emit_pieces(args.output.as_deref(), &pieces)?;
    }

    let s = &outcome.summary;
    let failed = s.errors > 0 || (args.deny_warnings && s.warnings > 0);
    let code = if failed && !args.exit_zero { 1 } else { 0 };
    super::left_to_exit((outcome, text, settings));
    Ok(code)
}

/// `--show-settings`: what applies to the first path, without linting (exit 0).
fn show_settings(
    args: &LintArgs,
    global: &Global,
    settings: &smplan::config::Settings,
) -> Result<u8, Failure> {
    let path = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    // What the user typed; the HI rules' `off` without `--base` shows in their severity.
    let cli = CliRules {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        severity: args.severity.clone(),
    };
    let text = smplan::show_settings::render(
        settings,
        &smplan::show_settings::Request {
            path: &path,
            cli: &cli,
            no_config: global.no_config,
        },
    );
    super::emit(args.output.as_deref(), &text)?;
    Ok(0)
}
