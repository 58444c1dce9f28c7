//! Walking one folder given to [`super::discover_jobs`], in this thread or on several, and
//! turning what the walk meets into candidates.

use super::{Candidate, Scope, clean, display, matches_path_or_parent};
use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};
use std::path::{Path, PathBuf, is_separator};
use std::sync::{Mutex, PoisonError};

/// What a walk found; each walking thread fills its own.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub files: Vec<Candidate>,
    pub warnings: Vec<String>,
    /// Whether a symlink was met, so that a file may have been found twice.
    pub may_repeat: bool,
}

/// One folder to walk: what every entry below it is turned into a candidate with.
pub(super) struct Folder<'a> {
    scope: &'a Scope,
    /// The folder as the user gave it, and as the file system is asked for it.
    given: &'a Path,
    access: &'a Path,
    /// Both as text, when they are: the walker writes every path below as `access`, a
    /// separator and the rest, so the rest is split off by bytes (comparing components costs
    /// more than the rest of the per-file work).
    text: Option<(&'a str, &'a str)>,
    /// The folder relative to the root, when it lies inside.
    rel: Option<PathBuf>,
    /// Whether the folder or one of its parents is excluded. Only meaningful with `rel`: the
    /// folders between it and a file were all checked by the walk's filter.
    excluded: bool,
}

impl<'a> Folder<'a> {
    pub fn new(scope: &'a Scope, given: &'a Path, access: &'a Path) -> Self {
        // A walked file's path relative to the root is this folder's and then its path below
        // the folder (which has no `.` or `..`), so the folder's is cleaned only once.
        let rel = scope.relative_inside(given);
        let excluded = rel
            .as_deref()
            .is_some_and(|r| matches_path_or_parent(&scope.exclude, r));
        Self {
            scope,
            given,
            access,
            text: given.to_str().zip(access.to_str()),
            rel,
            excluded,
        }
    }

    /// The part of `walked` below the folder, when it is written as the walker writes it.
    fn below<'w>(&self, walked: &'w Path) -> Option<&'w str> {
        let (_, access) = self.text?;
        // Only the rest is checked to be text: the folder's part already is.
        let bytes = walked.as_os_str().as_encoded_bytes();
        let rest = std::str::from_utf8(bytes.strip_prefix(access.as_bytes())?).ok()?;
        let rest = if access.ends_with(is_separator) {
            rest
        } else {
            rest.strip_prefix(is_separator)?
        };
        (!rest.is_empty() && !rest.starts_with(is_separator)).then_some(rest)
    }

    /// The candidate for the file the walk reached at `walked`, if the globs take it.
    fn candidate(&self, walked: &Path) -> Option<Candidate> {
        if let (Some((given, _)), Some(folder), Some(below)) =
            (self.text, &self.rel, self.below(walked))
        {
            if self.excluded {
                return None;
            }
            let rel = join(folder, Path::new(below));
            // Prepared once for both sets.
            let c = globset::Candidate::new(&rel);
            let exclude = &self.scope.exclude;
            if !self.scope.include.is_match_candidate(&c)
                || (!exclude.is_empty() && exclude.is_match_candidate(&c))
            {
                return None;
            }
            let path = join(Path::new(given), Path::new(below));
            let display = match path.to_str() {
                Some(s) => s.strip_prefix("./").unwrap_or(s).to_string(),
                None => display(&path),
            };
            return Some(Candidate { display, path, rel });
        }
        // Written some other way: split by components, and every folder checked.
        let path = as_given(self.given, self.access, walked);
        let rel = match (&self.rel, walked.strip_prefix(self.access)) {
            (Some(folder), Ok(below)) if !below.as_os_str().is_empty() => folder.join(below),
            _ => self.scope.relative(&path),
        };
        (self.scope.include.is_match(&rel) && !self.scope.excluded(&rel)).then(|| Candidate {
            display: display(&path),
            path,
            rel,
        })
    }

    /// Adds what the walk met to `out`.
    pub fn visit(&self, entry: Result<DirEntry, ignore::Error>, out: &mut Found) {
        match entry {
            Ok(e) => {
                if e.path_is_symlink() {
                    out.may_repeat = true; // a linked file or folder may be reached twice
                }
                // Regular files are linted; a FIFO, socket or device that looks like a plan
                // is a candidate too, so the reader reports it (PL002) without opening it
                // for reading. Folders are walked; symlinks are not followed, and skipped.
                let linted = e
                    .file_type()
                    .is_some_and(|t| t.is_file() || !(t.is_dir() || t.is_symlink()));
                if linted && let Some(c) = self.candidate(e.path()) {
                    out.files.push(c);
                }
            }
            Err(err) => {
                // A dangling symlink that looks like a plan is reported as PL002 by the linter.
                if let Some(walked) = error_path(&err) {
                    let p = as_given(self.given, self.access, &walked);
                    let rel = self.scope.relative(&p);
                    if std::fs::metadata(&walked).is_err()
                        && std::fs::symlink_metadata(&walked)
                            .is_ok_and(|m| m.file_type().is_symlink())
                        && self.scope.include.is_match(&rel)
                        && !self.scope.excluded(&rel)
                    {
                        out.files.push(Candidate {
                            display: display(&p),
                            path: p,
                            rel,
                        });
                        return;
                    }
                }
                out.warnings.push(format!("skipped: {}", one_line(&err)));
            }
        }
    }
}

