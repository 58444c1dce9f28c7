//! Finding plan files: folders walked with .gitignore and the include/exclude globs, and the
//! path and glob helpers they need.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};

mod walk;

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// The path as shown in output (as given or as walked, without a leading `./`).
    pub display: String,
    pub path: PathBuf,
    /// Path relative to the settings root, for `[[overrides]]` globs.
    pub rel: PathBuf,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<Candidate>,
    /// Things skipped on the way (symlink loops, unreadable folders), for standard error.
    pub warnings: Vec<String>,
    /// Whether a symlink was followed, so that a file may have been found twice.
    may_repeat: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("path `{0}` does not exist")]
pub struct MissingPath(pub String);

/// Removes `.` and resolves `..` without touching the file system.
pub(crate) fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Where a run's files are: the root globs are relative to, and which files count.
#[derive(Clone, Debug)]
pub struct Scope {
    /// The folder globs are relative to: the config file's, else the working directory.
    /// Private, as `abs_root` is derived from it.
    root: PathBuf,
    /// Compiled by [`compile_glob`]: match a path relative to [`Scope::root`] with `is_match`.
    pub include: GlobSet,
    /// Compiled by [`compile_glob`]: match with [`matches_path_or_parent`], so a folder
    /// excludes everything below it.
    pub exclude: GlobSet,
    /// The folder relative paths are given from (the front end's working directory), and the
    /// root resolved against it; see [`Scope::set_working_dir`].
    cwd: Option<PathBuf>,
    /// Whether `cwd` is this process's own working directory; see
    /// [`Scope::set_process_working_dir`].
    cwd_is_process: bool,
    abs_root: PathBuf,
    /// See [`Scope::set_git_excludes`].
    git_excludes: GitExcludes,
}

/// The user's global git excludes file (`core.excludesFile`), which walks honour as git does.
#[derive(Clone, Debug, Default)]
enum GitExcludes {
    /// Not given: the walker reads git's config itself (the `ignore` crate's lookup, which
    /// reads the environment and compiles a regex per run).
    #[default]
    Lookup,
    /// Given by the front end: this file, or none.
    Given(Option<PathBuf>),
}

impl Scope {
    pub fn new(root: PathBuf, include: GlobSet, exclude: GlobSet) -> Self {
        Self {
            abs_root: clean(&root),
            root,
            include,
            exclude,
            cwd: None,
            cwd_is_process: false,
            git_excludes: GitExcludes::Lookup,
        }
    }

    /// The global git excludes file the front end found (`None`: there is none), so walks
    /// read it instead of looking it up. It applies as `ignore` applies its own lookup's:
    /// after `.ignore`, `.gitignore` and `.git/info/exclude`, its patterns relative to the
    /// process's working directory.
    pub fn set_git_excludes(&mut self, file: Option<PathBuf>) {
        self.git_excludes = GitExcludes::Given(file);
    }

    /// The folder globs are relative to, as given (relative to the working directory or
    /// absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Resolves relative paths (the root's, those given to [`Scope::relative`] and
    /// [`discover`], and every file they lead to) from `dir`, the front end's working
    /// directory, whatever the process's own. Without it paths relate only lexically, so a
    /// relative path and an absolute root (or the other way round) never match, and files are
    /// opened where the operating system resolves them.
    pub fn set_working_dir(&mut self, dir: &Path) {
        self.abs_root = clean(&dir.join(&self.root));
        self.cwd = Some(dir.to_path_buf());
        self.cwd_is_process = false;
    }

    /// [`Scope::set_working_dir`] for a front end whose working directory is the process's own
    /// (the command line): `dir` must be the one the process runs in. Plans are then read by
    /// their relative paths, which the kernel resolves from there with fewer lookups than the
    /// joined absolute path (a tenth of the system time of a 10,000-plan run); everything else
    /// (relative paths, comparisons, reports) still works with `dir`. Given another folder,
    /// files would be read from the wrong one.
    pub fn set_process_working_dir(&mut self, dir: &Path) {
        self.set_working_dir(dir);
        self.cwd_is_process = true;
    }

    /// The working directory given to [`Scope::set_working_dir`], if any.
    pub fn working_dir(&self) -> Option<&Path> {
        self.cwd.as_deref()
    }

