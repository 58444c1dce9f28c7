//! Settings per document, resolved as `smplan lint` resolves them for that path (the nearest
//! `smplan.toml` / `.smplan.toml`, its packs and overrides), and the lint of one document over
//! the same library call the CLI makes.

use crate::config::{CliRules, ConfigError, Settings, find_config};
use crate::diagnostic::Level;
use crate::discover::{Candidate, discover};
use crate::lint::{Input, Options};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The settings of one config file (or of none), loaded once until a config or pack changes.
pub struct Loaded {
    pub settings: Arc<Settings>,
    /// Why the config or a pack could not be loaded (the defaults apply meanwhile).
    pub error: Option<ConfigError>,
    /// The project's plans on disk, for cross-file rules (walked once per load).
    plans: Vec<Candidate>,
}

#[derive(Default)]
pub struct Workspace {
    /// The folder the editor opened: the root of settings when no config file is found.
    pub root: Option<PathBuf>,
    pub(super) loaded: HashMap<Option<PathBuf>, Arc<Loaded>>,
    /// Open config files' unsaved text: it wins over the disk, as plan buffers do.
    pub configs: HashMap<PathBuf, String>,
}

/// Whether a file is a config file by its name.
pub fn is_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::config::CONFIG_NAMES.contains(&n))
}

impl Workspace {
    /// Forgets every loaded config (a config or pack changed).
    pub fn reload(&mut self) {
        self.loaded.clear();
    }

    /// Every loaded settings, for publishing config errors.
    pub fn all(&self) -> impl Iterator<Item = (&Option<PathBuf>, &Arc<Loaded>)> {
        self.loaded.iter()
    }

    /// The settings of `path` if already loaded.
    pub fn peek(&self, path: &Path) -> Option<Arc<Loaded>> {
        let config = find_config(path.parent()?);
        self.loaded.get(&config).cloned()
    }

    pub fn settings_for(&mut self, path: &Path) -> Arc<Loaded> {
        let dir = path.parent().unwrap_or(Path::new("/"));
        let config = find_config(dir);
        if let Some(l) = self.loaded.get(&config) {
            return l.clone();
        }
        let fallback_root = match &self.root {
            Some(r) if path.starts_with(r) => r.clone(),
            _ => dir.to_path_buf(),
        };
        let (settings, error) = match &config {
            Some(c) => match load(c, self.configs.get(c)) {
                Ok(s) => (s, None),
                Err(e) => (default_settings(c.parent().unwrap_or(dir)), Some(e)),
            },
            None => (default_settings(&fallback_root), None),
        };
        let plans = discover(
            std::slice::from_ref(&settings.scope.root),
            &settings.scope,
            false,
        )
        .map(|d| d.files)
        .unwrap_or_default();
        let loaded = Arc::new(Loaded {
            settings: Arc::new(settings),
            error,
            plans,
        });
        self.loaded.insert(config, loaded.clone());
        loaded
    }
}

/// Without `--base` the history rules cannot run: off, as in `smplan lint`.
fn no_history() -> CliRules {
    CliRules {
        select: None,
        ignore: Vec::new(),
        severity: vec![("HI".into(), Level::Off)],
    }
}

fn load(config: &Path, buffer: Option<&String>) -> Result<Settings, ConfigError> {
    let mut s = match buffer {
        Some(text) => Settings::load_text(config, text.clone())?,
        None => Settings::load(config)?,
    };
    s.apply_cli(&no_history())?;
    Ok(s)
}

fn default_settings(root: &Path) -> Settings {
    let mut s = Settings::defaults(root.to_path_buf());
    // The defaults always accept turning the HI area off.
    let _ = s.apply_cli(&no_history());
    s
}

/// Whether the server lints this document as a plan: a `*.plan.toml`, or a file the
/// project's `include` globs take in.
pub fn is_plan(path: &Path, settings: &Settings) -> bool {
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".plan.toml"));
    named || settings.scope.include.is_match(settings.relative(path))
}

/// Lints one document as `smplan lint` would lint that path, with the project's other plans
/// (open buffers win over the disk) so that cross-file rules see the same project.
pub fn lint_document(
    loaded: &Loaded,
    path: &Path,
    text: &str,
    open: &HashMap<PathBuf, String>,
) -> Vec<crate::Diagnostic> {
    let settings = &loaded.settings;
    let candidate = |p: &Path| Candidate {
        display: p.display().to_string(),
        path: p.to_path_buf(),
        rel: settings.relative(p),
    };
    let mut inputs = vec![Input::Edited {
        file: candidate(path),
        text: text.to_string(),
    }];
    for c in &loaded.plans {
        if c.path == path {
            continue;
        }
        inputs.push(match open.get(&c.path) {
            Some(t) => Input::Edited {
                file: c.clone(),
                text: t.clone(),
            },
            None => Input::File(c.clone()),
        });
    }
    let opts = Options {
        jobs: Some(1),
        only: Some(Arc::new(HashSet::from([path.to_path_buf()]))),
        ..Options::default()
    };
    let outcome = crate::lint::lint(inputs, settings, &opts);
    outcome
        .files
        .into_iter()
        .next()
        .map(|f| f.diagnostics)
        .unwrap_or_default()
}