/// `base` joined with `rest`, allocated once.
fn join(base: &Path, rest: &Path) -> PathBuf {
    let mut out = PathBuf::with_capacity(base.as_os_str().len() + 1 + rest.as_os_str().len());
    out.push(base);
    out.push(rest);
    out
}

/// Plans a walk finds in this thread, per further thread, before it walks on several: a small
/// project starts no thread, and no walk has more threads than plans (safety.md).
const PROBE_PER_THREAD: usize = 32;

/// Walks `folder` with `walker` on `threads` threads (one: in this thread), into `out`.
pub(super) fn walk(walker: &mut WalkBuilder, folder: &Folder, threads: usize, out: &mut Found) {
    // Walked in this thread until it has found enough plans to share out; a folder with more
    // is walked again, on the threads (the plans found so far cost a few per cent of its walk).
    let mut probe = Found::default();
    let enough = threads.saturating_mul(PROBE_PER_THREAD);
    let mut walked = walker.build();
    for entry in walked.by_ref() {
        folder.visit(entry, &mut probe);
        if threads > 1 && probe.files.len() >= enough {
            break;
        }
    }
    let walked_whole = threads <= 1 || probe.files.len() < enough;
    if walked_whole || !threads_start(threads) {
        // Where the system refuses threads (a process limit such as `ulimit -u`), the rest of
        // the folder is walked on in this thread, where the walk left off.
        if !walked_whole {
            for entry in walked {
                folder.visit(entry, &mut probe);
            }
        }
        take_all(&mut out.files, &mut probe.files);
        out.warnings.append(&mut probe.warnings);
        out.may_repeat |= probe.may_repeat;
        return;
    }
    drop(walked);
    // The parallel walker reads a symlinked root through the link without saying so.
    if std::fs::symlink_metadata(folder.access).is_ok_and(|m| m.file_type().is_symlink()) {
        out.may_repeat = true;
    }
    let sink = Mutex::new(Vec::new());
    walker
        .threads(threads)
        .build_parallel()
        .visit(&mut Collectors {
            folder,
            sink: &sink,
        });
    let parts = sink.into_inner().unwrap_or_else(PoisonError::into_inner);
    out.files.reserve(parts.iter().map(|f| f.files.len()).sum());
    for found in parts {
        out.files.extend(found.files);
        out.warnings.extend(found.warnings);
        out.may_repeat |= found.may_repeat;
    }
}

/// Moves every item of `from` to the end of `to`: by taking the vector when `to` is empty (the
/// usual case), where `append` would copy ten thousand candidates into fresh memory.
pub(super) fn take_all<T>(to: &mut Vec<T>, from: &mut Vec<T>) {
    if to.is_empty() {
        std::mem::swap(to, from);
    } else {
        to.append(from);
    }
}