    /// `path` joined to the working directory when relative and one was given, else as it is:
    /// what paths are compared as (files are read through [`Scope::open_path`]).
    pub fn resolve(&self, path: &Path) -> PathBuf {
        match &self.cwd {
            Some(cwd) => cwd.join(path),
            None => path.to_path_buf(),
        }
    }

    /// `path` as a file's contents are read from it: [`Scope::resolve`], or `path` itself when
    /// the working directory is the process's (the same file, found with fewer lookups).
    pub fn open_path<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, Path> {
        match (&self.cwd, self.cwd_is_process) {
            (Some(cwd), false) => std::borrow::Cow::Owned(cwd.join(path)),
            _ => std::borrow::Cow::Borrowed(path),
        }
    }

    /// `path` relative to the root, or as given when it lies outside.
    pub fn relative(&self, path: &Path) -> PathBuf {
        self.relative_inside(path).unwrap_or_else(|| clean(path))
    }

    /// `path` relative to the root when it lies inside.
    fn relative_inside(&self, path: &Path) -> Option<PathBuf> {
        let abs = match &self.cwd {
            Some(cwd) => clean(&cwd.join(path)),
            None => clean(path),
        };
        abs.strip_prefix(&self.abs_root).map(Path::to_path_buf).ok()
    }

    /// Whether `rel` (relative to the root) or one of its folders matches an `exclude` glob.
    pub fn excluded(&self, rel: &Path) -> bool {
        matches_path_or_parent(&self.exclude, rel)
    }
}

/// Compiles a glob of `include`, `exclude` or `[[overrides]] files` the way `.gitignore`,
/// ESLint and typos users read it: `*`, `?` and `[...]` never match `/` (only `**` crosses
/// folders), a leading `./` means the config file's folder, and a trailing `/` is dropped.
pub fn compile_glob(pattern: &str) -> Result<Glob, globset::Error> {
    let mut p = pattern;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    if p.len() > 1 {
        p = p.trim_end_matches('/');
    }
    if p.is_empty() || p == "." {
        p = "**";
    }
    GlobBuilder::new(p).literal_separator(true).build()
}

