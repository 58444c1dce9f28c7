//! Loading: the defaults, then the file (packs included), into [`Settings`].

use crate::catalog::Catalog;
use crate::discover::{Scope, default_globset, inside};
use crate::error::{ConfigError, config_read_reason};
use crate::rules::options::{Limits, Words};
use crate::source::{Disk, NamedText, Sources, read_text_from};
use globset::GlobSet;
use miette::SourceSpan;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::bounds::Layer;
use super::file::ConfigFile;
use super::resolve::{FileSettings, LangWords, Override, RuleLevels, WordsOverride, merge_limits};
use super::validate::Loader;
use super::{DEFAULT_INCLUDE, Settings};

impl Settings {
    /// Settings with no config file, rooted at `root`.
    pub fn defaults(root: PathBuf) -> Self {
        Self::build(root, None, Catalog::builtin())
            .unwrap_or_else(|_| unreachable!("defaults are valid"))
    }

    /// Default settings over a given catalog (e.g. with extra packs for `test-pack`).
    pub fn with_catalog(root: PathBuf, catalog: Catalog) -> Self {
        Self::build(root, None, catalog).unwrap_or_else(|_| unreachable!("defaults are valid"))
    }

    /// Loads a config file and its packs from disk.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        Self::load_with(path, &Disk)
    }

    /// Loads a config file from `text` (an unsaved buffer of `path`); its packs from disk.
    pub fn load_text(path: &Path, text: String) -> Result<Self, ConfigError> {
        Self::load_with(path, &HashMap::from([(path.to_path_buf(), text)]))
    }

    /// Loads a config file and its packs through `sources` (the language server's unsaved
    /// buffers over the disk). Text from `sources` is held to the same size limit and the same
    /// confinement of packs to the config's folder as a file on disk.
    pub fn load_with(path: &Path, sources: &dyn Sources) -> Result<Self, ConfigError> {
        Self::load_from(path, None, sources)
    }

    /// Loads a config file and its packs from disk, relative paths resolved from `dir` (the
    /// front end's working directory) rather than the process's: see
    /// [`Settings::set_working_dir`], which this also does. Paths are shown as given.
    pub fn load_in(dir: &Path, path: &Path) -> Result<Self, ConfigError> {
        let mut s = Self::load_from(path, Some(dir), &Disk)?;
        s.set_working_dir(dir);
        Ok(s)
    }

    fn load_from(
        path: &Path,
        dir: Option<&Path>,
        sources: &dyn Sources,
    ) -> Result<Self, ConfigError> {
        let access = |p: &Path| dir.map_or_else(|| p.to_path_buf(), |d| d.join(p));
        let text =
            read_text_from(sources, &access(path), crate::source::CONFIG_BYTES).map_err(|e| {
                ConfigError::plain(format!(
                    "cannot read config file `{}`: {}",
                    path.display(),
                    config_read_reason(&e)
                ))
            })?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        let catalog = Catalog::builtin();
        let name = path.display().to_string();
        let loader = Loader {
            src: &text,
            name: &name,
        };
        let file: ConfigFile = toml::from_str(&text).map_err(|e| ConfigError {
            message: format!("invalid config file: {}", e.message().trim_end()),
            src: Some(NamedText::new(&name, text.clone())),
            span: e.span().map(SourceSpan::from),
            label: "here".into(),
            help: Some("see \"Configuration file\" in the README for every key".into()),
        })?;
        let mut catalog = catalog;
        let mut packs = Vec::new();
        for p in file.packs.iter().flatten() {
            let pack_path = root.join(p.get_ref());
            let pack_access = access(&pack_path);
            let unsaved = sources.text(&pack_access).is_some();
            // Not `is_file`: a FIFO or device exists, and the reader says what it is.
            if !unsaved && !pack_access.exists() {
                return Err(loader.error(
                    p.span(),
                    format!("rule pack `{}` does not exist", pack_path.display()),
                    "no such file",
                    Some("pack paths are relative to the config file's folder".into()),
                ));
            }
            // A pack from a pull request must not make smplan print `/proc/self/environ` or
            // `/etc/passwd` into a CI log: it stays inside the config's folder, links resolved.
            if !confined(&access(&root), &pack_access) {
                return Err(loader.error(
                    p.span(),
                    format!(
                        "rule pack `{}` is outside the config file's folder",
                        p.get_ref()
                    ),
                    "outside the project",
                    Some(
                        "keep packs in the folder of the config file or below it; the file was \
                         not read"
                            .into(),
                    ),
                ));
            }
            let pack = crate::packs::load_pack_from(&pack_path, &pack_access, sources, &catalog)?;
            catalog.add_pack(pack);
            packs.push(pack_path);
        }
        let mut s = Self::build(root, Some((&loader, &file)), catalog)?;
        s.config_path = Some(path.to_path_buf());
        s.packs = packs;
        s.baseline = file
            .baseline
            .as_ref()
            .map(|b| s.scope.root().join(b.get_ref()));
        Ok(s)
    }

    fn build(
        root: PathBuf,
        file: Option<(&Loader<'_>, &ConfigFile)>,
        catalog: Catalog,
    ) -> Result<Self, ConfigError> {
        let mut include = default_globset(&[DEFAULT_INCLUDE]);
        let mut exclude = GlobSet::empty();
        let mut base_levels = RuleLevels::default();
        let mut limits = Limits::default();
        let mut words = Words::default();
        let mut lang_words = LangWords::default();
        let mut overrides = Vec::new();
        let mut core_goals = crate::rules::core_goals::defaults();
        if let Some((loader, f)) = file {
            if let Some(c) = &f.core_goals {
                core_goals = loader.core_goals(c)?;
            }
            if let Some(g) = &f.include {
                include = loader.globs(g)?;
            }
            if let Some(g) = &f.exclude {
                exclude = loader.globs(g)?;
            }
            if let Some(r) = &f.rules {
                base_levels = loader.levels(&catalog, r)?;
            }
            // `min` ≤ `max` must hold for every merge a file can get: `[limits]` alone, each
            // override over it, and each two overrides together (a later one's bound over an
            // earlier one's is all a larger set of overrides can add, since only the last
            // `min` and the last `max` count). Checked when loading, so merging per file
            // never fails; an entry that gives both `min` and `max` never mixes with another's.
            let mut layers: Vec<Layer<'_>> = Vec::new();
            if let Some(l) = &f.limits {
                loader.check_limits(l)?;
                layers.push(Layer {
                    file: l,
                    what: "`[limits]`".into(),
                    is_override: false,
                });
                loader.check_bounds(&layers)?;
                merge_limits(&mut limits, l);
            }
            if let Some(w) = &f.words {
                let given = loader.words(w)?;
                given.apply(&mut words);
                lang_words.base = given;
                lang_words.langs = loader.lang_words(w)?;
            }
            let mut override_layers: Vec<Layer<'_>> = Vec::new();
            for entry in f.overrides.iter().flatten() {
                let o = entry.get_ref();
                let rules = match &o.rules {
                    Some(r) => loader.levels(&catalog, r)?,
                    None => RuleLevels::default(),
                };
                if let Some(l) = &o.limits {
                    loader.check_limits(l)?;
                    let this = Layer {
                        file: l,
                        what: format!(
                            "the `[[overrides]]` entry at line {}",
                            loader.line(entry.span().start)
                        ),
                        is_override: true,
                    };
                    for earlier in override_layers.iter().map(Some).chain([None]) {
                        let mut stack = layers.clone();
                        stack.extend(earlier.cloned());
                        stack.push(this.clone());
                        loader.check_bounds(&stack)?;
                    }
                    override_layers.push(this);
                }
                let (words, lang_words) = match &o.words {
                    Some(w) => (loader.words(w)?, loader.lang_words(w)?),
                    None => (WordsOverride::default(), Vec::new()),
                };
                overrides.push(Override {
                    files: loader.globs(o.files.get_ref())?,
                    rules,
                    limits: o.limits.clone(),
                    words,
                    lang_words,
                });
            }
        }
        let mut severities = catalog.defaults();
        base_levels.apply(&mut severities);
        let base = Arc::new(FileSettings {
            severities,
            limits,
            words: Arc::new(words),
            lang_words,
        });
        Ok(Settings {
            scope: Scope::new(root, include, exclude),
            config_path: None,
            packs: Vec::new(),
            baseline: None,
            catalog,
            core_goals,
            base_levels,
            overrides,
            cli: None,
            base,
            cache: Mutex::new(HashMap::new()),
        })
    }
}

/// Whether a pack path stays inside `root`, links resolved: the file itself, or, for an
/// unsaved buffer with no file behind it yet, the folder it would be written to.
fn confined(root: &Path, pack: &Path) -> bool {
    if pack.symlink_metadata().is_ok() {
        return inside(root, pack);
    }
    match (pack.parent(), pack.file_name()) {
        (Some(dir), Some(_)) => inside(root, dir),
        _ => false,
    }
}
