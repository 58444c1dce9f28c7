//! The user's global git excludes file (git's `core.excludesFile`), found the way the `ignore`
//! crate finds it, without the regex it compiles on every run (about 0.3 ms of a one-plan run).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// What the lookup reads from the environment, gathered once by the caller.
pub struct Env {
    pub home: Option<PathBuf>,
    pub xdg_config_home: Option<OsString>,
    pub git_config_global: Option<OsString>,
    pub git_config_system: Option<OsString>,
}

impl Env {
    pub fn from_process() -> Self {
        let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        Self {
            home: std::env::home_dir(),
            xdg_config_home: non_empty("XDG_CONFIG_HOME"),
            git_config_global: non_empty("GIT_CONFIG_GLOBAL"),
            git_config_system: non_empty("GIT_CONFIG_SYSTEM"),
        }
    }
}

/// The most of a git config file read: far more than any real one.
const CONFIG_LIMIT: u64 = 1 << 20;

/// The global excludes file, if it is a file: `core.excludesFile` from the first of
/// `$GIT_CONFIG_GLOBAL`, `~/.gitconfig`, `$XDG_CONFIG_HOME/git/config` (or
/// `~/.config/git/config`) and the system config that sets it, else git's default
/// `$XDG_CONFIG_HOME/git/ignore` (or `~/.config/git/ignore`). The order is `ignore` 0.4's
/// (`gitconfig_excludes_path`), so which files a walk skips does not change. A relative path
/// is resolved from `cwd`, where `ignore` would open it.
pub fn path(env: &Env, cwd: &Path) -> Option<PathBuf> {
    let xdg = env
        .xdg_config_home
        .as_ref()
        .map(PathBuf::from)
        .or_else(|| env.home.as_ref().map(|h| h.join(".config")));
    let system = env
        .git_config_system
        .as_ref()
        .map_or_else(|| PathBuf::from("/etc/gitconfig"), PathBuf::from);
    let configs = [
        env.git_config_global.as_ref().map(PathBuf::from),
        env.home.as_ref().map(|h| h.join(".gitconfig")),
        xdg.as_ref().map(|x| x.join("git/config")),
        Some(system),
    ];
    let file = configs
        .into_iter()
        .flatten()
        .find_map(|config| {
            // Bounded and non-blocking: a FIFO or a device named as a config is no config.
            let data = smplan::source::read_bounded(&config, CONFIG_LIMIT).ok()?;
            excludes_file(&data, env.home.as_deref())
        })
        .or_else(|| xdg.map(|x| x.join("git/ignore")))?;
    let file = cwd.join(file);
    file.is_file().then_some(file)
}

/// The value of the first `excludesfile = VALUE` line (any case, any section, as `ignore`'s
/// `^\s*excludesfile\s*=\s*"?\s*(\S+?)\s*"?\s*$` reads it): one word, optionally quoted, with
/// a leading `~` or `~/` expanded to `home`. Unlike that regex, a key and its value never
/// span lines (`excludesfile =` alone on a line is skipped, as git reads it as empty).
fn excludes_file(data: &[u8], home: Option<&Path>) -> Option<PathBuf> {
    const KEY: &[u8] = b"excludesfile";
    data.split(|b| *b == b'\n').find_map(|line| {
        let line = line.trim_ascii();
        let (key, rest) = line.split_at_checked(KEY.len())?;
        if !key.eq_ignore_ascii_case(KEY) {
            return None;
        }
        let value = rest.trim_ascii_start().strip_prefix(b"=")?.trim_ascii();
        let value = unquote(value);
        if value.is_empty() || value.iter().any(u8::is_ascii_whitespace) {
            return None;
        }
        let value = std::str::from_utf8(value).ok()?;
        Some(expand_tilde(value, home))
    })
}

/// Drops an opening and a closing `"` (and blanks inside them), as long as a word remains.
fn unquote(value: &[u8]) -> &[u8] {
    let value = match value.strip_prefix(b"\"").map(<[u8]>::trim_ascii_start) {
        Some(v) if !v.is_empty() => v,
        _ => value,
    };
    match value.strip_suffix(b"\"").map(<[u8]>::trim_ascii_end) {
        Some(v) if !v.is_empty() => v,
        _ => value,
    }
}

/// Git expands only a leading `~` (not `~user`, not one inside the path).
fn expand_tilde(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            PathBuf::from(format!("{}{rest}", home.to_string_lossy()))
        }
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(config: &str) -> Option<PathBuf> {
        excludes_file(config.as_bytes(), Some(Path::new("/home/u")))
    }

    #[test]
    fn reads_the_key_as_ignore_does() {
        assert_eq!(
            value("[core]\n\texcludesFile = ~/.gitignore_global\n"),
            Some("/home/u/.gitignore_global".into())
        );
        assert_eq!(
            value("[core]\nexcludesfile=\"/a/b\"\r\n"),
            Some("/a/b".into())
        );
        assert_eq!(value("EXCLUDESFILE = \" /a/b \""), Some("/a/b".into()));
        assert_eq!(value("excludesfile = ~other/x"), Some("~other/x".into()));
        assert_eq!(value("excludesfile = a~/x"), Some("a~/x".into()));
        assert_eq!(value("excludesfile = \""), Some("\"".into()));
        // The first line that gives one word wins; others are not the key.
        assert_eq!(
            value("excludesfile = a b\nexcludesfilex = c\n  excludesfile = d\n"),
            Some("d".into())
        );
        assert_eq!(value("[core]\n\tautocrlf = input\n"), None);
        assert_eq!(value("excludesfile =\n"), None);
        assert_eq!(value("# excludesfile = x\n"), None);
    }

    #[test]
    fn falls_back_to_the_xdg_ignore_file() {
        let dir = tempfile::tempdir().unwrap();
        let env = Env {
            home: Some(dir.path().join("home")),
            xdg_config_home: Some(dir.path().join("xdg").into()),
            git_config_global: None,
            git_config_system: Some(dir.path().join("none").into()),
        };
        assert_eq!(path(&env, dir.path()), None);
        std::fs::create_dir_all(dir.path().join("xdg/git")).unwrap();
        std::fs::write(dir.path().join("xdg/git/ignore"), "x\n").unwrap();
        assert_eq!(
            path(&env, dir.path()),
            Some(dir.path().join("xdg/git/ignore"))
        );
        // A config that names a file takes over, relative to the working directory.
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::fs::write(
            dir.path().join("home/.gitconfig"),
            "[core]\nexcludesfile = g\n",
        )
        .unwrap();
        assert_eq!(path(&env, dir.path()), None);
        std::fs::write(dir.path().join("g"), "x\n").unwrap();
        assert_eq!(path(&env, dir.path()), Some(dir.path().join("g")));
    }
}