/// A set of globs known to compile (the defaults).
pub fn default_globset(globs: &[&str]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = compile_glob(g) {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Whether `rel` or one of its parent folders matches `set`: `plans/archive` in `exclude` or in
/// an override's `files` covers everything below it, as a folder in `.gitignore` does.
pub fn matches_path_or_parent(set: &GlobSet, rel: &Path) -> bool {
    // `is_match` prepares the path before it looks at the set; most runs exclude nothing.
    !set.is_empty() && set.is_match(rel)
        || rel
            .ancestors()
            .skip(1)
            .any(|a| !a.as_os_str().is_empty() && set.is_match(a))
}

/// Whether `path` resolves (after symlinks) to somewhere inside the folder `root`.
pub fn inside(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// Finds the files to lint under `paths`, walking each folder in this thread. A path that does
/// not exist is an error (exit 2).
pub fn discover(
    paths: &[PathBuf],
    scope: &Scope,
    force_exclude: bool,
) -> Result<Discovered, MissingPath> {
    discover_jobs(paths, scope, force_exclude, Some(1))
}

/// The most threads a folder is walked on by default: past a dozen, walking no longer gains
/// (the `ignore` crate's own default).
const WALK_THREADS: usize = 12;

/// The most threads a folder is walked on when asked for more (`--jobs`' own limit).
const MAX_WALK_THREADS: usize = 256;

/// [`discover`], walking each folder on `jobs` threads (`None`: one per core, at most
/// [`WALK_THREADS`]; one walks in this thread). What is found, and its order, does not depend
/// on the number.
pub fn discover_jobs(
    paths: &[PathBuf],
    scope: &Scope,
    force_exclude: bool,
    jobs: Option<usize>,
) -> Result<Discovered, MissingPath> {
    let mut out = Discovered::default();
    // Asked only when a folder is walked: a run naming files starts no thread.
    let mut threads = jobs.map(|n| n.clamp(1, MAX_WALK_THREADS));
    for path in paths {
        // The file system is asked for `access`; candidates keep the path as given.
        let access = scope.resolve(path);
        let meta = std::fs::metadata(&access);
        let is_dir = meta.as_ref().is_ok_and(|m| m.is_dir());
        if !is_dir {
            if meta.is_err() && std::fs::symlink_metadata(&access).is_err() {
                return Err(MissingPath(path.display().to_string()));
            }
            // Named explicitly: always linted, unless --force-exclude and excluded.
            let rel = scope.relative(path);
            if !(force_exclude && scope.excluded(&rel)) {
                out.files.push(Candidate {
                    display: display(path),
                    path: path.clone(),
                    rel,
                });
            }
            continue;
        }
        if force_exclude && scope.excluded(&scope.relative(path)) {
            continue;
        }
        // Symlinks are not followed while walking (as ripgrep does): a link planted in a pull
        // request must not pull files from outside the project into the run or the log.
        let mut walker = ignore::WalkBuilder::new(&access);
        if let GitExcludes::Given(file) = &scope.git_excludes {
            walker.git_global(false);
            // With `require_git(false)` an added ignore file ranks exactly where the global one
            // would (just after it, and there is no other); an unreadable one is skipped, as
            // `ignore` skips its own.
            if let Some(file) = file {
                let _ = walker.add_ignore(file);
            }
        }
        // Not sorted: the files are sorted at the end, and nothing before looks at the order.
        walker.follow_links(false).require_git(false);
        // Excluded folders are not walked at all (`node_modules`, archives, symlink loops in
        // them); files below are then checked against `exclude` themselves, not their folders.
        if !scope.exclude.is_empty() {
            let (exclude, root) = (scope.exclude.clone(), scope.abs_root.clone());
            walker.filter_entry(move |e| {
                !e.file_type().is_some_and(|t| t.is_dir())
                    || e.depth() == 0
                    || walk::walks_into(&exclude, &root, e.path())
            });
        }
        let threads = *threads.get_or_insert_with(|| {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(WALK_THREADS))
        });
        let mut found = walk::Found::default();
        walk::walk(
            &mut walker,
            &walk::Folder::new(scope, path, &access),
            threads,
            &mut found,
        );
        walk::take_all(&mut out.files, &mut found.files);
        // In the order of the paths, and within one folder by text, however many walked it.
        found.warnings.sort();
        out.warnings.append(&mut found.warnings);
        out.may_repeat |= found.may_repeat;
    }
    out.files.sort();
    // One walk reaches each path once; only several paths can repeat one.
    if paths.len() > 1 {
        out.files.dedup_by(|a, b| a.path == b.path);
    }
    // The same file reached twice (`lint . plans/a.plan.toml`, a symlinked folder) is linted
    // once, under the first name in path order. Canonicalising costs a syscall per file, so only
    // when a repeat is possible.
    if out.may_repeat || paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        out.files.retain(|c| {
            let access = scope.resolve(&c.path);
            seen.insert(std::fs::canonicalize(&access).unwrap_or(access))
        });
    }
    Ok(out)
}

#[cfg(test)]
mod working_dir_tests {
    use super::*;

    #[test]
    fn files_are_opened_by_relative_paths_only_from_the_process_working_dir() {
        let mut scope = Scope::new(PathBuf::from("."), GlobSet::empty(), GlobSet::empty());
        let dir = Path::new("/projects/acme");
        let plan = Path::new("plans/a.plan.toml");
        scope.set_working_dir(dir);
        assert_eq!(scope.open_path(plan), dir.join(plan));
        scope.set_process_working_dir(dir);
        assert_eq!(scope.open_path(plan), plan);
        // Everything else still resolves from the folder.
        assert_eq!(scope.resolve(plan), dir.join(plan));
        assert_eq!(scope.relative(plan), plan);
        // Set again as a folder that is not the process's: joined again.
        scope.set_working_dir(Path::new("/elsewhere"));
        assert_eq!(
            scope.open_path(plan),
            Path::new("/elsewhere/plans/a.plan.toml")
        );
        let abs = Path::new("/abs/b.plan.toml");
        assert_eq!(scope.open_path(abs), abs);
    }
}
