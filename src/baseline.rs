//! The baseline: accepted diagnostics keyed by path, code and item, never by line (fixes.md).
//!
//! `--write-baseline` records how many diagnostics of each code every item has; `--baseline`
//! then reports only what it does not cover. Moving, reformatting or editing other items keeps
//! the key of an item, so its accepted problems stay accepted and nobody else's come back.

use crate::config::ConfigError;
use crate::lint::Outcome;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// PL001/PL002 are never baselined (safety.md).
const NEVER: &[&str] = &["PL001", "PL002"];

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
    dir: PathBuf,
    entries: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Diagnostics the baseline covered (not reported).
    pub covered: usize,
    /// Entries of linted plans that matched nothing: the problem was fixed.
    pub stale: usize,
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The folder a baseline file's paths are relative to.
fn folder(file: &Path) -> PathBuf {
    absolute(
        file.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )
}

/// A plan's path as the baseline writes it: relative to `dir`, with `/`.
fn key_path(dir: &Path, shown: &str) -> String {
    let abs = absolute(Path::new(shown));
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
fn counts(outcome: &Outcome, dir: &Path) -> BTreeMap<Key, usize> {
    let mut out = BTreeMap::new();
    for f in &outcome.files {
        let path = key_path(dir, &f.path);
        for d in f.diagnostics.iter().filter(|d| !NEVER.contains(&d.code)) {
            let item = d.item.clone().unwrap_or_else(|| "plan".into());
            *out.entry((path.clone(), d.code.to_string(), item))
                .or_insert(0) += 1;
        }
    }
    out
}

/// A TOML basic string (JSON's escapes are TOML's).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The baseline file for `outcome`, to be written at `file`: sorted, so the same diagnostics
/// always give the same bytes.
pub fn record(outcome: &Outcome, file: &Path) -> (String, usize) {
    let dir = folder(file);
    let counts = counts(outcome, &dir);
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

impl Baseline {
    /// Reads a baseline file; a missing or malformed one is a run error (exit 2).
    pub fn load(file: &Path) -> Result<Baseline, ConfigError> {
        let text = std::fs::read_to_string(file).map_err(|e| {
            ConfigError::plain(format!(
                "cannot read baseline file `{}`: {e}",
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
        Ok(Baseline {
            dir: folder(file),
            entries: parsed.entry,
        })
    }

    /// Removes the diagnostics the baseline covers (up to each entry's count, in report order)
    /// and recounts the summary.
    pub fn apply(&self, outcome: &mut Outcome) -> Applied {
        let mut budget: BTreeMap<Key, (usize, usize)> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let key = (e.path.clone(), e.code.clone(), e.item.clone());
            budget.entry(key).or_insert((0, i)).0 += e.count;
        }
        let mut used = vec![0usize; self.entries.len()];
        let mut linted = std::collections::HashSet::new();
        let mut covered = 0;
        for f in &mut outcome.files {
            let path = key_path(&self.dir, &f.path);
            f.diagnostics.retain(|d| {
                if NEVER.contains(&d.code) {
                    return true;
                }
                let item = d.item.clone().unwrap_or_else(|| "plan".into());
                let key = (path.clone(), d.code.to_string(), item);
                match budget.get_mut(&key) {
                    Some((left, i)) if *left > 0 => {
                        *left -= 1;
                        used[*i] += 1;
                        covered += 1;
                        false
                    }
                    _ => true,
                }
            });
            linted.insert(path);
        }
        let stale = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, e)| linted.contains(&e.path) && used[*i] == 0 && e.count > 0)
            .count();
        outcome.recount();
        Applied { covered, stale }
    }
}
