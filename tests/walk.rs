//! Walking folders on several threads finds what walking in one thread finds, in the same order,
//! however the folder is written; and the paths a walk gives are as the user wrote the folder.

mod common;

use smplan::config::Settings;
use smplan::discover::{Discovered, discover, discover_jobs};
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("has a folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A project with nested folders, an excluded folder, a `.gitignore`, a hidden file and a file
/// that is not a plan.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(
        d,
        "smplan.toml",
        "exclude = [\"plans/archive\", \"**/skip.plan.toml\"]\n",
    );
    write(d, ".gitignore", "ignored/\n");
    for name in [
        "top.plan.toml",
        "plans/a.plan.toml",
        "plans/b.plan.toml",
        "plans/skip.plan.toml",
        "plans/deep/er/c.plan.toml",
        "plans/archive/old.plan.toml",
        "plans/.hidden.plan.toml",
        "plans/notes.toml",
        "ignored/d.plan.toml",
        "team/x/e.plan.toml",
    ] {
        write(d, name, "");
    }
    // Enough plans for a walk of `.` or `plans` to go on several threads (a walk with fewer
    // plans than 32 per thread stays in one); `listed` leaves them out.
    for n in 0..FILLERS {
        write(d, &format!("plans/fill/{}/f{n}.plan.toml", n % 20), "");
    }
    dir
}

/// Plans under `plans/fill/`: more than 32 for each of up to 12 threads.
const FILLERS: usize = 400;

/// What a walk found, written out for comparing.
fn listed(found: &Discovered) -> Vec<String> {
    let mut out: Vec<String> = found
        .files
        .iter()
        .map(|c| format!("{} | {} | {}", c.display, c.path.display(), c.rel.display()))
        .filter(|line| !line.contains("/fill/"))
        .collect();
    let fillers = found.files.len() - out.len();
    assert!(
        fillers == 0 || fillers == FILLERS,
        "every filler or none: {fillers}"
    );
    out.extend(found.warnings.iter().map(|w| format!("warning: {w}")));
    out
}

/// Walks `paths` on 1, 2, 3 and the default number of threads, checks all agree, and returns
/// the one-thread walk.
fn walk_all(paths: &[&str], settings: &Settings) -> Vec<String> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let one = discover(&paths, &settings.scope, false).expect("walks");
    for jobs in [Some(1), Some(2), Some(3), None] {
        let many = discover_jobs(&paths, &settings.scope, false, jobs).expect("walks");
        assert_eq!(
            listed(&many),
            listed(&one),
            "{jobs:?} threads, paths {paths:?}"
        );
    }
    listed(&one)
}

fn in_dir(dir: &Path) -> Settings {
    Settings::load_in(dir, Path::new("smplan.toml")).expect("loads")
}

#[test]
fn threads_find_the_same_files_in_the_same_order() {
    let dir = project();
    let settings = in_dir(dir.path());
    assert_eq!(
        walk_all(&["."], &settings),
        [
            "plans/a.plan.toml | ./plans/a.plan.toml | plans/a.plan.toml",
            "plans/b.plan.toml | ./plans/b.plan.toml | plans/b.plan.toml",
            "plans/deep/er/c.plan.toml | ./plans/deep/er/c.plan.toml | plans/deep/er/c.plan.toml",
            "team/x/e.plan.toml | ./team/x/e.plan.toml | team/x/e.plan.toml",
            "top.plan.toml | ./top.plan.toml | top.plan.toml",
        ]
    );
    // However the folder is written, paths keep its spelling and `rel` is the same.
    for given in [
        "plans", "plans/", "./plans", "./plans/", "plans/.", "plans/./", "plans//",
    ] {
        let found = walk_all(&[given], &settings);
        assert_eq!(found.len(), 3, "{given}: {found:?}");
        assert!(
            found
                .iter()
                .all(|f| f.ends_with(".plan.toml") && f.contains("| plans/")),
            "{given}: {found:?}"
        );
    }
    let plans = walk_all(&["plans/"], &settings);
    assert_eq!(
        plans[0],
        "plans/a.plan.toml | plans/a.plan.toml | plans/a.plan.toml"
    );
    // The same files named twice, and a folder with a file in it, are linted once each.
    assert_eq!(
        walk_all(&["plans", "plans/a.plan.toml", "./plans"], &settings).len(),
        3
    );
}

