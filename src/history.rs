//! Version-aware linting, the git side: plans at a git revision, renames, and files changed
//! since a revision. The comparison behind HI001 and HI002 lives in their rule files.
//!
//! Git is run through its command line, a few times per repository (never once per file):
//! `rev-parse` to resolve the revision, `diff --name-status -M` for renames and changes,
//! `cat-file --batch` for the plans' text at the revision and `ls-files --others` for untracked
//! files. Nothing here prints or exits; problems are [`HistoryError`]s for the caller.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use toml::value::Date;

/// Why the history could not be read (the run fails, exit 2).
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("`{0}` is not inside a git repository")]
    NotInRepository(String),
    #[error("unknown revision `{rev}` in the git repository at `{repo}`")]
    UnknownRevision { rev: String, repo: String },
    #[error("cannot run `git`: {0}")]
    NoGit(String),
    #[error("`git {command}` failed in `{repo}`: {message}")]
    Git {
        command: String,
        repo: String,
        message: String,
    },
}

impl HistoryError {
    /// What to do about it, for the report.
    pub fn help(&self) -> Option<String> {
        match self {
            HistoryError::NotInRepository(_) => Some(
                "the plan's earlier version is read from git: lint plans inside a git \
                 repository, or drop the revision option"
                    .into(),
            ),
            HistoryError::UnknownRevision { .. } => Some(
                "give a commit, branch or tag this repository has, e.g. `origin/main`; in CI, \
                 fetch the history (`actions/checkout` with `fetch-depth: 0`)"
                    .into(),
            ),
            HistoryError::NoGit(_) => Some("install git and make sure it is on the `PATH`".into()),
            HistoryError::Git { .. } => None,
        }
    }
}

/// Today's date in UTC, the default for `--as-of`.
pub fn today_utc() -> Date {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    to_toml_date(today).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// Parses a `YYYY-MM-DD` date such as `2027-06-30` (for `--as-of`).
pub fn parse_date(s: &str) -> Result<Date, String> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let bad = || format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2027-06-30");
    if !shape {
        return Err(bad());
    }
    let date: jiff::civil::Date = s.parse().map_err(|_| bad())?;
    to_toml_date(date).ok_or_else(bad)
}

fn to_toml_date(d: jiff::civil::Date) -> Option<Date> {
    Some(Date {
        year: u16::try_from(d.year()).ok()?,
        month: u8::try_from(d.month()).ok()?,
        day: u8::try_from(d.day()).ok()?,
    })
}

/// The plans' versions at a base revision, read once before linting.
#[derive(Debug)]
pub struct Base {
    rev: String,
    as_of: Date,
    /// Keyed by the path as given to [`Base::load`]; `None` when the plan did not exist there.
    texts: HashMap<PathBuf, Option<String>>,
}

impl Base {
    /// Reads the version at `rev` of every plan in `paths` from the git repository holding it,
    /// following renames since `rev`. `as_of` is the date the HI rules treat as today; `cwd`
    /// the working directory relative paths are given from.
    pub fn load(
        rev: &str,
        as_of: Date,
        paths: &[PathBuf],
        cwd: &Path,
    ) -> Result<Base, HistoryError> {
        let mut texts = HashMap::new();
        for (root, files) in group_by_repository(paths, cwd)? {
            let repo = Repo::open(&root, rev)?;
            let renames: HashMap<String, String> = repo
                .changes()?
                .into_iter()
                .filter_map(|c| Some((c.path, c.renamed_from?)))
                .collect();
            let wanted: Vec<Option<String>> = files
                .iter()
                .map(|(_, git)| {
                    git.as_ref()
                        .map(|g| renames.get(g).cloned().unwrap_or_else(|| g.clone()))
                })
                .collect();
            let blobs = repo.read_blobs(&wanted)?;
            for ((path, _), blob) in files.into_iter().zip(blobs) {
                texts.insert(path, blob.and_then(|b| String::from_utf8(b).ok()));
            }
        }
        Ok(Base {
            rev: rev.to_string(),
            as_of,
            texts,
        })
    }

    /// A base built from texts directly (for tests and callers with their own history).
    pub fn from_texts(rev: &str, as_of: Date, texts: HashMap<PathBuf, Option<String>>) -> Base {
        Base {
            rev: rev.to_string(),
            as_of,
            texts,
        }
    }

    /// The revision as the user gave it.
    pub fn rev(&self) -> &str {
        &self.rev
    }

    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The plan's text at the base revision; `None` when it did not exist there or is not UTF-8.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path)?.as_deref()
    }
}

