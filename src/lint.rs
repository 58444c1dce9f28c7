//! The pipeline: read → parse → model → rules → cross-file rules → settle.

use crate::catalog::Origin;
use crate::config::{FileSettings, Settings};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::Candidate;
use crate::history::Base;
use crate::model::{self, Plan};
pub use crate::parallel::{MAX_JOBS, map_all, worker_pool};
use crate::rules::Ctx;
use crate::rules::history::Revision;
use crate::rules::registry::Check;
use crate::rules::scope::sc003_duplicate_scope::{self, Compared, DuplicateScope, ScopeFacts};
use crate::rules::structure::{
    pl001_invalid_toml, pl002_unreadable_file, pl008_unsupported_version,
};
use crate::settle;
use crate::source::{self, LineIndex, ReadError};
use crate::suppress::{self, Suppression};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

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
    /// Keep every file's text, with diagnostics or not (`report` summarises each plan from
    /// the text read here: no file is read twice).
    pub keep_every_text: bool,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// The plans at a base revision, for the HI rules (`--base`); without it they do not run.
    pub history: Option<Arc<Base>>,
    /// Report only these inputs (by path as given; standard input is always reported). Every
    /// input is still linted, so cross-file rules see every plan (`--changed-since`).
    pub only: Option<Arc<HashSet<PathBuf>>>,
    /// Every plan of the project (what `smplan lint` with no path would find), for SC003: plans
    /// that are not linted are read for their scope, department and horizon only, so a run on
    /// one staged file still compares it with the rest. `None` compares the linted files alone.
    pub project: Option<Arc<Vec<Candidate>>>,
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

/// A file after its own rules ran, before cross-file rules and settling.
struct Work {
    path: String,
    settings: Arc<FileSettings>,
    text: Option<String>,
    diagnostics: Vec<Diagnostic>,
    suppressions: Vec<Suppression>,
    scope: Option<Box<ScopeFacts>>,
    /// Whether the rules ran (not after PL001/PL002/PL008): SU001 needs them to have had a chance.
    rules_ran: bool,
    /// Whether the file is reported (see [`Options::only`]).
    report: bool,
    /// Where the plan's items are, to name what a diagnostic settling adds is about (kept only
    /// for a file with suppressions, or with a habit the rule left unnamed).
    items: Option<Box<crate::item::Items>>,
    /// The file's path resolved from the working directory ([`crate::discover::Scope::resolve`];
    /// standard input: the file `--stdin-filename` names), so that a project plan is never
    /// compared with itself; canonicalised only when a project plan's
    /// path differs from every linted one (a syscall per path component, per file). Kept only
    /// when there are project plans to compare ([`Options::project`]).
    access: Option<PathBuf>,
}

/// A plan of the project that is not linted: what SC003 needs of it, and how to name it.
struct Unlinted {
    path: String,
    scope: ScopeFacts,
}

/// Plans of the project read at least, per extra thread, before reading them takes a pool of
/// its own when the run has none (a pre-commit run lints one file but reads every plan).
const SCAN_PER_THREAD: usize = 32;