#[test]
fn an_excluded_folder_given_is_walked_to_nothing() {
    let dir = project();
    let settings = in_dir(dir.path());
    assert!(walk_all(&["plans/archive"], &settings).is_empty());
    assert!(walk_all(&["plans/archive/"], &settings).is_empty());
}

#[test]
fn absolute_and_outside_folders_walk_alike_on_any_number_of_threads() {
    let dir = project();
    let settings = in_dir(dir.path());
    let abs = dir.path().join("plans");
    let abs = abs.to_str().expect("a text path");
    let found = walk_all(&[abs], &settings);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].ends_with("/plans/a.plan.toml | plans/a.plan.toml"),
        "{found:?}"
    );
    // A folder outside the root: `rel` is the path as given, cleaned.
    let other = tempfile::tempdir().expect("temp dir");
    write(other.path(), "o/f.plan.toml", "");
    let outside = other.path().to_str().expect("a text path");
    let found = walk_all(&[outside], &settings);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("/o/f.plan.toml"), "{found:?}");
}

#[test]
fn without_a_working_directory_paths_relate_lexically_on_any_number_of_threads() {
    let dir = project();
    let settings = Settings::load(&dir.path().join("smplan.toml")).expect("loads");
    let root = dir.path().to_str().expect("a text path");
    let found = walk_all(&[root], &settings);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(
        found[0].ends_with("/plans/a.plan.toml | plans/a.plan.toml"),
        "{found:?}"
    );
}

#[cfg(unix)]
#[test]
fn links_fifos_and_names_that_are_not_text_walk_alike_on_any_number_of_threads() {
    use std::os::unix::ffi::OsStrExt;
    let dir = project();
    let d = dir.path();
    std::os::unix::fs::symlink("plans", d.join("linked")).expect("symlink");
    std::os::unix::fs::symlink("top.plan.toml", d.join("link.plan.toml")).expect("symlink");
    std::os::unix::fs::symlink("nowhere", d.join("dangling.plan.toml")).expect("symlink");
    let name = std::ffi::OsStr::from_bytes(b"plans/caf\xe9.plan.toml");
    std::fs::write(d.join(name), "").expect("write");
    let fifo = std::process::Command::new("mkfifo")
        .arg(d.join("plans/pipe.plan.toml"))
        .status()
        .is_ok_and(|s| s.success());
    let settings = in_dir(d);
    let found = walk_all(&["."], &settings);
    // Symlinks are not followed; the FIFO is a candidate (PL002); the name that is not text
    // is found through the slower path.
    assert!(found.iter().all(|f| !f.contains("link")), "{found:?}");
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("plans/caf\u{FFFD}.plan.toml")),
        "{found:?}"
    );
    assert_eq!(
        found.iter().any(|f| f.starts_with("plans/pipe.plan.toml")),
        fifo,
        "{found:?}"
    );
    // A symlinked folder given is walked through the link, and globs see the link's name:
    // `plans/archive` is not excluded as `linked/archive`.
    let linked = walk_all(&["linked"], &settings);
    assert_eq!(linked.len(), 5 + usize::from(fifo), "{linked:?}");
    assert!(
        linked
            .iter()
            .any(|f| f.starts_with("linked/archive/old.plan.toml")),
        "{linked:?}"
    );
}

