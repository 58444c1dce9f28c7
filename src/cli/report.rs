//! `smplan report`: a review summary per plan, in Markdown or as one HTML page.

use super::{Failure, Global, load_settings, report_error};
use clap::ValueEnum;
use smplan::config::ConfigError;
use smplan::discover::discover_jobs;
use smplan::lint::{Input, Options, lint, parse_plan};
use smplan::summary::{self, PlanSummary};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// GitHub-flavoured Markdown with a ```mermaid diagram (for `$GITHUB_STEP_SUMMARY`).
    Markdown,
    /// One self-contained HTML page (inline CSS and SVG, no script, no network).
    Html,
}

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Files and folders to report on.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &ReportArgs, global: &Global) -> Result<u8, Failure> {
    let settings = load_settings(global)?;
    // The walk on every core, as `lint` walks (`None`: one thread per core, none for files).
    let found = discover_jobs(&args.paths, &settings.scope, false, None).map_err(|e| {
        report_error(ConfigError::plain(e.to_string()));
        Failure
    })?;
    for w in &found.warnings {
        eprintln!("smplan: warning: {}", smplan::sanitize::line(w));
    }
    if found.files.is_empty() {
        eprintln!(
            "smplan: no plan files found (looked for {})",
            smplan::config::DEFAULT_INCLUDE
        );
        return Ok(0);
    }
    let candidates = found.files.clone();
    let outcome = lint(
        found.files.into_iter().map(Input::File).collect(),
        &settings,
        &Options {
            keep_every_text: true,
            ..Options::default()
        },
    );
    let texts: HashMap<&str, &str> = outcome
        .files
        .iter()
        .filter_map(|f| Some((f.path.as_str(), f.text.as_deref()?)))
        .collect();
    let diagnostics: HashMap<&str, &[smplan::Diagnostic]> = outcome
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.diagnostics.as_slice()))
        .collect();
    let summarize = |c: &smplan::discover::Candidate| {
        let fs = settings.for_path(&c.rel);
        // The text the lint run read; a file it could not read has none.
        let plan = texts
            .get(c.display.as_str())
            .and_then(|t| parse_plan(t).ok());
        summary::summarize(&summary::Input {
            path: &c.display,
            plan: plan.as_ref(),
            diagnostics: diagnostics.get(c.display.as_str()).copied().unwrap_or(&[]),
            limits: &fs.limits,
            core_goals: &settings.core_goals,
        })
    };
    // Plans are summarised and their sections written on every core, in the plans' order
    // (`worker_pool` gives none for one plan, or when the system refuses threads).
    let render = || {
        let plans: Vec<PlanSummary> = smplan::parallel::map_all(&candidates, summarize);
        match args.format {
            ReportFormat::Markdown => summary::markdown(&plans),
            ReportFormat::Html => summary::html(&plans),
        }
    };
    let text = match smplan::parallel::worker_pool(None, candidates.len()) {
        Some(pool) => pool.install(render),
        None => render(),
    };
    super::emit(args.output.as_deref(), &text)?;
    Ok(0)
}
