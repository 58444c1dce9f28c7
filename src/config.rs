//! `smplan.toml` → [`Settings`]: defaults, then the file, then the command line.

use crate::diagnostic::{Level, Severity};
use crate::rules::registry::{Catalog, Selection};
use crate::words::WordList;
use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use toml::Spanned;

pub const CONFIG_NAMES: &[&str] = &["smplan.toml", ".smplan.toml"];
pub const DEFAULT_INCLUDE: &str = "**/*.plan.toml";

/// A problem with the configuration (exit 2), pointing into the file when it can.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub src: Option<NamedSource<String>>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl ConfigError {
    pub fn plain(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            src: None,
            span: None,
            label: String::new(),
            help: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    pub kpis_min: usize,
    pub kpis_max: usize,
    pub metrics_min: usize,
    pub metrics_max: usize,
    pub candidates_min: usize,
    pub max_horizon_years: u32,
    pub max_target_ratio: f64,
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            kpis_min: 1,
            kpis_max: 2,
            metrics_min: 2,
            metrics_max: 5,
            candidates_min: 7,
            max_horizon_years: 5,
            max_target_ratio: 5.0,
            max_file_bytes: 4 * 1024 * 1024,
        }
    }
}

pub const VAGUE_WORDS: &[&str] = &[
    "improve",
    "improved",
    "improving",
    "improvement",
    "better",
    "more",
    "boost",
    "boosted",
    "boosting",
    "enhance",
    "enhanced",
    "enhancing",
    "optimize",
    "optimized",
    "optimise",
    "optimised",
    "maximize",
    "maximized",
    "maximise",
    "maximised",
    "awareness",
    "presence",
    "try to",
    "hopefully",
    "as much as possible",
    "asap",
    "tbd",
    "etc",
];
pub const VANITY_WORDS: &[&str] = &[
    "followers",
    "follower",
    "fans",
    "likes",
    "impressions",
    "impression",
    "views",
    "posts",
    "tweets",
    "tweet",
    "retweets",
    "retweet",
    "reach",
    "shares",
    "subscribers",
    "engagement rate",
    "social media engagement",
    "people talking about this",
];
pub const TACTIC_WORDS: &[&str] = &[
    "instagram",
    "facebook",
    "tiktok",
    "linkedin",
    "youtube",
    "twitter",
    "pinterest",
    "snapchat",
    "x.com",
    "post",
    "publish",
    "launch",
    "run a contest",
    "contest",
    "giveaway",
    "hashtag",
    "influencer",
    "ad",
    "ads",
    "campaign",
];
pub const ACTIVITY_WORDS: &[&str] = &[
    "launch",
    "launching",
    "publish",
    "publishing",
    "posting",
    "implement",
    "implementing",
    "deliver",
    "delivering",
    "campaign",
    "contest",
    "giveaway",
];

/// The four word lists of `[words]`, compiled.
#[derive(Clone, Debug)]
pub struct Words {
    pub vague: WordList,
    pub vanity: WordList,
    pub tactic: WordList,
    pub activity: WordList,
}

impl Default for Words {
    fn default() -> Self {
        let list = |w: &[&str]| {
            WordList::new(w).unwrap_or_else(|_| unreachable!("built-in word lists compile"))
        };
        Self {
            vague: list(VAGUE_WORDS),
            vanity: list(VANITY_WORDS),
            tactic: list(TACTIC_WORDS),
            activity: list(ACTIVITY_WORDS),
        }
    }
}