/// safety.md: `--jobs N` never starts more worker threads than there are files. Two plans with
/// `--jobs 8`: two linting threads at most, and the walk and the JSON writer start none.
#[cfg(target_os = "linux")]
#[test]
fn a_small_folder_starts_no_more_threads_than_plans_whatever_jobs_asks() {
    let traced = |dir: &Path, format: &str| {
        std::process::Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=clone,clone3", "-o", "/dev/stderr"])
            .arg(env!("CARGO_BIN_EXE_smplan"))
            .args([
                "lint",
                "--no-config",
                "--jobs",
                "8",
                "--format",
                format,
                "p",
            ])
            .current_dir(dir)
            .output()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "p/a.plan.toml", "");
    write(dir.path(), "p/deep/b.plan.toml", "");
    for format in ["pretty", "json"] {
        let out = match traced(dir.path(), format) {
            Ok(out) if !String::from_utf8_lossy(&out.stderr).contains("ptrace") => out,
            _ => {
                eprintln!("skipped: strace is not installed or may not trace here");
                return;
            }
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        let threads = stderr.lines().filter(|l| l.contains("clone")).count();
        assert!(threads <= 2, "{format}: {threads} threads\n{stderr}");
    }
}

/// A process limit on threads (`ulimit -u`; set for an unprivileged user, as root is exempt):
/// the walk, the lint and the report go on in one thread, and the run reports what it reports
/// with threads. (`ignore`'s parallel walker panics when it cannot start a thread.)
#[cfg(target_os = "linux")]
#[test]
fn a_limit_on_threads_leaves_the_run_whole() {
    let dir = project();
    // Two plans with more diagnostics than one thread writes into a JSON document.
    let unknown: String =
        "smplan = 1\n".to_string() + &(0..1100).map(|n| format!("k{n} = 1\n")).collect::<String>();
    write(dir.path(), "plans/many/a.plan.toml", &unknown);
    write(dir.path(), "plans/many/b.plan.toml", &unknown);
    // Readable by the unprivileged user the run switches to.
    open_to_all(dir.path(), 0o755, 0o644);
    let run = |nproc: Option<&str>| {
        common::smplan_with_thread_limit(nproc, 120)
            .args([
                "lint",
                "--no-config",
                "--jobs",
                "2",
                "--format",
                "json",
                ".",
            ])
            .current_dir(dir.path())
            .output()
    };
    // The timing line differs from run to run.
    let report = |out: &std::process::Output| -> String {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.contains("\"elapsed"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let free = match run(None) {
        Ok(out) if out.status.code() == Some(1) && report(&out).contains("\"summary\"") => out,
        _ => {
            eprintln!(
                "skipped: prlimit and setpriv cannot run smplan as an unprivileged user here"
            );
            return;
        }
    };
    // One task for the user: the process itself, and no thread; then one or two threads, so
    // that some are refused after others started (run a few times: it is a matter of timing).
    for nproc in ["1", "2", "3", "3", "3"] {
        let limited = run(Some(nproc)).expect("timeout and prlimit run");
        let stderr = String::from_utf8_lossy(&limited.stderr);
        assert_eq!(limited.status.code(), Some(1), "--nproc={nproc}: {stderr}");
        assert!(!stderr.contains("panicked"), "--nproc={nproc}: {stderr}");
        assert_eq!(report(&limited), report(&free), "--nproc={nproc}");
    }
    assert!(report(&free).matches("\"path\"").count() > 2200 + FILLERS);

    // `--fix` re-lints the plans it fixes on a pool of its own, or one by one without threads.
    let fixes = tempfile::tempdir().expect("temp dir");
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fixes/pl005_quoted_dates.plan.toml"),
    )
    .expect("fixture");
    for name in ["a.plan.toml", "b.plan.toml"] {
        write(fixes.path(), name, &plan);
    }
    // Writable by that user too: `--fix` writes the plans.
    open_to_all(fixes.path(), 0o777, 0o666);
    let fixed = common::smplan_with_thread_limit(Some("1"), 120)
        .args(["lint", "--no-config", "--fix", "."])
        .current_dir(fixes.path())
        .output()
        .expect("timeout and prlimit run");
    let stderr = String::from_utf8_lossy(&fixed.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("Fixed"), "{stderr}");
    let a = std::fs::read_to_string(fixes.path().join("a.plan.toml")).expect("a");
    assert_ne!(a, plan, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(fixes.path().join("b.plan.toml")).expect("b"),
        a
    );
}

/// Gives everything under `dir` these modes, folders and files (for a run as another user).
#[cfg(unix)]
fn open_to_all(dir: &Path, folders: u32, files: u32) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let mode = if entry.file_type().is_dir() {
            folders
        } else {
            files
        };
        let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode));
    }
}