/// The subset of `paths` added, modified or renamed since `rev`, committed or not (untracked
/// files that git does not ignore count as added). `cwd` is the working directory relative paths
/// are given from.
pub fn changed_since(
    rev: &str,
    paths: &[PathBuf],
    cwd: &Path,
) -> Result<HashSet<PathBuf>, HistoryError> {
    let mut out = HashSet::new();
    for (root, files) in group_by_repository(paths, cwd)? {
        let repo = Repo::open(&root, rev)?;
        let mut changed: HashSet<String> = repo
            .changes()?
            .into_iter()
            .filter(|c| c.status != 'D')
            .map(|c| c.path)
            .collect();
        changed.extend(repo.untracked()?);
        for (path, git) in files {
            if git.is_some_and(|g| changed.contains(&g)) {
                out.insert(path);
            }
        }
    }
    Ok(out)
}

/// Each path's repository (by the nearest folder holding `.git`) and its path inside it (with
/// `/`; `None` when it cannot be written as UTF-8 for git).
type Grouped = BTreeMap<PathBuf, Vec<(PathBuf, Option<String>)>>;

fn group_by_repository(paths: &[PathBuf], cwd: &Path) -> Result<Grouped, HistoryError> {
    let mut out: Grouped = BTreeMap::new();
    let mut roots: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for path in paths {
        let not_in_repo = || {
            let shown = path.display().to_string();
            HistoryError::NotInRepository(shown.strip_prefix("./").unwrap_or(&shown).to_string())
        };
        let abs = normalize(&cwd.join(path));
        let (Some(dir), Some(name)) = (abs.parent(), abs.file_name()) else {
            return Err(not_in_repo());
        };
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let root = roots
            .entry(dir.clone())
            .or_insert_with(|| {
                dir.ancestors()
                    .find(|a| a.join(".git").exists())
                    .map(Path::to_path_buf)
            })
            .clone()
            .ok_or_else(not_in_repo)?;
        let git = dir.strip_prefix(&root).ok().and_then(|rel| {
            let mut parts = Vec::new();
            for c in rel.components() {
                parts.push(c.as_os_str().to_str()?.to_string());
            }
            parts.push(name.to_str()?.to_string());
            Some(parts.join("/"))
        });
        out.entry(root).or_default().push((path.clone(), git));
    }
    Ok(out)
}

/// Removes `.` and resolves `..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// One entry of `git diff --name-status`.
struct Change {
    status: char,
    path: String,
    renamed_from: Option<String>,
}

/// A repository with the revision resolved to a commit.
struct Repo<'a> {
    root: &'a Path,
    commit: String,
}

impl<'a> Repo<'a> {
    fn open(root: &'a Path, rev: &str) -> Result<Repo<'a>, HistoryError> {
        let unknown = || HistoryError::UnknownRevision {
            rev: rev.to_string(),
            repo: root.display().to_string(),
        };
        if rev.is_empty() || rev.starts_with('-') || rev.contains(['\n', '\0']) {
            return Err(unknown());
        }
        let spec = format!("{rev}^{{commit}}");
        let out = git(root)
            .args(["rev-parse", "--verify", "--quiet", &spec])
            .output()
            .map_err(|e| HistoryError::NoGit(e.to_string()))?;
        let commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
        // `--quiet` silences an unknown revision only: anything git says is another failure
        // (a repository it refuses as of dubious ownership, a broken object store), and its
        // first line says which.
        let said = String::from_utf8_lossy(&out.stderr);
        if let Some(reason) = said.lines().map(str::trim).find(|l| !l.is_empty())
            && !out.status.success()
        {
            return Err(HistoryError::Git {
                command: "rev-parse".into(),
                repo: root.display().to_string(),
                message: reason.to_string(),
            });
        }
        if !out.status.success() || commit.is_empty() {
            return Err(unknown());
        }
        Ok(Repo { root, commit })
    }

    fn run(&self, args: &[&str]) -> Result<Vec<u8>, HistoryError> {
        let out = git(self.root)
            .args(args)
            .output()
            .map_err(|e| HistoryError::NoGit(e.to_string()))?;
        if !out.status.success() {
            return Err(self.failed(args.first().copied().unwrap_or(""), &out.stderr));
        }
        Ok(out.stdout)
    }

    fn failed(&self, command: &str, stderr: &[u8]) -> HistoryError {
        HistoryError::Git {
            command: command.to_string(),
            repo: self.root.display().to_string(),
            message: String::from_utf8_lossy(stderr).trim().to_string(),
        }
    }

    /// Files that differ between the commit and the working tree, renames detected.
    fn changes(&self) -> Result<Vec<Change>, HistoryError> {
        let out = self.run(&[
            "diff",
            "--name-status",
            "-M",
            "-z",
            "--no-color",
            "--no-ext-diff",
            &self.commit,
            "--",
        ])?;
        let mut fields = out
            .split(|&b| b == 0)
            .map(|f| String::from_utf8_lossy(f).into_owned());
        let mut changes = Vec::new();
        while let Some(status) = fields.next() {
            let Some(kind) = status.chars().next() else {
                continue;
            };
            let Some(first) = fields.next() else { break };
            if matches!(kind, 'R' | 'C') {
                let Some(second) = fields.next() else { break };
                changes.push(Change {
                    status: kind,
                    path: second,
                    renamed_from: (kind == 'R').then_some(first),
                });
            } else {
                changes.push(Change {
                    status: kind,
                    path: first,
                    renamed_from: None,
                });
            }
        }
        Ok(changes)
    }

    /// Untracked files git does not ignore, relative to the root.
    fn untracked(&self) -> Result<Vec<String>, HistoryError> {
        let out = self.run(&[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
        ])?;
        Ok(out
            .split(|&b| b == 0)
            .filter(|f| !f.is_empty())
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect())
    }

    /// The content of each path at the commit (`None`: absent, not a file, or no path), with one
    /// `git cat-file --batch` for all of them.
    fn read_blobs(&self, paths: &[Option<String>]) -> Result<Vec<Option<Vec<u8>>>, HistoryError> {
        let asked: Vec<(usize, String)> = paths
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let p = p.as_ref()?;
                (!p.contains(['\n', '\r'])).then(|| (i, format!("{}:{p}\n", self.commit)))
            })
            .collect();
        let mut out: Vec<Option<Vec<u8>>> = vec![None; paths.len()];
        if asked.is_empty() {
            return Ok(out);
        }
        let mut child = git(self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| HistoryError::NoGit(e.to_string()))?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(self.failed("cat-file", b"no pipes to git"));
        };
        // Written from another thread so that a full output pipe never blocks the input.
        let input: String = asked.iter().map(|(_, line)| line.as_str()).collect();
        let writer = std::thread::Builder::new().spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        // Refused by a process limit (`ulimit -u`): the run stops with git's part named.
        let Ok(writer) = writer else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(self.failed("cat-file", b"cannot start a thread to feed git"));
        };
        let mut reader = BufReader::new(stdout);
        let mut broken = false;
        for (i, _) in &asked {
            match read_batch_entry(&mut reader) {
                Ok(blob) => {
                    if let Some(slot) = out.get_mut(*i) {
                        *slot = blob;
                    }
                }
                Err(()) => {
                    broken = true;
                    break;
                }
            }
        }
        drop(reader);
        let _ = writer.join();
        let mut stderr = Vec::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_end(&mut stderr);
        }
        let status = child.wait();
        if broken || !status.is_ok_and(|s| s.success()) {
            return Err(self.failed("cat-file", &stderr));
        }
        Ok(out)
    }
}