// ---- the file, as written ----

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    packs: Option<Vec<Spanned<String>>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    limits: Option<LimitsFile>,
    words: Option<WordsFile>,
    overrides: Option<Vec<OverrideFile>>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct LimitsFile {
    kpis_per_goal: Option<Spanned<MinMax>>,
    metrics_per_tactic: Option<Spanned<MinMax>>,
    candidates_per_tactic: Option<Spanned<MinMax>>,
    max_horizon_years: Option<Spanned<u32>>,
    max_target_ratio: Option<Spanned<f64>>,
    max_file_bytes: Option<Spanned<u64>>,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct MinMax {
    min: Option<usize>,
    max: Option<usize>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    vague_words: Option<Vec<String>>,
    vanity_words: Option<Vec<String>>,
    tactic_words: Option<Vec<String>>,
    activity_words: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    files: Spanned<Vec<String>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    limits: Option<LimitsFile>,
    words: Option<WordsFile>,
}

// ---- resolved settings ----

/// Severity settings from one layer, already resolved to rule indices.
/// Prefix entries apply before exact ones, so a code or name beats a prefix.
#[derive(Clone, Debug, Default)]
pub struct RuleLevels {
    entries: Vec<(Vec<usize>, bool, Level)>,
}

impl RuleLevels {
    pub fn apply(&self, severities: &mut [Option<Severity>]) {
        for exact in [false, true] {
            for (rules, is_exact, level) in &self.entries {
                if *is_exact == exact {
                    for &i in rules {
                        severities[i] = level.severity();
                    }
                }
            }
        }
    }
}

struct Override {
    files: GlobSet,
    rules: RuleLevels,
    limits: Option<LimitsFile>,
    words: Option<Arc<Words>>,
}

/// Rule choices from the command line.
#[derive(Clone, Debug, Default)]
pub struct CliRules {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Level)>,
}

/// `CliRules` resolved to rule indices.
struct CliLevels {
    select: Option<Vec<usize>>,
    ignore: Vec<usize>,
    severity: Vec<(usize, Level)>,
}

/// What applies to one file once `[[overrides]]` are resolved.
#[derive(Debug)]
pub struct FileSettings {
    pub severities: Vec<Option<Severity>>,
    pub limits: Limits,
    pub words: Arc<Words>,
}

/// Everything a run needs to know: the catalog, globs, severities, limits and word lists.
pub struct Settings {
    /// The folder globs are relative to: the config file's, else the working directory.
    pub root: PathBuf,
    /// The working directory and the absolute root, read once for [`Settings::relative`].
    pub(crate) cwd: PathBuf,
    pub(crate) abs_root: PathBuf,
    pub config_path: Option<PathBuf>,
    pub include: GlobSet,
    pub exclude: GlobSet,
    pub packs: Vec<PathBuf>,
    pub catalog: Catalog,
    base_levels: RuleLevels,
    overrides: Vec<Override>,
    cli: Option<CliLevels>,
    base: Arc<FileSettings>,
    cache: Mutex<HashMap<Vec<bool>, Arc<FileSettings>>>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("root", &self.root)
            .field("config_path", &self.config_path)
            .finish()
    }
}

/// Finds `smplan.toml` or `.smplan.toml` in `dir` or its ancestors.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

struct Loader<'a> {
    src: &'a str,
    name: &'a str,
}

