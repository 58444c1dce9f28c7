//! The pipeline: read → parse → model → rules → cross-file rules → settle.

use crate::config::{FileSettings, Settings};
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::discover::Candidate;
use crate::history::Base;
use crate::model::{self, Plan, Slot};
use crate::rules::registry::{Check, Origin};
use crate::rules::{Ctx, scope::sc001_inverted_horizon, structure::pl008_unsupported_version};
use crate::settle;
use crate::source::{self, LineIndex, Position, ReadError, Span};
use crate::suppress::{self, Suppression};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use toml::value::Date;

/// Where a plan's text comes from.
pub enum Input {
    File(Candidate),
    /// Standard input, with the name to show and the bytes read.
    Stdin {
        name: String,
        bytes: Vec<u8>,
    },
    /// A file's text as `--fix` or `--diff` changed it, in memory (linted as that file).
    Edited {
        file: Candidate,
        text: String,
    },
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Keep each file's text for rendering snippets (pretty output).
    pub keep_text: bool,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// The plans at a base revision, for the HI rules (`--base`); without it they do not run.
    pub history: Option<Arc<Base>>,
    /// Report only these inputs (by path as given; standard input is always reported). Every
    /// input is still linted, so cross-file rules see every plan (`--changed-since`).
    pub only: Option<Arc<HashSet<PathBuf>>>,
}

/// One linted file and its settled diagnostics, in order.
#[derive(Debug)]
pub struct FileResult {
    pub path: String,
    pub text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// Every linted file, in path order (files without diagnostics included).
    pub files: Vec<FileResult>,
    pub summary: Summary,
}

/// What SC003 needs of a plan.
struct ScopeFacts {
    scope: String,
    department: Option<String>,
    start: Date,
    end: Date,
    span: Span,
    pos: (Position, Position),
}

/// A file after its own rules ran, before cross-file rules and settling.
struct Work {
    path: String,
    rel: PathBuf,
    settings: Arc<FileSettings>,
    text: Option<String>,
    diagnostics: Vec<Diagnostic>,
    suppressions: Vec<Suppression>,
    scope: Option<ScopeFacts>,
    /// Whether the rules ran (not after PL001/PL002/PL008): SU001 needs them to have had a chance.
    rules_ran: bool,
    /// Whether the file is reported (see [`Options::only`]).
    report: bool,
    /// Where the plan's items are, to name what each diagnostic is about.
    items: Option<crate::item::Items>,
}

/// Lints every input and returns the settled results.
pub fn lint(inputs: Vec<Input>, settings: &Settings, opts: &Options) -> Outcome {
    let run = || {
        let mut work: Vec<Work> = inputs
            .into_par_iter()
            .map(|input| lint_one(input, settings, opts))
            .collect();
        work.sort_by(|a, b| a.path.cmp(&b.path));
        cross_file(&mut work, settings);
        work.into_par_iter()
            .filter(|w| w.report)
            .map(|w| finish(w, settings, opts))
            .collect::<Vec<_>>()
    };
    let files = match opts
        .jobs
        .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok())
    {
        Some(pool) => pool.install(run),
        None => run(),
    };
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    Outcome { files, summary }
}

/// [`lint`] in the current thread pool, ignoring [`Options::jobs`]: for re-linting one plan
/// many times (`--fix`), where building a pool per call would cost more than the lint.
pub fn lint_here(inputs: Vec<Input>, settings: &Settings, opts: &Options) -> Outcome {
    let opts = Options {
        jobs: None,
        ..opts.clone()
    };
    lint(inputs, settings, &opts)
}

impl Outcome {
    /// Counts the diagnostics again (after a baseline removed some).
    pub fn recount(&mut self) {
        let mut summary = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for d in self.files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        self.summary = summary;
    }
}

