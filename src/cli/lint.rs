//! `smplan lint`.

use super::{Failure, Global, load_settings, report_error, use_color};
use crate::report;
use clap::ValueEnum;
use smplan::config::{CliRules, ConfigError};
use smplan::diagnostic::Level;
use smplan::discover::discover;
use smplan::lint::{Input, Options, lint};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
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
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
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
        severity: args.severity.clone(),
    })?;

    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        report_error(ConfigError::plain(
            "`-` (standard input) may be given only once",
        ));
        return Err(Failure);
    }
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let found = discover(&paths, &settings, args.force_exclude).map_err(|e| {
        report_error(ConfigError::plain(e.to_string()));
        Failure
    })?;
    for w in &found.warnings {
        eprintln!("smplan: warning: {w}");
    }
    let mut inputs: Vec<Input> = found.files.into_iter().map(Input::File).collect();
    if stdin_count == 1 {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            report_error(ConfigError::plain(format!(
                "cannot read standard input: {e}"
            )));
            return Err(Failure);
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        inputs.push(Input::Stdin { name, bytes });
    }
    if inputs.is_empty() {
        eprintln!(
            "smplan: no plan files found (looked for {})",
            smplan::config::DEFAULT_INCLUDE
        );
        return Ok(0);
    }

    let opts = Options {
        // Pretty shows snippets; SARIF locates same-file secondary labels.
        keep_text: matches!(args.format, Format::Pretty | Format::Sarif),
        jobs: args.jobs.map(usize::from),
    };
    let outcome = lint(inputs, &settings, &opts);
    let to_file = args.output.is_some();
    let mut text = match args.format {
        Format::Pretty => report::pretty::render(
            &outcome,
            &settings.catalog,
            !to_file && use_color(global.color),
            100,
        ),
        Format::Concise => report::concise::render(&outcome),
        Format::Json => report::json::render(&outcome, &settings.catalog),
        Format::Sarif => report::sarif::render(&outcome, &settings.catalog),
        Format::Github => report::github::render(&outcome, &settings.catalog),
    };
    // Machine formats (JSON, SARIF, GitHub) stay one clean document: no summary line, and
    // `--statistics` goes to standard error.
    let human = matches!(args.format, Format::Pretty | Format::Concise);
    if args.statistics {
        let stats = report::statistics(&outcome, &settings.catalog);
        if human {
            text.push_str(&stats);
        } else {
            eprint!("{stats}");
        }
    }
    if human && !global.quiet {
        text.push_str(&report::summary_line(&outcome.summary, started.elapsed()));
        text.push('\n');
    }
    match &args.output {
        Some(path) => write_atomically(path, &text).map_err(|e| {
            report_error(ConfigError::plain(format!(
                "cannot write `{}`: {e}",
                path.display()
            )));
            Failure
        })?,
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not a failure of the lint.
            let _ = stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush());
        }
    }

    let s = &outcome.summary;
    let failed = s.errors > 0 || (args.deny_warnings && s.warnings > 0);
    Ok(if failed && !args.exit_zero { 1 } else { 0 })
}

/// Writes to a temporary file beside `path`, then renames it over `path`.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
