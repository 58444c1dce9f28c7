//! The baseline: accepted diagnostics keyed by path, code and item, never by line (fixes.md).
//!
//! `--write-baseline` records how many diagnostics of each code every item has; `--baseline`
//! then reports only what it does not cover. Moving, reformatting or editing other items keeps
//! the key of an item, so its accepted problems stay accepted and nobody else's come back.

use crate::Diagnostic;
use crate::error::ConfigError;
use crate::lint::Outcome;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    entry: Vec<Entry>,
}

/// One accepted group: `count` diagnostics of `code` about `item` in the plan at `path`.
#[derive(Deserialize, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub item: String,
    pub count: usize,
}

type Key = (String, String, String);

/// A loaded baseline and the folder its paths are relative to.
#[derive(Debug)]
pub struct Baseline {
    /// The working directory the plans' shown paths are relative to.
    cwd: PathBuf,
    dir: PathBuf,
    entries: Vec<Entry>,
    /// Entry indices per plan path, so each plan looks up only its own entries.
    by_path: HashMap<String, Vec<usize>>,
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Diagnostics the baseline covered (not reported).
    pub covered: usize,
    /// Entries of linted plans that matched nothing: the problem was fixed.
    pub stale: usize,
}

/// `path` from the working directory `cwd` (the front end's, not read here).
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    crate::discover::clean(&cwd.join(path))
}

/// The folder a baseline file's paths are relative to.
fn folder(cwd: &Path, file: &Path) -> PathBuf {
    absolute(
        cwd,
        file.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )
}

/// A plan's path as the baseline writes it: relative to `dir`, with `/`.
fn key_path(cwd: &Path, dir: &Path, shown: &str) -> String {
    let abs = absolute(cwd, Path::new(shown));
    // Up from the baseline's folder to the common ancestor, then down to the plan.
    let (from, to): (Vec<_>, Vec<_>) = (dir.components().collect(), abs.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return abs.display().to_string(); // another drive: no relative path
    }
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Counts per (path, code, item) of everything that can be baselined.
fn counts(outcome: &Outcome, cwd: &Path, dir: &Path) -> BTreeMap<Key, usize> {
    let mut out = BTreeMap::new();
    for f in &outcome.files {
        let path = key_path(cwd, dir, &f.path);
        for d in f
            .diagnostics
            .iter()
            .filter(|d| !crate::rules::UNSILENCEABLE.contains(&d.code.as_str()))
        {
            for item in items_of(d) {
                *out.entry((path.clone(), d.code.to_string(), item.to_string()))
                    .or_insert(0) += 1;
            }
        }
    }
    out
}

/// The items a diagnostic stands for: each item of a rolled-up diagnostic (rules.md "One
/// habit"), else its own item.
fn items_of(d: &Diagnostic) -> Vec<&str> {
    match d.rollup.as_deref() {
        Some(r) if !r.items.is_empty() => r.items.iter().map(|i| i.item.as_str()).collect(),
        _ => vec![d.item.as_deref().unwrap_or("plan")],
    }
}

/// The per-item diagnostics a rolled-up one stands for, for the items `keep` names.
fn unrolled(d: &Diagnostic, keep: &[bool]) -> Vec<Diagnostic> {
    let Some(r) = d.rollup.as_deref() else {
        return vec![d.clone()];
    };
    r.items
        .iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(it, _)| {
            let mut one =
                Diagnostic::new(d.code.clone(), it.span, it.message.clone()).item(it.item.clone());
            one.primary.text = Some(it.label.clone()).filter(|l| !l.is_empty());
            one.severity = d.severity;
            one.help = d.help.clone();
            one.start = it.start;
            one.end = it.end;
            one
        })
        .collect()
}

/// A TOML basic string (JSON's escapes are TOML's).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The baseline file for `outcome`, to be written at `file`: sorted, so the same diagnostics
/// always give the same bytes. `cwd` is the working directory the paths of `file` and of the
/// plans are relative to.
pub fn record(outcome: &Outcome, file: &Path, cwd: &Path) -> (String, usize) {
    let dir = folder(cwd, file);
    let counts = counts(outcome, cwd, &dir);
    let mut out = String::from(
        "# smplan baseline: accepted problems per plan, rule and item (never per line).\n\
         # Regenerate with `smplan lint --write-baseline FILE`; remove entries as you fix them.\n",
    );
    for ((path, code, item), count) in &counts {
        out.push_str(&format!(
            "\n[[entry]]\npath = {}\ncode = {}\nitem = {}\ncount = {count}\n",
            quoted(path),
            quoted(code),
            quoted(item)
        ));
    }
    (out, counts.len())
}

/// The most a baseline file may be: about half a million entries.
pub const BASELINE_BYTES: u64 = 64 << 20;