/// One answer of `git cat-file --batch`: `<oid> <type> <size>\n<content>\n`, or
/// `<object> missing\n` / `<object> ambiguous\n`. `Err` when the stream is cut short.
fn read_batch_entry(reader: &mut impl BufRead) -> Result<Option<Vec<u8>>, ()> {
    let mut header = Vec::new();
    if reader.read_until(b'\n', &mut header).map_err(|_| ())? == 0 {
        return Err(());
    }
    let header = String::from_utf8_lossy(&header);
    let header = header.trim_end_matches('\n');
    if header.ends_with(" missing") || header.ends_with(" ambiguous") {
        return Ok(None);
    }
    let mut parts = header.rsplitn(3, ' ');
    let (Some(size), Some(kind)) = (parts.next(), parts.next()) else {
        return Err(());
    };
    let size: u64 = size.parse().map_err(|_| ())?;
    // Bounded like every other read (safety.md): a blob over the largest `max_file_bytes`
    // allowed is skipped unread, as if the plan had no earlier version.
    if size > crate::source::MAX_FILE_BYTES_CAP {
        let copied =
            std::io::copy(&mut reader.by_ref().take(size), &mut std::io::sink()).map_err(|_| ())?;
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline).map_err(|_| ())?;
        return if copied == size { Ok(None) } else { Err(()) };
    }
    let mut content = Vec::new();
    reader
        .by_ref()
        .take(size)
        .read_to_end(&mut content)
        .map_err(|_| ())?;
    if content.len() as u64 != size {
        return Err(());
    }
    let mut newline = [0u8; 1];
    reader.read_exact(&mut newline).map_err(|_| ())?;
    Ok((kind == "blob").then_some(content))
}

/// `git -C root` with settings that keep the output machine-readable and the repository
/// untouched (no optional index refresh).
fn git(root: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A relative path is found in the repository of the given working directory, not in the
    /// process's (the crate's own checkout).
    #[test]
    fn relative_paths_resolve_from_the_given_working_dir() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join(".git")).expect("folders");
        std::fs::create_dir_all(dir.path().join("plans")).expect("folders");
        let given = PathBuf::from("plans/a.plan.toml");
        let grouped =
            group_by_repository(std::slice::from_ref(&given), dir.path()).expect("groups");
        let root = std::fs::canonicalize(dir.path()).expect("exists");
        let files = grouped.get(&root).expect("the given folder's repository");
        assert_eq!(files, &[(given, Some("plans/a.plan.toml".to_string()))]);
    }
}