fn lint_one(input: Input, settings: &Settings, opts: &Options) -> Work {
    let (path, rel) = match &input {
        Input::File(c) | Input::Edited { file: c, .. } => (c.display.clone(), c.rel.clone()),
        Input::Stdin { name, .. } => (name.clone(), settings.relative(std::path::Path::new(name))),
    };
    // The path the history and `only` know the input by.
    let key = match &input {
        Input::File(c) | Input::Edited { file: c, .. } => c.path.clone(),
        Input::Stdin { name, .. } => PathBuf::from(name),
    };
    let report = match (&opts.only, &input) {
        (Some(only), Input::File(c) | Input::Edited { file: c, .. }) => only.contains(&c.path),
        _ => true,
    };
    let fs = settings.for_path(&rel);
    let mut work = Work {
        path,
        rel,
        settings: fs.clone(),
        text: None,
        diagnostics: Vec::new(),
        suppressions: Vec::new(),
        scope: None,
        rules_ran: false,
        report,
        items: None,
    };
    let text = match input {
        Input::File(c) => source::read_text(&c.path, fs.limits.max_file_bytes),
        Input::Stdin { bytes, .. } if bytes.len() as u64 > fs.limits.max_file_bytes => {
            Err(ReadError::TooLarge {
                size: bytes.len() as u64,
                limit: fs.limits.max_file_bytes,
            })
        }
        Input::Stdin { bytes, .. } => source::bytes_to_text(bytes),
        Input::Edited { text, .. } if text.len() as u64 > fs.limits.max_file_bytes => {
            Err(ReadError::TooLarge {
                size: text.len() as u64,
                limit: fs.limits.max_file_bytes,
            })
        }
        Input::Edited { text, .. } => Ok(text),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let mut d = Diagnostic::new("PL002", Span::new(0, 0), e.to_string())
                .help("save the plan as a UTF-8 text file under `max_file_bytes`");
            d.start = Position { line: 1, column: 1 };
            d.end = d.start;
            work.diagnostics.push(d);
            return work;
        }
    };
    // Built only when something needs line numbers: most files of a large run are clean.
    let index = std::cell::OnceCell::new();
    let index = || index.get_or_init(|| LineIndex::new(&text));
    let mut diags = Vec::new();
    match toml::de::DeTable::parse(&text) {
        Err(e) => {
            let span = e.span().map_or(Span::new(0, 0), Span::from);
            let message = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .trim()
                .to_string();
            let detail: Vec<&str> = e
                .message()
                .lines()
                .skip(1)
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let help = if detail.is_empty() {
                "fix the TOML syntax here; nothing else in the file is checked until it parses"
                    .to_string()
            } else {
                format!(
                    "{}; nothing else in the file is checked until it parses",
                    detail.join("; ")
                )
            };
            diags.push(
                Diagnostic::new("PL001", span, format!("invalid TOML: {message}")).help(help),
            );
            work.suppressions = suppress::parse(&text, index, &[]);
        }
        Ok(root) => {
            let built = model::build(root.get_ref(), &text);
            work.suppressions = suppress::parse(&text, index, &built.plan.regions);

            match pl008_unsupported_version::check(&built.plan, &text) {
                Some(d) => diags.push(d.item("smplan")),
                None => {
                    work.rules_ran = true;
                    let cx = Ctx {
                        text: &text,
                        facts: &built.facts,
                        limits: &fs.limits,
                        words: &fs.words,
                    };
                    for (i, rule) in settings.catalog.rules.iter().enumerate() {
                        if fs.severities[i].is_none() {
                            continue;
                        }
                        match rule.origin {
                            Origin::Builtin(Check::File(check)) => {
                                check(&built.plan, &cx, &mut diags)
                            }
                            Origin::Builtin(Check::Pipeline) => {}
                            Origin::Pack(p) => {
                                let rule = &settings.catalog.pack_rules[p];
                                crate::packs::check(
                                    rule,
                                    root.get_ref(),
                                    &text,
                                    &fs.limits,
                                    &mut diags,
                                );
                            }
                        }
                    }
                    if let Some(base) = &opts.history
                        && ["HI001", "HI002"].iter().any(|code| {
                            settings
                                .catalog
                                .lookup(code)
                                .is_some_and(|i| fs.severities[i].is_some())
                        })
                    {
                        diags.extend(base.check(&key, &built.plan, fs.limits.max_file_bytes));
                    }
                    work.scope = scope_facts(&built.plan, &text);
                }
            }
            // Only files with something to report need their items (most files are clean).
            if !diags.is_empty() || !work.suppressions.is_empty() {
                work.items = Some(crate::item::Items::of(&built.plan, &text));
            }
        }
    }
    if !diags.is_empty() {
        let index = index();
        for d in &mut diags {
            settle::locate(d, &text, index);
        }
    }
    work.diagnostics = diags;
    // Positions are already computed: the text is kept only for suppressions (SU001/SU002
    // positions) and for reporters that show snippets, so memory stays flat on large runs.
    if !work.suppressions.is_empty() || (opts.keep_text && !work.diagnostics.is_empty()) {
        work.text = Some(text);
    }
    work
}