/// Whether the system lets this process run `n` more threads at once now. `ignore`'s parallel
/// walker panics when it cannot start one (and its other threads would wait for it), so it is
/// asked first (another process of the same user taking the last slot in the instant between
/// is the one case left).
fn threads_start(n: usize) -> bool {
    #[cfg(target_os = "linux")]
    let before = tasks();
    let gate = Mutex::new(());
    let held = gate.lock();
    let started = std::thread::scope(|scope| {
        // Every probe waits at the gate, so all `n` are alive together, as the walkers will be.
        let all = (0..n).all(|_| {
            std::thread::Builder::new()
                .spawn_scoped(scope, || drop(gate.lock()))
                .is_ok()
        });
        drop(held);
        all
    });
    // A joined thread still counts against the limit until the kernel reaps it, an instant
    // later (it leaves `/proc/self/task` after it stops counting): the walkers must not be
    // refused for the probes' sake.
    #[cfg(target_os = "linux")]
    if let Some(before) = before {
        for _ in 0..10_000 {
            if tasks().is_none_or(|now| now <= before) {
                break;
            }
            std::thread::yield_now();
        }
    }
    started
}

/// How many threads this process has.
#[cfg(target_os = "linux")]
fn tasks() -> Option<usize> {
    std::fs::read_dir("/proc/self/task")
        .ok()
        .map(Iterator::count)
}

/// Builds one [`Collector`] per walking thread.
struct Collectors<'s> {
    folder: &'s Folder<'s>,
    sink: &'s Mutex<Vec<Found>>,
}

impl<'s> ParallelVisitorBuilder<'s> for Collectors<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Collector {
            folder: self.folder,
            found: Found::default(),
            sink: self.sink,
        })
    }
}

/// One thread's findings, handed over when the thread is done with it.
struct Collector<'s> {
    folder: &'s Folder<'s>,
    found: Found,
    sink: &'s Mutex<Vec<Found>>,
}

impl ParallelVisitor for Collector<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        self.folder.visit(entry, &mut self.found);
        WalkState::Continue
    }
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        let mut found = std::mem::take(&mut self.found);
        // Sorted on this thread, so that sorting them all at the end only merges.
        found.files.sort();
        self.sink
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(found);
    }
}

/// Whether a folder the walk meets (below its start) is to be walked into: not when it, or
/// anything inside it, is excluded (`dir`, `dir/**`). `path` is under the walk's start, so
/// already resolved from the working directory.
pub(super) fn walks_into(exclude: &globset::GlobSet, root: &Path, path: &Path) -> bool {
    let abs = clean(path);
    let rel = abs.strip_prefix(root).unwrap_or(&abs);
    !(exclude.is_match(rel) || exclude.is_match(rel.join("\u{FFFF}")))
}

/// A path the walk of `access` reached, written from `given` instead (as the user gave it).
fn as_given(given: &Path, access: &Path, walked: &Path) -> PathBuf {
    match walked.strip_prefix(access) {
        Ok(rest) if !rest.as_os_str().is_empty() => given.join(rest),
        Ok(_) => given.to_path_buf(),
        Err(_) => walked.to_path_buf(),
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn one_line(err: &ignore::Error) -> String {
    err.to_string().replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use globset::GlobSet;

    fn below(access: &str, walked: &str) -> Option<String> {
        let scope = Scope::new(PathBuf::from("."), GlobSet::empty(), GlobSet::empty());
        let folder = Folder::new(&scope, Path::new(access), Path::new(access));
        folder.below(Path::new(walked)).map(str::to_string)
    }

    #[test]
    fn the_rest_is_split_off_by_bytes_only_when_written_as_the_walker_writes_it() {
        assert_eq!(below(".", "./a/b.toml").as_deref(), Some("a/b.toml"));
        assert_eq!(below("plans/", "plans/b.toml").as_deref(), Some("b.toml"));
        assert_eq!(
            below("/abs/x/.", "/abs/x/./b.toml").as_deref(),
            Some("b.toml")
        );
        // Anything else goes the slower way, which compares components.
        assert_eq!(below("plans", "plans"), None);
        assert_eq!(below("plans", "plansx/b.toml"), None);
        assert_eq!(below("plans", "plans//b.toml"), None);
        assert_eq!(below("plans", "other/b.toml"), None);
    }

    #[test]
    fn join_is_path_join() {
        for (base, rest) in [
            ("", "a"),
            (".", "a/b"),
            ("x/", "a"),
            ("/x", "a"),
            ("x", "/a"),
        ] {
            let (base, rest) = (Path::new(base), Path::new(rest));
            assert_eq!(join(base, rest), base.join(rest));
        }
    }
}
