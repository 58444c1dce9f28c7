//! `lint --fix`, `--diff`, `--add-suppressions`, `--baseline` and `--write-baseline`: the ways
//! a team adopts smplan on plans that already exist (fixes.md). The library does the work
//! (`smplan::fix`, `smplan::rules::suppressions::add`, `smplan::baseline`); this module reads, writes and
//! tells the user what happened.

use super::lint::LintArgs;
use super::{Failure, report_error, write_atomically};
use smplan::baseline::{self, Baseline};
use smplan::config::{ConfigError, Settings};
use smplan::discover::Candidate;
use smplan::lint::{Input, Options, Outcome, lint};
use std::path::Path;

/// Where a plan came from, so it can be linted again with new text.
#[derive(Clone)]
enum Source {
    File(Candidate),
    Stdin { name: String, bytes: Vec<u8> },
}

impl Source {
    fn of(input: &Input) -> Source {
        match input {
            Input::File(c) | Input::Edited { file: c, .. } => Source::File(c.clone()),
            Input::Stdin { name, bytes } => Source::Stdin {
                name: name.clone(),
                bytes: bytes.clone(),
            },
        }
    }
    fn shown(&self) -> &str {
        match self {
            Source::File(c) => &c.display,
            Source::Stdin { name, .. } => name,
        }
    }
    /// The input to lint: the new text when there is one.
    fn input(&self, text: Option<&str>) -> Input {
        match (self, text) {
            (Source::File(c), Some(t)) => Input::Edited {
                file: c.clone(),
                text: t.to_string(),
            },
            (Source::File(c), None) => Input::File(c.clone()),
            (Source::Stdin { name, .. }, Some(t)) => Input::Stdin {
                name: name.clone(),
                bytes: t.as_bytes().to_vec(),
            },
            (Source::Stdin { name, bytes }, None) => Input::Stdin {
                name: name.clone(),
                bytes: bytes.clone(),
            },
        }
    }
}

/// What the run ends with.
pub struct Adopted {
    pub outcome: Outcome,
    /// Replaces the usual exit status (`--diff`, `--write-baseline`).
    pub exit: Option<u8>,
    /// Skip the usual report (`--diff`, `--write-baseline` print something else).
    pub no_report: bool,
    /// Standard output carries the fixed plan (standard input with `--fix`): report on stderr.
    pub report_to_stderr: bool,
}

/// Terminal control characters in a plan's text are shown escaped, never sent raw.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_plan(path: &Path, text: &str) -> Result<(), Failure> {
    // A plan that is a symlink is fixed through the link: its target is replaced (safety.md).
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    write_atomically(&target, text).map_err(|e| {
        report_error(ConfigError::plain(format!(
            "cannot write `{}`: {e}",
            path.display()
        )));
        Failure
    })
}