impl Loader<'_> {
    fn error(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError {
            message,
            src: Some(NamedSource::new(self.name, self.src.to_string())),
            span: Some(SourceSpan::from(span)),
            label: label.to_string(),
            help,
        }
    }

    fn levels(
        &self,
        catalog: &Catalog,
        entries: &BTreeMap<Spanned<String>, Spanned<String>>,
    ) -> Result<RuleLevels, ConfigError> {
        let mut out = RuleLevels::default();
        for (key, value) in entries {
            let Some(level) = Level::parse(value.get_ref()) else {
                return Err(self.error(
                    value.span(),
                    format!("`{}` is not a severity", value.get_ref()),
                    "unknown severity",
                    Some("use one of `error`, `warning`, `info`, `off`".into()),
                ));
            };
            let selection = catalog.select(key.get_ref());
            if selection == Selection::Unknown {
                return Err(self.error(
                    key.span(),
                    format!("unknown rule `{}`", key.get_ref()),
                    "no rule has this code, name or prefix",
                    suggestion_help(catalog, key.get_ref()),
                ));
            }
            let exact = matches!(selection, Selection::Exact(_));
            out.entries
                .push((selection.indices().to_vec(), exact, level));
        }
        Ok(out)
    }

    fn globs(&self, root: &Path, globs: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
        let _ = root;
        let mut b = GlobSetBuilder::new();
        for g in globs {
            let glob = Glob::new(g.get_ref()).map_err(|e| {
                self.error(
                    g.span(),
                    format!("invalid glob `{}`", g.get_ref()),
                    "invalid glob",
                    Some(e.kind().to_string()),
                )
            })?;
            b.add(glob);
        }
        b.build().map_err(|e| ConfigError::plain(e.to_string()))
    }

    fn limits(&self, base: &Limits, file: &LimitsFile) -> Result<Limits, ConfigError> {
        let mut l = base.clone();
        let check = |mm: &Spanned<MinMax>, what: &str| -> Result<(), ConfigError> {
            let v = mm.get_ref();
            if let (Some(min), Some(max)) = (v.min, v.max)
                && min > max
            {
                {
                    return Err(self.error(
                        mm.span(),
                        format!("`{what}` has `min` greater than `max`"),
                        "min > max",
                        Some("make `min` at most `max`".into()),
                    ));
                }
            }
            Ok(())
        };
        if let Some(mm) = &file.kpis_per_goal {
            check(mm, "kpis_per_goal")?;
            l.kpis_min = mm.get_ref().min.unwrap_or(l.kpis_min);
            l.kpis_max = mm.get_ref().max.unwrap_or(l.kpis_max);
        }
        if let Some(mm) = &file.metrics_per_tactic {
            check(mm, "metrics_per_tactic")?;
            l.metrics_min = mm.get_ref().min.unwrap_or(l.metrics_min);
            l.metrics_max = mm.get_ref().max.unwrap_or(l.metrics_max);
        }
        if let Some(mm) = &file.candidates_per_tactic {
            if mm.get_ref().max.is_some() {
                return Err(self.error(
                    mm.span(),
                    "`candidates_per_tactic` takes only `min`".into(),
                    "no `max` here",
                    Some("remove `max`: the brainstorm may be as long as you like".into()),
                ));
            }
            l.candidates_min = mm.get_ref().min.unwrap_or(l.candidates_min);
        }
        if let Some(y) = &file.max_horizon_years {
            if *y.get_ref() == 0 {
                return Err(self.error(
                    y.span(),
                    "`max_horizon_years` must be at least 1".into(),
                    "zero",
                    None,
                ));
            }
            l.max_horizon_years = *y.get_ref();
        }
        if let Some(r) = &file.max_target_ratio {
            if !(r.get_ref().is_finite() && *r.get_ref() >= 1.0) {
                return Err(self.error(
                    r.span(),
                    "`max_target_ratio` must be a finite number of at least 1".into(),
                    "invalid ratio",
                    None,
                ));
            }
            l.max_target_ratio = *r.get_ref();
        }
        if let Some(b) = &file.max_file_bytes {
            l.max_file_bytes = *b.get_ref();
        }
        Ok(l)
    }

    fn words(&self, base: &Words, file: &WordsFile) -> Result<Words, ConfigError> {
        let compile =
            |given: &Option<Vec<String>>, default: &WordList| -> Result<WordList, ConfigError> {
                match given {
                    Some(list) => WordList::new(list)
                        .map_err(|e| ConfigError::plain(format!("invalid word list: {e}"))),
                    None => Ok(default.clone()),
                }
            };
        Ok(Words {
            vague: compile(&file.vague_words, &base.vague)?,
            vanity: compile(&file.vanity_words, &base.vanity)?,
            tactic: compile(&file.tactic_words, &base.tactic)?,
            activity: compile(&file.activity_words, &base.activity)?,
        })
    }
}

fn suggestion_help(catalog: &Catalog, got: &str) -> Option<String> {
    let s = catalog.suggestions(got);
    (!s.is_empty()).then(|| {
        format!(
            "did you mean {}?",
            s.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        )
    })
}