fn scope_facts(plan: &Plan, text: &str) -> Option<ScopeFacts> {
    let scope = plan.scope.get()?;
    // A department we cannot read (PL005/PL006/PL004) is not "no department": skip SC003.
    if !matches!(plan.department, Slot::Missing | Slot::Valid(_)) {
        return None;
    }
    let (start, end) = (plan.start.value()?, plan.end.value()?);
    if sc001_inverted_horizon::applies(plan) {
        return None;
    }
    Some(ScopeFacts {
        scope: scope.value.clone(),
        department: plan.department.value().cloned(),
        start: *start,
        end: *end,
        span: scope.span,
        pos: (
            Position::of(text, scope.span.start),
            Position::of(text, scope.span.end),
        ),
    })
}

/// SC003: once per file that overlaps an earlier one, pointing at the first it overlaps.
fn cross_file(work: &mut [Work], settings: &Settings) {
    let Some(sc003) = settings.catalog.lookup("SC003") else {
        return;
    };
    let mut groups: HashMap<(&str, Option<&str>), Vec<usize>> = HashMap::new();
    let mut found = Vec::new();
    for (i, w) in work.iter().enumerate() {
        let Some(s) = &w.scope else { continue };
        let key = (s.scope.as_str(), s.department.as_deref());
        let earlier = groups.entry(key).or_default();
        if w.settings.severities[sc003].is_some()
            && let Some(&j) = earlier.iter().find(|&&j| {
                work[j]
                    .scope
                    .as_ref()
                    .is_some_and(|o| o.start <= s.end && s.start <= o.end)
            })
        {
            found.push((i, j));
        }
        earlier.push(i);
    }
    for (i, j) in found {
        let (Some(s), Some(o)) = (&work[i].scope, &work[j].scope) else {
            continue;
        };
        let dept = s
            .department
            .as_deref()
            .map_or("no department".to_string(), |d| format!("department `{d}`"));
        let mut d = Diagnostic::new(
            "SC003",
            s.span,
            format!(
                "another plan already covers scope `{}` for {dept} from {} to {}",
                s.scope, o.start, o.end
            ),
        )
        .label("same scope, department and period")
        .help("keep one plan per department and period: merge the plans, or set a different `department` or horizon")
        .item("plan.scope");
        d.start = s.pos.0;
        d.end = s.pos.1;
        d.related.push(Related {
            path: work[j].path.clone(),
            span: o.span,
            start: o.pos.0,
            end: o.pos.1,
            text: "the earlier plan".into(),
        });
        work[i].diagnostics.push(d);
    }
}

fn finish(mut w: Work, settings: &Settings, opts: &Options) -> FileResult {
    settle::settle(
        &mut w.diagnostics,
        &w.suppressions,
        &w.settings,
        &settings.catalog,
        w.text.as_deref(),
        w.rules_ran,
    );
    let _ = &w.rel;
    for d in &mut w.diagnostics {
        if d.item.is_none() {
            d.item = Some(match &w.items {
                Some(items) => items.at(d.primary.span.start),
                None => "plan".to_string(),
            });
        }
    }
    let keep = opts.keep_text && !w.diagnostics.is_empty();
    FileResult {
        path: w.path,
        text: if keep { w.text } else { None },
        diagnostics: w.diagnostics,
    }
}

/// Parses a plan's text into the model, for tools that draw or summarise it (`graph`, `report`).
/// Runs no rule: a file that parses always yields a [`Plan`], however broken. A file that is not
/// valid TOML yields the PL001 diagnostic, located; `lint` reports the same problem.
pub fn parse_plan(text: &str) -> Result<Plan, Diagnostic> {
    match toml::de::DeTable::parse(text) {
        Ok(root) => Ok(model::build(root.get_ref(), text).plan),
        Err(e) => {
            let span = e.span().map_or(Span::new(0, 0), Span::from);
            let message = e.message().lines().next().unwrap_or("invalid TOML").trim();
            let mut d = Diagnostic::new("PL001", span, format!("invalid TOML: {message}")).help(
                "fix the TOML syntax here; nothing else in the file is checked until it parses",
            );
            settle::locate(&mut d, text, &LineIndex::new(text));
            Err(d)
        }
    }
}