impl Baseline {
    /// Reads a baseline file; a missing or malformed one is a run error (exit 2). `cwd` is the
    /// working directory the paths of `file` and of the plans are relative to.
    pub fn load(file: &Path, cwd: &Path) -> Result<Baseline, ConfigError> {
        // Read like every other input (safety.md): a FIFO, a device or a huge file is refused,
        // never waited on or read to the end.
        let text = crate::source::read_text(&cwd.join(file), BASELINE_BYTES).map_err(|e| {
            let reason = match e {
                crate::source::ReadError::TooLarge { size, limit } => {
                    format!("it is {size} bytes, over the limit of {limit} bytes")
                }
                crate::source::ReadError::NotRegular(kind) => {
                    format!("it is {kind}, not a regular file")
                }
                e => e.to_string(),
            };
            ConfigError::plain(format!(
                "cannot read baseline file `{}`: {reason}",
                file.display()
            ))
        })?;
        let parsed: FileFormat = toml::from_str(&text).map_err(|e| {
            let mut c = ConfigError::plain(format!(
                "invalid baseline file `{}`: {}",
                file.display(),
                e.message().trim_end()
            ));
            c.help = Some("write it with `smplan lint --write-baseline FILE`".into());
            c
        })?;
        let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in parsed.entry.iter().enumerate() {
            by_path.entry(e.path.clone()).or_default().push(i);
        }
        Ok(Baseline {
            cwd: cwd.to_path_buf(),
            dir: folder(cwd, file),
            entries: parsed.entry,
            by_path,
        })
    }

    /// Removes the diagnostics the baseline covers (up to each entry's count, in report order)
    /// and recounts the summary.
    pub fn apply(&self, outcome: &mut Outcome) -> Applied {
        let mut matches = Matches::default();
        for f in &mut outcome.files {
            self.apply_file(&f.path, &mut f.diagnostics, &mut matches);
        }
        outcome.recount();
        Applied {
            covered: matches.covered,
            stale: self.stale(&matches),
        }
    }

    /// Removes what the baseline covers from one plan's diagnostics (`shown` is its path as
    /// reported). Works on the per-item diagnostics, so it runs where suppressions do: before
    /// any roll-up (rules.md "One habit").
    pub fn apply_file(&self, shown: &str, diags: &mut Vec<Diagnostic>, matches: &mut Matches) {
        let path = key_path(&self.cwd, &self.dir, shown);
        if matches.used.len() < self.entries.len() {
            matches.used.resize(self.entries.len(), 0);
        }
        // code → item → (count left, first entry).
        let mut budget: HashMap<&str, HashMap<&str, (usize, usize)>> = HashMap::new();
        for &i in self.by_path.get(&path).into_iter().flatten() {
            let e = &self.entries[i];
            budget
                .entry(e.code.as_str())
                .or_default()
                .entry(e.item.as_str())
                .or_insert((0, i))
                .0 += e.count;
        }
        let mut take = |code: &str, item: &str| -> bool {
            match budget.get_mut(code).and_then(|m| m.get_mut(item)) {
                Some((left, i)) if *left > 0 => {
                    *left -= 1;
                    matches.used[*i] += 1;
                    matches.covered += 1;
                    true
                }
                _ => false,
            }
        };
        let mut kept = Vec::with_capacity(diags.len());
        for d in diags.drain(..) {
            if crate::rules::UNSILENCEABLE.contains(&d.code.as_str()) {
                kept.push(d);
                continue;
            }
            // A rolled-up diagnostic is covered item by item: what remains is reported per item.
            let left: Vec<bool> = items_of(&d)
                .into_iter()
                .map(|it| !take(&d.code, it))
                .collect();
            match (left.iter().all(|l| *l), left.iter().any(|l| *l)) {
                (true, _) => kept.push(d),
                (false, false) => {}
                (false, true) => kept.extend(unrolled(&d, &left)),
            }
        }
        // Unrolled items take their own places in the report's line order.
        kept.sort_by_key(|d| (d.start.line, d.start.column));
        *diags = kept;
        matches.linted.insert(path);
    }

    /// How many entries of the plans linted matched nothing: their problems were fixed.
    pub fn stale(&self, matches: &Matches) -> usize {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                matches.linted.contains(&e.path)
                    && matches.used.get(*i).is_none_or(|n| *n == 0)
                    && e.count > 0
            })
            .count()
    }
}

/// What a baseline matched over the plans of one run.
#[derive(Debug, Default)]
pub struct Matches {
    used: Vec<usize>,
    linted: HashSet<String>,
    covered: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths relate through the working directory given, not the process's (the crate here).
    #[test]
    fn keys_are_relative_through_the_given_working_dir() {
        let cwd = Path::new("/proj");
        let dir = folder(cwd, Path::new("/proj/smplan-baseline.toml"));
        assert_eq!(
            key_path(cwd, &dir, "plans/a.plan.toml"),
            "plans/a.plan.toml"
        );
        let dir = folder(cwd, Path::new("ci/baseline.toml"));
        assert_eq!(dir, Path::new("/proj/ci"));
        assert_eq!(
            key_path(cwd, &dir, "plans/a.plan.toml"),
            "../plans/a.plan.toml"
        );
        assert_eq!(key_path(cwd, &dir, "/proj/ci/b.plan.toml"), "b.plan.toml");
    }
}