/// A pool for reading the project's plans when this run lints in no pool and there are enough
/// plans for a second thread to pay for itself.
fn scan_pool(plans: usize, jobs: Option<usize>) -> Option<rayon::ThreadPool> {
    if rayon::current_thread_index().is_some() || plans < 2 * SCAN_PER_THREAD {
        return None;
    }
    let cores = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let threads = cores.clamp(1, MAX_JOBS).min(plans / SCAN_PER_THREAD);
    if threads < 2 {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .ok()
}

/// Lints every input and returns the settled results.
pub fn lint(inputs: Vec<Input>, settings: &Settings, opts: &Options) -> Outcome {
    let inputs_len = inputs.len();
    let run = || {
        let mut work: Vec<Work> = lint_all(inputs, settings, opts);
        // Inputs mostly come in path order: sorting them again would copy every file's work
        // into a scratch buffer as large as the run.
        if !work.is_sorted_by_key(|w| &w.path) {
            work.sort_by(|a, b| a.path.cmp(&b.path));
        }
        let unlinted = match &opts.project {
            Some(project) if settings.rule_enabled(DuplicateScope::META.code) => {
                scan_pool(project.len(), opts.jobs).map_or_else(
                    || unlinted_plans(project, &work, settings),
                    |pool| pool.install(|| unlinted_plans(project, &work, settings)),
                )
            }
            _ => Vec::new(),
        };
        cross_file(&mut work, &unlinted, settings);
        // Reporters that show text show the other file of a cross-file diagnostic from the
        // text kept here (the others need no set: looking up every path cost more than settling).
        let related: HashSet<String> = match opts.keep_text && !opts.keep_every_text {
            true => work
                .iter()
                .flat_map(|w| &w.diagnostics)
                .flat_map(|d| &d.related)
                .map(|r| r.path.clone())
                .collect(),
            false => HashSet::new(),
        };
        let reported: Vec<Work> = work.into_iter().filter(|w| w.report).collect();
        map_all(reported, |w| {
            let is_related = related.contains(&w.path);
            finish(w, settings, opts, is_related)
        })
    };
    let files = match worker_pool(opts.jobs, inputs_len) {
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

/// The most offsets a file's diagnostics are located at one by one rather than through a
/// [`LineIndex`] of the file.
const FEW_POSITIONS: usize = 16;

/// Where [`open`] takes a plan's text from, once the input's names are moved out.
enum Body {
    Disk,
    Stdin(Vec<u8>),
    Edited(String),
}

/// Plans one worker lints together, rule by rule: each rule's code then runs over them all
/// while it is in the instruction cache, rather than every rule once per plan (a plan's
/// rules evicted the parser's code, and each other's, before the next plan: a tenth of the
/// run's time). The order of each plan's diagnostics is the same: its rules in catalog order.
const BATCH: usize = 16;

/// Every input linted up to cross-file rules, in input order: in batches of up to [`BATCH`] on
/// the pool this runs in (smaller when there are few inputs per thread), else in this thread.
fn lint_all(inputs: Vec<Input>, settings: &Settings, opts: &Options) -> Vec<Work> {
    let batch = |inputs: Vec<Input>| -> Vec<Work> {
        // The texts are held apart from the plans, which borrow their strings from them.
        let (opened, texts): (Vec<Opened>, Vec<Option<String>>) = inputs
            .into_iter()
            .map(|input| open(input, settings, opts))
            .unzip();
        let mut staged: Vec<Staged> = opened
            .into_iter()
            .zip(&texts)
            .map(|(o, text)| stage(o, text.as_deref()))
            .collect();
        run_rules(&mut staged, settings, opts);
        let done: Vec<(Work, bool)> = staged.into_iter().map(|s| conclude(s, opts)).collect();
        done.into_iter()
            .zip(texts)
            .map(|((mut work, keep), text)| {
                if keep {
                    work.text = text;
                }
                work
            })
            .collect()
    };
    if rayon::current_thread_index().is_some() {
        // About four batches a thread, so that every thread has work to the end.
        let size = (inputs.len() / (4 * rayon::current_num_threads())).clamp(1, BATCH);
        inputs
            .into_par_iter()
            .chunks(size)
            .flat_map_iter(batch)
            .collect()
    } else {
        let mut out = Vec::with_capacity(inputs.len());
        let mut inputs = inputs.into_iter();
        loop {
            let next: Vec<Input> = inputs.by_ref().take(BATCH).collect();
            if next.is_empty() {
                break out;
            }
            out.extend(batch(next));
        }
    }
}

/// A file read (its text held by the caller), before it is parsed.
struct Opened {
    work: Work,
    /// The path the history knows the input by.
    key: PathBuf,
}

/// A file read, parsed and modelled, before its rules run.
struct Staged<'t> {
    work: Work,
    /// The text, unless it could not be read (PL002: nothing else runs).
    text: Option<&'t str>,
    /// Built only when something needs line numbers: most files of a large run are clean.
    index: std::cell::OnceCell<LineIndex>,
    diagnostics: Vec<Diagnostic>,
    /// The model, when the file is valid TOML (else PL001 is its one diagnostic).
    built: Option<model::BuildOutcome<'t>>,
    /// The path the history knows the input by.
    key: PathBuf,
}

/// Reads one input: its text, or PL002 when it cannot be read.
fn open(input: Input, settings: &Settings, opts: &Options) -> (Opened, Option<String>) {
    // The input's names are moved out, not cloned: `key` is the path the history and `only`
    // know the input by.
    let (path, rel, key, body) = match input {
        Input::File(c) => (c.display, c.rel, c.path, Body::Disk),
        Input::Edited { file: c, text } => (c.display, c.rel, c.path, Body::Edited(text)),
        Input::Stdin { name, bytes } => {
            let rel = settings.relative(std::path::Path::new(&name));
            let key = PathBuf::from(&name);
            (name, rel, key, Body::Stdin(bytes))
        }
    };
    let report = match (&opts.only, &body) {
        (Some(only), Body::Disk | Body::Edited(_)) => only.contains(&key),
        _ => true,
    };
    let fs = settings.for_path(&rel);
    drop(rel);
    let limit = fs.limits.max_file_bytes;
    let mut opened = Opened {
        work: Work {
            path,
            settings: fs,
            text: None,
            diagnostics: Vec::new(),
            suppressions: Vec::new(),
            scope: None,
            rules_ran: false,
            report,
            items: None,
            access: None,
        },
        key,
    };
    let text = match body {
        // From the settings' working directory (for the command line, the process's own).
        Body::Disk => source::read_text(&settings.scope.open_path(&opened.key), limit),
        Body::Stdin(bytes) => source::stdin_text(bytes, limit),
        Body::Edited(text) if text.len() as u64 > limit => Err(ReadError::OverLimit { limit }),
        Body::Edited(text) => Ok(text),
    };
    if opts.project.is_some() {
        opened.work.access = Some(settings.scope.resolve(&opened.key));
    }
    match text {
        Ok(text) => (opened, Some(text)),
        Err(e) => {
            opened
                .work
                .diagnostics
                .push(pl002_unreadable_file::diagnostic(&e));
            (opened, None)
        }
    }
}

/// Parses and models a file read, and runs what decides whether its rules run.
fn stage(opened: Opened, text: Option<&str>) -> Staged<'_> {
    let mut staged = Staged {
        work: opened.work,
        text,
        index: std::cell::OnceCell::new(),
        diagnostics: Vec::new(),
        built: None,
        key: opened.key,
    };
    let Some(text) = text else {
        return staged;
    };
    let index = || staged.index.get_or_init(|| LineIndex::new(text));
    match pl001_invalid_toml::parse(text) {
        Err(d) => {
            staged.diagnostics.push(d);
            staged.work.suppressions = suppress::parse(text, index, &[]);
        }
        Ok(root) => {
            let built = model::build(root.get_ref(), text);
            // The model borrows from the text, not the tree: the tree is freed before the rules
            // run, so their allocations reuse its memory while it is still in cache.
            drop(root);
            staged.work.suppressions = suppress::parse(text, index, &built.plan.regions);
            match pl008_unsupported_version::check(&built.plan, text) {
                Some(d) => staged.diagnostics.push(d.item("smplan")),
                None => {
                    staged.work.rules_ran = true;
                }
            }
            staged.built = Some(built);
        }
    }
    staged
}

/// Runs the rules of every plan of `batch` whose rules run, rule by rule ([`BATCH`]).
fn run_rules(batch: &mut [Staged], settings: &Settings, opts: &Options) {
    // Each plan's diagnostics are taken out while the plans are read.
    let mut out: Vec<Vec<Diagnostic>> = batch
        .iter_mut()
        .map(|s| std::mem::take(&mut s.diagnostics))
        .collect();
    let plans: Vec<(usize, &Staged, &model::BuildOutcome, &str)> = batch
        .iter()
        .enumerate()
        .filter(|(_, s)| s.work.rules_ran)
        // A plan whose rules run has a text and a model (`stage` sets `rules_ran` only then).
        .filter_map(|(i, s)| Some((i, s, s.built.as_ref()?, s.text?)))
        .collect();
    // The word lists once per settings and language in the batch (usually one), not once per
    // plan: each look-up clones an `Arc` that every worker thread counts on.
    let mut lists: Vec<(&FileSettings, &str, Arc<crate::rules::options::Words>)> = Vec::new();
    let words: Vec<usize> = plans
        .iter()
        .map(|(_, s, built, _)| {
            let (fs, language) = (&*s.work.settings, built.plan.language());
            lists
                .iter()
                .position(|(f, l, _)| std::ptr::eq(*f, fs) && *l == language)
                .unwrap_or_else(|| {
                    lists.push((fs, language, fs.words_for(language)));
                    lists.len() - 1
                })
        })
        .collect();
    let cxs: Vec<Ctx> = plans
        .iter()
        .zip(&words)
        .map(|(&(_, s, built, text), &w)| Ctx {
            text,
            facts: &built.facts,
            limits: &s.work.settings.limits,
            words: &lists[w].2,
            core_goals: &settings.core_goals,
            decimal_comma: crate::rules::decimal_comma(built.plan.language()),
        })
        .collect();
    let views: Vec<_> = plans
        .iter()
        .map(|(_, s, built, _)| crate::packs::PlanView::new(&built.plan, &s.work.settings.limits))
        .collect();
    // The plan at the base revision, parsed for the first history rule on.
    let bases: Vec<std::cell::OnceCell<Option<Plan>>> =
        plans.iter().map(|_| std::cell::OnceCell::new()).collect();
    let base_plan = |j: usize| {
        bases[j]
            .get_or_init(|| {
                let base = opts.history.as_deref()?;
                let base_text = base.text(&plans[j].1.key)?;
                // Over the limit: nothing is compared (the plan is not read).
                let fits = base_text.len() as u64 <= plans[j].1.work.settings.limits.max_file_bytes;
                fits.then(|| read_quietly(base_text)).flatten()
            })
            .as_ref()
    };
    for (r, rule) in settings.catalog.rules.iter().enumerate() {
        for (j, &(i, s, built, _)) in plans.iter().enumerate() {
            if s.work.settings.severities[r].is_none() {
                continue;
            }
            let diags = &mut out[i];
            match rule.origin {
                Origin::Builtin(Check::File(check)) => check(&built.plan, &cxs[j], diags),
                Origin::Builtin(Check::History(check)) => {
                    if let (Some(base), Some(old)) = (&opts.history, base_plan(j)) {
                        let at = Revision {
                            rev: base.rev(),
                            as_of: base.as_of(),
                        };
                        check(old, &built.plan, &at, diags);
                    }
                }
                Origin::Builtin(Check::Pipeline) => {}
                Origin::Pack(p) => {
                    let rule = &settings.catalog.pack_rules[p];
                    crate::packs::check(rule, &views[j], diags);
                }
            }
        }
    }
    let scopes: Vec<(usize, Option<Box<ScopeFacts>>)> = plans
        .iter()
        .map(|&(i, _, built, text)| (i, ScopeFacts::of(&built.plan, text).map(Box::new)))
        .collect();
    drop((views, cxs, bases));
    for (i, scope) in scopes {
        batch[i].work.scope = scope;
    }
    for (s, diags) in batch.iter_mut().zip(out) {
        s.diagnostics = diags;
    }
}

/// A staged file after its rules: its diagnostics named and located, and whether its text is
/// kept.
fn conclude(s: Staged<'_>, opts: &Options) -> (Work, bool) {
    let Staged {
        mut work,
        text,
        index,
        diagnostics: mut diags,
        built,
        ..
    } = s;
    let Some(text) = text else {
        return (work, false);
    };
    if let Some(built) = &built {
        // Only files with something to report need their items (most files are clean).
        // Without suppressions no diagnostic is added after this but SC003's, which names
        // its item: the others are named here, in parallel, and the items are not kept
        // (a roll-up reads its habits' items as the rules left them, so those wait).
        if !work.suppressions.is_empty() {
            work.items = Some(Box::new(crate::item::Items::of(&built.plan, text)));
        } else if !diags.is_empty() {
            let items = crate::item::Items::of(&built.plan, text);
            for d in &mut diags {
                if d.item.is_none() && d.rollup.is_none() {
                    d.item = Some(items.at(d.primary.span.start));
                }
            }
            if diags.iter().any(|d| d.item.is_none()) {
                work.items = Some(Box::new(items));
            }
        }
    }
    drop(built);
    if !diags.is_empty() {
        // Indexing every line costs as much as finding a dozen or two offsets one by one.
        let few = diags.iter().map(settle::positions).sum::<usize>() <= FEW_POSITIONS;
        match index.get() {
            None if few => {
                for d in &mut diags {
                    settle::locate_by(d, |offset| source::position_at(text, offset));
                }
            }
            _ => {
                let index = index.get_or_init(|| LineIndex::new(text));
                for d in &mut diags {
                    settle::locate(d, text, index);
                }
            }
        }
    }
    work.diagnostics = diags;
    // Positions are already computed: the text is kept only for suppressions (SU001/SU002
    // positions) and for reporters that show snippets, so memory stays flat on large runs.
    let keep = !work.suppressions.is_empty()
        || opts.keep_every_text
        || (opts.keep_text && (!work.diagnostics.is_empty() || work.scope.is_some()));
    (work, keep)
}

/// The project's plans that are not linted, read for SC003's facts only (in parallel). A plan
/// that cannot be read or parsed is skipped: it is not this run's to report.
fn unlinted_plans(project: &[Candidate], work: &[Work], settings: &Settings) -> Vec<Unlinted> {
    // A project plan is the linted one when its path is the same text (the common case: the
    // whole project is linted), else when both canonicalise to the same file.
    let linted: HashSet<&PathBuf> = work.iter().filter_map(|w| w.access.as_ref()).collect();
    let linted_canonical = std::sync::OnceLock::new();
    // Canonicalising costs a syscall per path component: only for a plan that names a linted
    // scope (checked after the text prefilter below).
    let same_file_as_linted = |access: &PathBuf| {
        std::fs::canonicalize(access).is_ok_and(|canonical| {
            linted_canonical
                .get_or_init(|| {
                    work.iter()
                        .filter_map(|w| std::fs::canonicalize(w.access.as_ref()?).ok())
                        .collect::<HashSet<PathBuf>>()
                })
                .contains(&canonical)
        })
    };
    // Only a plan that names the scope of a linted plan can overlap one: most are skipped
    // before parsing. (A scope written with escapes has a backslash, so it is parsed.)
    let mut scopes: Vec<&str> = work
        .iter()
        .filter_map(|w| w.scope.as_ref().map(|s| s.scope.as_str()))
        .collect();
    scopes.sort_unstable();
    scopes.dedup();
    if scopes.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Unlinted> = map_all(project, |c| {
        let access = settings.scope.resolve(&c.path);
        if linted.contains(&access) {
            return None;
        }
        let limit = settings.for_path(&c.rel).limits.max_file_bytes;
        let text = source::read_text(&settings.scope.open_path(&c.path), limit).ok()?;
        if !text.contains('\\') && !scopes.iter().any(|s| text.contains(s)) {
            return None;
        }
        if same_file_as_linted(&access) {
            return None;
        }
        let plan = read_quietly(&text)?;
        Some(Unlinted {
            path: c.display.clone(),
            scope: ScopeFacts::of(&plan, &text)?,
        })
    })
    .into_iter()
    .flatten()
    .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// A plan read for another plan's sake (its base revision, a project plan SC003 compares):
/// the model, or `None` when it is not valid TOML (PL001) or of another format version (PL008).
/// No rule runs: its problems are not this run's to report.
fn read_quietly(text: &str) -> Option<Plan<'_>> {
    let root = pl001_invalid_toml::parse(text).ok()?;
    let plan = model::build(root.get_ref(), text).plan;
    pl008_unsupported_version::check(&plan, text)
        .is_none()
        .then_some(plan)
}

/// SC003, on linted files only: compared with every other linted plan and the project's plans
/// that are not linted. A plan linted but not reported (`--changed-since`, the language
/// server's other documents) counts as a plan of the project, whatever its path.
fn cross_file(work: &mut [Work], unlinted: &[Unlinted], settings: &Settings) {
    let Some(sc003) = settings.catalog.lookup(DuplicateScope::META.code) else {
        return;
    };
    let mut owner = Vec::with_capacity(work.len() + unlinted.len());
    let mut plans = Vec::with_capacity(work.len() + unlinted.len());
    for (i, w) in work.iter().enumerate() {
        if let Some(facts) = &w.scope {
            owner.push(Some(i));
            plans.push(Compared {
                path: &w.path,
                facts,
                reportable: w.settings.severities[sc003].is_some(),
                elsewhere: !w.report,
            });
        }
    }
    for u in unlinted {
        owner.push(None);
        plans.push(Compared {
            path: &u.path,
            facts: &u.scope,
            reportable: false,
            elsewhere: true,
        });
    }
    let found: Vec<(usize, Diagnostic)> = sc003_duplicate_scope::check_all(&plans)
        .into_iter()
        .filter_map(|(p, d)| Some((owner[p]?, d)))
        .collect();
    for (i, d) in found {
        work[i].diagnostics.push(d);
    }
}

fn finish(mut w: Work, settings: &Settings, opts: &Options, is_related: bool) -> FileResult {
    settle::settle(
        &mut w.diagnostics,
        &w.suppressions,
        &w.settings,
        &settings.catalog,
        w.text.as_deref(),
        w.rules_ran,
    );
    for d in &mut w.diagnostics {
        if d.item.is_none() {
            d.item = Some(match &w.items {
                Some(items) => items.at(d.primary.span.start),
                None => "plan".to_string(),
            });
        }
    }
    let keep =
        opts.keep_every_text || (opts.keep_text && (!w.diagnostics.is_empty() || is_related));
    FileResult {
        path: w.path,
        text: if keep { w.text } else { None },
        diagnostics: w.diagnostics,
    }
}

/// Parses a plan's text into the model, for tools that draw or summarise it (`graph`, `report`).
/// Runs no rule: a file that parses always yields a [`Plan`], however broken. A file that is not
/// valid TOML yields the PL001 diagnostic, located; `lint` reports the same problem.
pub fn parse_plan(text: &str) -> Result<Plan<'_>, Diagnostic> {
    match pl001_invalid_toml::parse(text) {
        Ok(root) => Ok(model::build(root.get_ref(), text).plan),
        Err(mut d) => {
            settle::locate(&mut d, text, &LineIndex::new(text));
            Err(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_quietly;

    #[test]
    fn a_plan_read_quietly_is_one_lint_would_read() {
        assert!(read_quietly("smplan = 1\n[plan]\ntitle = \"t\"\n").is_some());
        // TOML's parser keeps `0x` as text; PL001 rejects it, so it is no plan to compare.
        assert!(read_quietly("smplan = 1\n[plan]\nx = 0x\n").is_none());
        assert!(
            read_quietly("smplan = 2\n").is_none(),
            "another format version"
        );
        assert!(read_quietly("[plan\n").is_none());
    }
}