fn default_globset(globs: &[&str]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = Glob::new(g) {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

impl Settings {
    /// Settings with no config file, rooted at `root`.
    pub fn defaults(root: PathBuf) -> Self {
        Self::build(root, None, Catalog::builtin(), None)
            .unwrap_or_else(|_| unreachable!("defaults are valid"))
    }

    /// Default settings over a given catalog (e.g. with extra packs for `test-pack`).
    pub fn with_catalog(root: PathBuf, catalog: Catalog) -> Self {
        Self::build(root, None, catalog, None)
            .unwrap_or_else(|_| unreachable!("defaults are valid"))
    }

    /// Loads a config file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::plain(format!("cannot read config file {}: {e}", path.display()))
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
            src: Some(NamedSource::new(&name, text.clone())),
            span: e.span().map(SourceSpan::from),
            label: "here".into(),
            help: Some("see \"Configuration file\" in the README for every key".into()),
        })?;
        let mut catalog = catalog;
        let mut packs = Vec::new();
        for p in file.packs.iter().flatten() {
            let pack_path = root.join(p.get_ref());
            if !pack_path.is_file() {
                return Err(loader.error(
                    p.span(),
                    format!("rule pack `{}` does not exist", pack_path.display()),
                    "no such file",
                    Some("pack paths are relative to the config file's folder".into()),
                ));
            }
            catalog.add_pack(crate::packs::load_pack(&pack_path, &catalog)?);
            packs.push(pack_path);
        }
        let mut s = Self::build(root, Some((&loader, &file)), catalog, None)?;
        s.config_path = Some(path.to_path_buf());
        s.packs = packs;
        Ok(s)
    }

    fn build(
        root: PathBuf,
        file: Option<(&Loader<'_>, &ConfigFile)>,
        catalog: Catalog,
        _unused: Option<()>,
    ) -> Result<Self, ConfigError> {
        let mut include = default_globset(&[DEFAULT_INCLUDE]);
        let mut exclude = GlobSet::empty();
        let mut base_levels = RuleLevels::default();
        let mut limits = Limits::default();
        let mut words = Words::default();
        let mut overrides = Vec::new();
        if let Some((loader, f)) = file {
            if let Some(g) = &f.include {
                include = loader.globs(&root, g)?;
            }
            if let Some(g) = &f.exclude {
                exclude = loader.globs(&root, g)?;
            }
            if let Some(r) = &f.rules {
                base_levels = loader.levels(&catalog, r)?;
            }
            if let Some(l) = &f.limits {
                limits = loader.limits(&limits, l)?;
            }
            if let Some(w) = &f.words {
                words = loader.words(&words, w)?;
            }
            for o in f.overrides.iter().flatten() {
                let globs: Vec<Spanned<String>> = o
                    .files
                    .get_ref()
                    .iter()
                    .map(|g| Spanned::new(o.files.span(), g.clone()))
                    .collect();
                let rules = match &o.rules {
                    Some(r) => loader.levels(&catalog, r)?,
                    None => RuleLevels::default(),
                };
                if let Some(l) = &o.limits {
                    loader.limits(&limits, l)?; // validate now, apply per file
                }
                let words = match &o.words {
                    Some(w) => Some(Arc::new(loader.words(&words, w)?)),
                    None => None,
                };
                overrides.push(Override {
                    files: loader.globs(&root, &globs)?,
                    rules,
                    limits: o.limits.clone(),
                    words,
                });
            }
        }
        let mut severities = catalog.defaults();
        base_levels.apply(&mut severities);
        let base = Arc::new(FileSettings {
            severities,
            limits,
            words: Arc::new(words),
        });
        let cwd = std::env::current_dir().unwrap_or_default();
        let abs_root = crate::discover::clean(&cwd.join(&root));
        Ok(Settings {
            root,
            cwd,
            abs_root,
            config_path: None,
            include,
            exclude,
            packs: Vec::new(),
            catalog,
            base_levels,
            overrides,
            cli: None,
            base,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// Applies `--select`, `--ignore` and `--severity`. Unknown rules are an error (exit 2).
    pub fn apply_cli(&mut self, cli: &CliRules) -> Result<(), ConfigError> {
        let resolve = |sel: &str| -> Result<Vec<usize>, ConfigError> {
            let s = self.catalog.select(sel.trim());
            if s == Selection::Unknown {
                let mut e = ConfigError::plain(format!(
                    "unknown rule `{}` on the command line",
                    sel.trim()
                ));
                e.help = suggestion_help(&self.catalog, sel.trim());
                return Err(e);
            }
            Ok(s.indices().to_vec())
        };
        let select = match &cli.select {
            Some(list) => Some(
                list.iter()
                    .map(|s| resolve(s))
                    .collect::<Result<Vec<_>, _>>()?
                    .concat(),
            ),
            None => None,
        };
        let ignore = cli
            .ignore
            .iter()
            .map(|s| resolve(s))
            .collect::<Result<Vec<_>, _>>()?
            .concat();
        let mut severity = Vec::new();
        for (sel, level) in &cli.severity {
            for i in resolve(sel)? {
                severity.push((i, *level));
            }
        }
        self.cli = Some(CliLevels {
            select,
            ignore,
            severity,
        });
        let mut base = self.catalog.defaults();
        self.base_levels.apply(&mut base);
        self.apply_cli_levels(&mut base);
        self.base = Arc::new(FileSettings {
            severities: base,
            limits: self.base.limits.clone(),
            words: self.base.words.clone(),
        });
        self.cache.lock().map(|mut c| c.clear()).ok();
        Ok(())
    }

    fn apply_cli_levels(&self, severities: &mut [Option<Severity>]) {
        let Some(CliLevels {
            select,
            ignore,
            severity,
        }) = &self.cli
        else {
            return;
        };
        if let Some(select) = select {
            for (i, s) in severities.iter_mut().enumerate() {
                *s = if select.contains(&i) {
                    Some(s.unwrap_or(self.catalog.rules[i].meta.severity))
                } else {
                    None
                };
            }
        }
        for &i in ignore {
            severities[i] = None;
        }
        for &(i, level) in severity {
            severities[i] = level.severity();
        }
    }

    /// The settings for one file, `[[overrides]]` applied. `rel` is relative to [`Settings::root`].
    pub fn for_path(&self, rel: &Path) -> Arc<FileSettings> {
        if self.overrides.is_empty() {
            return self.base.clone();
        }
        let matched: Vec<bool> = self
            .overrides
            .iter()
            .map(|o| o.files.is_match(rel))
            .collect();
        if !matched.contains(&true) {
            return self.base.clone();
        }
        if let Some(hit) = self
            .cache
            .lock()
            .ok()
            .and_then(|c| c.get(&matched).cloned())
        {
            return hit;
        }
        let mut severities = self.catalog.defaults();
        self.base_levels.apply(&mut severities);
        let mut limits = self.base.limits.clone();
        let mut words = self.base.words.clone();
        for (o, _) in self.overrides.iter().zip(&matched).filter(|(_, m)| **m) {
            o.rules.apply(&mut severities);
            if let Some(l) = &o.limits {
                let loader = Loader { src: "", name: "" };
                if let Ok(new) = loader.limits(&limits, l) {
                    limits = new;
                }
            }
            if let Some(w) = &o.words {
                words = w.clone();
            }
        }
        self.apply_cli_levels(&mut severities);
        let fs = Arc::new(FileSettings {
            severities,
            limits,
            words,
        });
        if let Ok(mut c) = self.cache.lock() {
            c.insert(matched, fs.clone());
        }
        fs
    }

    pub fn base(&self) -> &Arc<FileSettings> {
        &self.base
    }

    /// Whether a rule is on anywhere in this run (for skipping cross-file work).
    pub fn rule_enabled(&self, code: &str) -> bool {
        self.catalog
            .lookup(code)
            .is_some_and(|i| self.base.severities[i].is_some())
            || !self.overrides.is_empty()
    }
}