pub fn run(
    args: &LintArgs,
    inputs: Vec<Input>,
    settings: &Settings,
    opts: &Options,
    quiet: bool,
) -> Result<Adopted, Failure> {
    // Summaries go to standard error, and `-q` (diagnostics only) leaves them out.
    let say = |line: String| {
        if !quiet {
            eprintln!("{line}");
        }
    };
    if args.unsafe_fixes && !(args.fix || args.diff) {
        let mut e = ConfigError::plain("`--unsafe-fixes` applies only with `--fix` or `--diff`");
        e.help = Some("add `--fix` to apply safe and unsafe fixes".into());
        report_error(e);
        return Err(Failure);
    }
    if let Some(reason) = &args.add_suppressions
        && reason.chars().any(char::is_control)
    {
        report_error(ConfigError::plain(
            "the reason of `--add-suppressions` must fit on one line",
        ));
        return Err(Failure);
    }
    // Baseline paths are relative to the working directory the settings carry (`.` when it
    // could not be read: then they relate lexically).
    let cwd = settings
        .scope
        .working_dir()
        .unwrap_or(std::path::Path::new("."));
    // `--write-baseline` records everything, so it starts from no baseline.
    let baseline = match (
        &args.write_baseline,
        args.baseline.as_ref().or(settings.baseline.as_ref()),
    ) {
        (None, Some(path)) => Some(Baseline::load(path, cwd)?),
        _ => None,
    };
    // Only runs that write plans re-lint them: a plain run does not copy 10,000 paths first.
    let edits = args.fix || args.diff || args.add_suppressions.is_some();
    let sources: Vec<Source> = match edits {
        true => inputs.iter().map(Source::of).collect(),
        false => Vec::new(),
    };
    let relint = |texts: &[Option<String>]| -> Outcome {
        let inputs = sources
            .iter()
            .zip(texts)
            .map(|(s, t)| s.input(t.as_deref()))
            .collect();
        lint(inputs, settings, opts)
    };
    let mut outcome = lint(inputs, settings, opts);
    let mut stale = baseline.as_ref().map_or(0, |b| b.apply(&mut outcome).stale);
    let mut texts: Vec<Option<String>> = vec![None; sources.len()];
    let index_of = |shown: &str| sources.iter().position(|s| s.shown() == shown);
    let mut result = Adopted {
        outcome,
        exit: None,
        no_report: false,
        report_to_stderr: false,
    };

    if args.fix || args.diff {
        let mut fixed_total = 0;
        let allowed = |d: &smplan::Diagnostic| {
            d.fix.as_ref().is_some_and(|f| {
                args.unsafe_fixes || f.applicability == smplan::fix::Applicability::Safe
            })
        };
        // The plans with something to fix, fixed in parallel (one pool, `--jobs` threads);
        // each re-lint is of one plan, so it runs on the calling thread.
        let todo: Vec<(usize, &str, &[smplan::Diagnostic])> = result
            .outcome
            .files
            .iter()
            .filter(|f| f.diagnostics.iter().any(allowed))
            .filter_map(|f| Some((index_of(&f.path)?, f.text.as_deref()?, &f.diagnostics[..])))
            .collect();
        let one = Options {
            jobs: Some(1),
            ..opts.clone()
        };
        let fix_one = |&(i, text, first): &(usize, &str, &[smplan::Diagnostic])| {
            let source: &Source = &sources[i];
            let fixed = smplan::fix::fix_linted(text, first.to_vec(), args.unsafe_fixes, |t| {
                let mut o = smplan::lint::lint_here(vec![source.input(Some(t))], settings, &one);
                if let Some(b) = &baseline {
                    b.apply(&mut o);
                }
                o.files.pop().map(|f| f.diagnostics).unwrap_or_default()
            });
            (i, (fixed.text != text).then_some(fixed))
        };
        let done: Vec<_> = {
            use rayon::prelude::*;
            // A pool of its own (rayon's global one would panic where threads are refused),
            // never more threads than plans to fix; without one, one by one here.
            match smplan::parallel::worker_pool(opts.jobs, todo.len()) {
                Some(pool) => pool.install(|| todo.par_iter().map(fix_one).collect::<Vec<_>>()),
                None => todo.iter().map(fix_one).collect(),
            }
        };
        for (i, fixed) in done {
            if let Some(fixed) = fixed {
                fixed_total += fixed.fixed;
                texts[i] = Some(fixed.text);
            }
        }
        let originals: Vec<Option<String>> = result
            .outcome
            .files
            .iter()
            .map(|f| f.text.clone())
            .collect();
        let shown: Vec<String> = result
            .outcome
            .files
            .iter()
            .map(|f| f.path.clone())
            .collect();
        if texts.iter().any(Option::is_some) {
            result.outcome = relint(&texts);
            stale = baseline
                .as_ref()
                .map_or(0, |b| b.apply(&mut result.outcome).stale);
        }
        let remain = result
            .outcome
            .files
            .iter()
            .map(|f| f.diagnostics.len())
            .sum::<usize>();
        if args.diff {
            let mut diff = String::new();
            for (path, old) in shown.iter().zip(&originals) {
                let (Some(i), Some(old)) = (index_of(path), old) else {
                    continue;
                };
                if let Some(new) = &texts[i] {
                    let name = printable(path);
                    let d = similar::TextDiff::from_lines(old.as_str(), new.as_str());
                    diff.push_str(
                        &d.unified_diff()
                            .context_radius(3)
                            .header(&format!("a/{name}"), &format!("b/{name}"))
                            .to_string(),
                    );
                }
            }
            super::emit(None, &printable(&diff))?;
            say(format!(
                "Would fix {}, {} would remain",
                plural(fixed_total, "problem", "problems"),
                remain
            ));
            result.exit = Some(u8::from(!diff.is_empty()));
            result.no_report = true;
            return Ok(result);
        }
        for (i, source) in sources.iter().enumerate() {
            match source {
                Source::File(c) => {
                    if let Some(text) = &texts[i] {
                        write_plan(&c.path, text)?;
                    }
                }
                Source::Stdin { bytes, .. } => {
                    // Standard input with `--fix`: the fixed plan goes to standard output.
                    let text = texts[i]
                        .clone()
                        .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned());
                    super::emit(None, &text)?;
                    result.report_to_stderr = true;
                }
            }
        }
        say(format!(
            "Fixed {}, {remain} {}",
            plural(fixed_total, "problem", "problems"),
            if remain == 1 { "remains" } else { "remain" }
        ));
    }

    if let Some(reason) = &args.add_suppressions {
        let mut added = 0;
        let mut changed = false;
        for f in &result.outcome.files {
            let (Some(i), Some(text)) = (index_of(&f.path), f.text.as_deref()) else {
                continue;
            };
            let (new, n) = smplan::rules::suppressions::add(text, &f.diagnostics, reason.trim());
            if new != text {
                added += n;
                changed = true;
                texts[i] = Some(new);
            }
        }
        for (i, source) in sources.iter().enumerate() {
            match (source, &texts[i]) {
                (Source::File(c), Some(text)) => write_plan(&c.path, text)?,
                (Source::Stdin { .. }, Some(text)) => {
                    super::emit(None, text)?;
                    result.report_to_stderr = true;
                }
                _ => {}
            }
        }
        if changed {
            result.outcome = relint(&texts);
            stale = baseline
                .as_ref()
                .map_or(0, |b| b.apply(&mut result.outcome).stale);
        }
        say(format!(
            "Added suppressions for {}",
            plural(added, "problem", "problems")
        ));
    }

    if let Some(file) = &args.write_baseline {
        let (text, entries) = baseline::record(&result.outcome, file, cwd);
        write_atomically(file, &text).map_err(|e| {
            report_error(ConfigError::plain(format!(
                "cannot write `{}`: {e}",
                file.display()
            )));
            Failure
        })?;
        say(format!(
            "Wrote {} to {}",
            plural(entries, "baseline entry", "baseline entries"),
            printable(&file.display().to_string())
        ));
        result.exit = Some(0);
        result.no_report = true;
        return Ok(result);
    }
    if stale > 0 {
        say(format!(
            "{} fixed: run --write-baseline to drop {}",
            if stale == 1 {
                "1 baseline entry is".to_string()
            } else {
                format!("{stale} baseline entries are")
            },
            if stale == 1 { "it" } else { "them" }
        ));
    }
    Ok(result)
}
