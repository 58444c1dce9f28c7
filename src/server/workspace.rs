//! Settings per document, resolved as `smplan lint` resolves them for that path (the nearest
//! `smplan.toml` / `.smplan.toml`, its packs and overrides), and the lint of one document over
//! the same library call the CLI makes.

use super::buffers::{Buffers, same_file};
use super::documents::Documents;
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
    /// Why the config or a pack could not be loaded (the last settings that loaded, else the
    /// defaults, apply meanwhile).
    pub error: Option<ConfigError>,
    /// The project's plans on disk, for cross-file rules (walked once per load).
    plans: Vec<Candidate>,
    /// The config and packs the load read, as [`same_file`] names them.
    files: Vec<PathBuf>,
}

#[derive(Default)]
pub struct Workspace {
    /// The folder the editor opened: the root of settings when no config file is found.
    pub root: Option<PathBuf>,
    pub(super) loaded: HashMap<Option<PathBuf>, Arc<Loaded>>,
    /// The last settings each config gave: a buffer mid-edit that does not load keeps them, so
    /// the plans' diagnostics do not flicker with every keystroke.
    pub(super) good: HashMap<PathBuf, Arc<Settings>>,
}

/// Whether a file is a config file by its name.
pub fn is_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::config::CONFIG_NAMES.contains(&n))
}

/// The config whose settings a document gets (`None`: the defaults), as `smplan lint` finds it.
pub fn project_of(path: &Path) -> Option<PathBuf> {
    find_config(path.parent().unwrap_or(Path::new("/")))
}

impl Workspace {
    /// Forgets every loaded config (a config or pack changed).
    pub fn reload(&mut self) {
        self.loaded.clear();
    }

    /// Forgets the projects whose config or packs include `path`; returns their configs.
    pub fn forget_readers_of(&mut self, path: &Path) -> Vec<Option<PathBuf>> {
        let file = same_file(path);
        let stale: Vec<Option<PathBuf>> = self
            .loaded
            .iter()
            .filter(|(_, l)| l.files.contains(&file))
            .map(|(config, _)| config.clone())
            .collect();
        for config in &stale {
            self.loaded.remove(config);
        }
        stale
    }

    /// Every loaded settings, for publishing config errors.
    pub fn all(&self) -> impl Iterator<Item = (&Option<PathBuf>, &Arc<Loaded>)> {
        self.loaded.iter()
    }

    /// The settings of `path` if already loaded.
    pub fn peek(&self, path: &Path) -> Option<Arc<Loaded>> {
        self.loaded.get(&project_of(path)).cloned()
    }

    /// The settings of `path`, loaded with the open documents over the disk if not yet loaded.
    pub fn settings_for(&mut self, path: &Path, docs: &Documents) -> Arc<Loaded> {
        let dir = path.parent().unwrap_or(Path::new("/"));
        let config = project_of(path);
        if let Some(l) = self.loaded.get(&config) {
            return l.clone();
        }
        let fallback_root = match &self.root {
            Some(r) if path.starts_with(r) => r.clone(),
            _ => dir.to_path_buf(),
        };
        let (settings, error, files) = match &config {
            Some(c) => {
                let buffers = Buffers::new(docs);
                let result = load(c, &buffers);
                let files = buffers.asked();
                match result {
                    Ok(s) => {
                        let s = Arc::new(s);
                        self.good.insert(c.clone(), s.clone());
                        (s, None, files)
                    }
                    Err(e) => {
                        let last = self.good.get(c).cloned();
                        let s = last.unwrap_or_else(|| {
                            Arc::new(default_settings(c.parent().unwrap_or(dir)))
                        });
                        (s, Some(e), files)
                    }
                }
            }
            None => (Arc::new(default_settings(&fallback_root)), None, Vec::new()),
        };
        let plans = discover(
            &[settings.scope.root().to_path_buf()],
            &settings.scope,
            false,
        )
        .map(|d| d.files)
        .unwrap_or_default();
        let loaded = Arc::new(Loaded {
            settings,
            error,
            plans,
            files,
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

fn load(config: &Path, buffers: &Buffers<'_>) -> Result<Settings, ConfigError> {
    let mut s = Settings::load_with(config, buffers)?;
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
