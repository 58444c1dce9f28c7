//! `smplan.toml` → [`Settings`]: defaults, then the file, then the command line.

use crate::diagnostic::{Level, Severity};
use crate::rules::registry::{Catalog, Selection};
use crate::source::NamedText;
use crate::words::WordList;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use miette::SourceSpan;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use toml::Spanned;

pub const CONFIG_NAMES: &[&str] = &["smplan.toml", ".smplan.toml"];
pub const DEFAULT_INCLUDE: &str = "**/*.plan.toml";

/// A problem with the configuration (exit 2), pointing into the file when it can.
/// `span` is in offsets of the original text; everything is printed sanitised
/// ([`crate::sanitize`]): config and pack text arrive in pull requests too.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::sanitize::line(message))]
pub struct ConfigError {
    pub message: String,
    pub src: Option<NamedText>,
    pub span: Option<SourceSpan>,
    pub label: String,
    pub help: Option<String>,
}

impl miette::Diagnostic for ConfigError {
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(crate::sanitize::line(h)) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let (src, span) = (self.src.as_ref()?, self.span?);
        let span = src.span(span.offset(), span.offset() + span.len());
        let label = (!self.label.is_empty()).then(|| crate::sanitize::owned(&self.label));
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(label, span),
        )))
    }
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
    /// MS003: the most words a mission may have.
    pub max_mission_words: usize,
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
            max_mission_words: 25,
        }
    }
}

/// The English defaults (rules.md, "Word lists"); other languages: [`crate::word_lists`].
pub use crate::word_lists::{
    EN_ACTIVITY as ACTIVITY_WORDS, EN_TACTIC as TACTIC_WORDS, EN_VAGUE as VAGUE_WORDS,
    EN_VANITY as VANITY_WORDS,
};

/// The four word lists of `[words]`, compiled.
#[derive(Clone, Debug)]
pub struct Words {
    pub vague: WordList,
    pub vanity: WordList,
    pub tactic: WordList,
    pub activity: WordList,
}

impl Default for Words {
    /// The English defaults.
    fn default() -> Self {
        Words::builtin("en")
            .cloned()
            .unwrap_or_else(|| unreachable!("English lists are built in"))
    }
}

impl Words {
    fn compile(lists: &crate::word_lists::Lists) -> Self {
        let list = |w: &[&str]| WordList::new(w);
        Self {
            vague: list(lists.vague),
            vanity: list(lists.vanity),
            tactic: list(lists.tactic),
            activity: list(lists.activity),
        }
    }

    /// The built-in lists of a language, compiled once per process on first use.
    pub fn builtin(language: &str) -> Option<&'static Words> {
        static EN: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
        static BG: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
        let cell = match language {
            "en" => &EN,
            "bg" => &BG,
            _ => return None,
        };
        let lists = crate::word_lists::builtin(language)?;
        Some(cell.get_or_init(|| Words::compile(lists)))
    }

    /// No words at all: a language without built-in lists and no configured ones.
    pub fn none() -> Self {
        let empty = || WordList::new::<&str>(&[]);
        Self {
            vague: empty(),
            vanity: empty(),
            tactic: empty(),
            activity: empty(),
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
    rules: Option<RuleEntries>,
    limits: Option<LimitsFile>,
    words: Option<WordsFile>,
    overrides: Option<Vec<Spanned<OverrideFile>>>,
    /// The baseline file (fixes.md), relative to the config file.
    baseline: Option<Spanned<String>>,
    core_goals: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A `[rules]` table (or an override's `rules`) in file order: a map type would sort the keys.
#[derive(Default)]
struct RuleEntries(Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for RuleEntries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = RuleEntries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a table of rule = severity")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RuleEntries, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<Spanned<String>, Spanned<String>>()? {
                    out.push(entry);
                }
                Ok(RuleEntries(out))
            }
        }
        d.deserialize_map(Entries)
    }
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
    max_mission_words: Option<Spanned<usize>>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct MinMax {
    min: Option<Spanned<usize>>,
    max: Option<Spanned<usize>>,
}

type WordsEntry = Option<Spanned<Vec<Spanned<String>>>>;

/// `[words]`: the four lists, and `[words.<lang>]` tables with the same four lists.
#[derive(Default)]
struct WordsFile {
    vague_words: WordsEntry,
    vanity_words: WordsEntry,
    tactic_words: WordsEntry,
    activity_words: WordsEntry,
    langs: Vec<(Spanned<String>, LangWordsFile)>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LangWordsFile {
    vague_words: WordsEntry,
    vanity_words: WordsEntry,
    tactic_words: WordsEntry,
    activity_words: WordsEntry,
}

const WORD_LIST_KEYS: &[&str] = &[
    "vague_words",
    "vanity_words",
    "tactic_words",
    "activity_words",
];

impl<'de> Deserialize<'de> for WordsFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Tables;
        impl<'de> serde::de::Visitor<'de> for Tables {
            type Value = WordsFile;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("word lists, or a table of word lists per language")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<WordsFile, A::Error> {
                let mut out = WordsFile::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.get_ref().as_str() {
                        "vague_words" => out.vague_words = map.next_value()?,
                        "vanity_words" => out.vanity_words = map.next_value()?,
                        "tactic_words" => out.tactic_words = map.next_value()?,
                        "activity_words" => out.activity_words = map.next_value()?,
                        lang if crate::model::is_language_tag(lang) => {
                            let lists: LangWordsFile = map.next_value()?;
                            out.langs.push((key, lists));
                        }
                        other => {
                            return Err(serde::de::Error::custom(format!(
                                "unknown field `{other}`, expected one of {} or a lowercase \
                                 language tag such as `bg` for `[words.bg]`",
                                WORD_LIST_KEYS
                                    .iter()
                                    .map(|k| format!("`{k}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )));
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(Tables)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    files: Spanned<Vec<Spanned<String>>>,
    rules: Option<RuleEntries>,
    limits: Option<LimitsFile>,
    words: Option<WordsFile>,
}

// ---- resolved settings ----

/// Severity settings from one layer, already resolved to rule indices, in file order.
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

/// One `[[overrides]]` entry's word lists, compiled once; `None` keeps the list from before.
#[derive(Default, Clone, Debug)]
struct WordsOverride {
    vague: Option<WordList>,
    vanity: Option<WordList>,
    tactic: Option<WordList>,
    activity: Option<WordList>,
}

impl WordsOverride {
    fn is_empty(&self) -> bool {
        self.vague.is_none()
            && self.vanity.is_none()
            && self.tactic.is_none()
            && self.activity.is_none()
    }

    /// Takes, list by list, the lists `later` gives.
    fn merge(&mut self, later: &WordsOverride) {
        let take = |to: &mut Option<WordList>, from: &Option<WordList>| {
            if from.is_some() {
                to.clone_from(from);
            }
        };
        take(&mut self.vague, &later.vague);
        take(&mut self.vanity, &later.vanity);
        take(&mut self.tactic, &later.tactic);
        take(&mut self.activity, &later.activity);
    }

    /// Replaces, list by list, the lists this entry gives.
    fn apply(&self, words: &mut Words) {
        let set = |to: &mut WordList, from: &Option<WordList>| {
            if let Some(list) = from {
                *to = list.clone();
            }
        };
        set(&mut words.vague, &self.vague);
        set(&mut words.vanity, &self.vanity);
        set(&mut words.tactic, &self.tactic);
        set(&mut words.activity, &self.activity);
    }
}

struct Override {
    files: GlobSet,
    rules: RuleLevels,
    /// Validated when loading, together with `[limits]` and every other entry (see
    /// [`Loader::check_bounds`]), so merging per file cannot give `min` > `max`.
    limits: Option<LimitsFile>,
    words: WordsOverride,
    /// `words = { bg = { ... } }`: lists for plans in that language.
    lang_words: Vec<(String, WordsOverride)>,
}

/// The lists of `[words.<lang>]` tables as given, in order (a later table wins list by list),
/// and of `[words]` (for languages without built-in lists).
#[derive(Clone, Debug, Default)]
pub struct LangWords {
    base: WordsOverride,
    langs: Vec<(String, WordsOverride)>,
    /// Resolved lists per language, built on first use.
    resolved: Arc<Mutex<HashMap<String, Arc<Words>>>>,
}

impl LangWords {
    /// The lists for `language`, list by list: `[words.<lang>]`, else `[words]` when the
    /// language is `en` or has no built-in lists, else the language's built-in list.
    fn resolve(&self, language: &str, english: &Words) -> Words {
        let mut w = if language == "en" {
            english.clone()
        } else if let Some(b) = Words::builtin(language) {
            b.clone()
        } else {
            let mut w = Words::none();
            self.base.apply(&mut w);
            w
        };
        for (_, lists) in self.langs.iter().filter(|(l, _)| l == language) {
            lists.apply(&mut w);
        }
        w
    }
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
    /// The lists for English plans: the defaults with `[words]` applied.
    pub words: Arc<Words>,
    /// What other languages need (see [`FileSettings::words_for`]).
    pub lang_words: LangWords,
}

impl FileSettings {
    /// The word lists for a plan written in `language` (rules.md, "Word lists").
    pub fn words_for(&self, language: &str) -> Arc<Words> {
        if language == "en" && !self.lang_words.langs.iter().any(|(l, _)| l == "en") {
            return self.words.clone();
        }
        if let Ok(cache) = self.lang_words.resolved.lock()
            && let Some(w) = cache.get(language)
        {
            return w.clone();
        }
        let w = Arc::new(self.lang_words.resolve(language, &self.words));
        if let Ok(mut cache) = self.lang_words.resolved.lock() {
            cache.insert(language.to_string(), w.clone());
        }
        w
    }
}

/// Everything a run needs to know: the catalog, globs, severities, limits and word lists.
pub struct Settings {
    /// The folder globs are relative to: the config file's, else the working directory.
    pub root: PathBuf,
    /// The working directory and the absolute root, read once for [`Settings::relative`].
    pub(crate) cwd: PathBuf,
    pub(crate) abs_root: PathBuf,
    pub config_path: Option<PathBuf>,
    /// Compiled by [`compile_glob`]: match a path relative to [`Settings::root`] with `is_match`.
    pub include: GlobSet,
    /// Compiled by [`compile_glob`]: match with [`matches_path_or_parent`], so a folder
    /// excludes everything below it.
    pub exclude: GlobSet,
    pub packs: Vec<PathBuf>,
    /// `baseline = "..."`, joined to the config file's folder.
    pub baseline: Option<PathBuf>,
    pub catalog: Catalog,
    /// The core business goals KPIs serve (`core_goals`; default Sterne's three).
    pub core_goals: Vec<String>,
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

fn unsilenceable_help(code: &str) -> String {
    format!(
        "remove this entry: {code} reports a plan nothing else could check (invalid TOML or an \
         unreadable file), so it is always an error; an area prefix such as `PL` passes over it"
    )
}

/// Why a config file or pack could not be read, in words for an exit-2 message.
pub fn config_read_reason(e: &crate::source::ReadError) -> String {
    use crate::source::ReadError;
    match e {
        ReadError::TooLarge { size, limit } => {
            format!("it is {size} bytes, over the limit of {limit} bytes")
        }
        ReadError::OverLimit { limit } => format!("it is over the limit of {limit} bytes"),
        ReadError::NotRegular(kind) => format!("it is {kind}, not a regular file"),
        ReadError::NotUtf8(at) => format!("it is not valid UTF-8 (invalid byte at offset {at})"),
        ReadError::Io(reason) => reason.clone(),
    }
}

/// Whether `path` resolves (after symlinks) to somewhere inside the folder `root`.
fn inside(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// Finds `smplan.toml` or `.smplan.toml` in `dir` or its ancestors.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
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

/// Whether `rel` or one of its parent folders matches `set`: `plans/archive` in `exclude` or in
/// an override's `files` covers everything below it, as a folder in `.gitignore` does.
pub fn matches_path_or_parent(set: &GlobSet, rel: &Path) -> bool {
    set.is_match(rel)
        || rel
            .ancestors()
            .skip(1)
            .any(|a| !a.as_os_str().is_empty() && set.is_match(a))
}

/// Merges `file` over `l`: each value it gives replaces the one before. Values are validated
/// when the config is loaded.
fn merge_limits(l: &mut Limits, file: &LimitsFile) {
    let pair = |mm: &Option<Spanned<MinMax>>, min: &mut usize, max: &mut usize| {
        if let Some(mm) = mm {
            if let Some(v) = &mm.get_ref().min {
                *min = *v.get_ref();
            }
            if let Some(v) = &mm.get_ref().max {
                *max = *v.get_ref();
            }
        }
    };
    pair(&file.kpis_per_goal, &mut l.kpis_min, &mut l.kpis_max);
    pair(
        &file.metrics_per_tactic,
        &mut l.metrics_min,
        &mut l.metrics_max,
    );
    if let Some(v) = file
        .candidates_per_tactic
        .as_ref()
        .and_then(|mm| mm.get_ref().min.as_ref())
    {
        l.candidates_min = *v.get_ref();
    }
    if let Some(y) = &file.max_horizon_years {
        l.max_horizon_years = *y.get_ref();
    }
    if let Some(r) = &file.max_target_ratio {
        l.max_target_ratio = *r.get_ref();
    }
    if let Some(b) = &file.max_file_bytes {
        l.max_file_bytes = *b.get_ref();
    }
    if let Some(w) = &file.max_mission_words {
        l.max_mission_words = *w.get_ref();
    }
}

/// One layer of limits for [`Loader::check_bounds`]: a table and how messages name it.
#[derive(Clone)]
struct Layer<'a> {
    file: &'a LimitsFile,
    what: String,
    is_override: bool,
}

/// A count bound as layers leave it: its value and, unless it is the default, the layer that
/// set it last and the span of that value.
struct BoundAt {
    value: usize,
    set: Option<(usize, std::ops::Range<usize>)>,
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
            src: Some(NamedText::new(self.name, self.src.to_string())),
            span: Some(SourceSpan::from(span)),
            label: label.to_string(),
            help,
        }
    }

    fn line(&self, at: usize) -> usize {
        self.src
            .get(..at)
            .map_or(1, |before| before.matches('\n').count() + 1)
    }

    /// Resolves a `[rules]` table. Two exact entries (code or name) for one rule with different
    /// levels are an error at the second: file order must not silently decide.
    fn levels(&self, catalog: &Catalog, entries: &RuleEntries) -> Result<RuleLevels, ConfigError> {
        let mut out = RuleLevels::default();
        let mut exact: HashMap<usize, (&str, &str, Level)> = HashMap::new();
        for (key, value) in &entries.0 {
            let Some(level) = Level::parse(value.get_ref()) else {
                return Err(self.error(
                    value.span(),
                    format!("`{}` is not a severity", value.get_ref()),
                    "unknown severity",
                    Some("use one of `error`, `warning`, `info`, `off`".into()),
                ));
            };
            let selection = catalog.select(key.get_ref());
            if let Selection::Exact(i) = selection
                && level != Level::Error
                && let Some(code) = crate::settle::UNSILENCEABLE
                    .iter()
                    .find(|c| **c == catalog.rules[i].meta.code)
            {
                return Err(self.error(
                    key.span(),
                    format!("rule {code} cannot be turned off or lowered"),
                    "always an error",
                    Some(unsilenceable_help(code)),
                ));
            }
            if selection == Selection::Unknown {
                return Err(self.error(
                    key.span(),
                    format!("unknown rule `{}`", key.get_ref()),
                    "no rule has this code, name or prefix",
                    suggestion_help(catalog, key.get_ref()),
                ));
            }
            if let Selection::Exact(i) = selection {
                match exact.get(&i) {
                    Some(&(first, first_value, first_level)) if first_level != level => {
                        return Err(self.error(
                            key.span(),
                            format!(
                                "`{}` and `{first}` both set rule {}",
                                key.get_ref(),
                                catalog.rules[i].meta.code
                            ),
                            &format!("`{first}` already set it to `{first_value}`"),
                            Some(format!(
                                "keep one of the two entries: they give `{first_value}` and `{}`",
                                value.get_ref()
                            )),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        exact.insert(i, (key.get_ref(), value.get_ref(), level));
                    }
                }
            }
            let is_exact = matches!(selection, Selection::Exact(_));
            out.entries
                .push((selection.indices().to_vec(), is_exact, level));
        }
        Ok(out)
    }

    fn globs(&self, globs: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
        let mut b = GlobSetBuilder::new();
        for g in globs {
            let glob = compile_glob(g.get_ref()).map_err(|e| {
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

    /// Checks the values of one limits table on their own (not against each other's layers).
    fn check_limits(&self, file: &LimitsFile) -> Result<(), ConfigError> {
        if let Some(mm) = &file.candidates_per_tactic
            && let Some(max) = &mm.get_ref().max
        {
            return Err(self.error(
                max.span(),
                "`candidates_per_tactic` takes only `min`".into(),
                "no `max` here",
                Some("remove `max`: the brainstorm may be as long as you like".into()),
            ));
        }
        if let Some(y) = &file.max_horizon_years
            && *y.get_ref() == 0
        {
            return Err(self.error(
                y.span(),
                "`max_horizon_years` must be at least 1".into(),
                "zero",
                Some(
                    "write the longest horizon a plan may have, in years: `max_horizon_years = 5`"
                        .into(),
                ),
            ));
        }
        if let Some(w) = &file.max_mission_words
            && *w.get_ref() == 0
        {
            return Err(self.error(
                w.span(),
                "`max_mission_words` must be at least 1".into(),
                "zero",
                Some("write the most words a mission may have: `max_mission_words = 25`".into()),
            ));
        }
        if let Some(b) = &file.max_file_bytes
            && *b.get_ref() > crate::source::MAX_FILE_BYTES_CAP
        {
            return Err(self.error(
                b.span(),
                format!(
                    "`max_file_bytes` must be at most {} (1 GiB)",
                    crate::source::MAX_FILE_BYTES_CAP
                ),
                "out of range",
                Some(
                    "write the largest plan size to read, in bytes: `max_file_bytes = 4194304`"
                        .into(),
                ),
            ));
        }
        if let Some(r) = &file.max_target_ratio
            && !(r.get_ref().is_finite() && *r.get_ref() >= 1.0)
        {
            return Err(self.error(
                r.span(),
                "`max_target_ratio` must be a finite number of at least 1".into(),
                "invalid ratio",
                Some(
                    "write how many times the baseline a target may be: `max_target_ratio = 5.0`"
                        .into(),
                ),
            ));
        }
        Ok(())
    }

    /// Checks that `min` ≤ `max` for the count limits once `layers` are merged in order over the
    /// defaults. The error points at the bound set last, the one that broke the pair.
    fn check_bounds(&self, layers: &[Layer<'_>]) -> Result<(), ConfigError> {
        type Get = fn(&LimitsFile) -> Option<&Spanned<MinMax>>;
        let d = Limits::default();
        let pairs: [(&str, Get, usize, usize); 2] = [
            (
                "kpis_per_goal",
                |f| f.kpis_per_goal.as_ref(),
                d.kpis_min,
                d.kpis_max,
            ),
            (
                "metrics_per_tactic",
                |f| f.metrics_per_tactic.as_ref(),
                d.metrics_min,
                d.metrics_max,
            ),
        ];
        for (key, get, default_min, default_max) in pairs {
            let mut min = BoundAt {
                value: default_min,
                set: None,
            };
            let mut max = BoundAt {
                value: default_max,
                set: None,
            };
            for (li, layer) in layers.iter().enumerate() {
                let Some(mm) = get(layer.file) else { continue };
                if let Some(v) = &mm.get_ref().min {
                    min = BoundAt {
                        value: *v.get_ref(),
                        set: Some((li, v.span())),
                    };
                }
                if let Some(v) = &mm.get_ref().max {
                    max = BoundAt {
                        value: *v.get_ref(),
                        set: Some((li, v.span())),
                    };
                }
            }
            if min.value <= max.value {
                continue;
            }
            let layer_of = |b: &BoundAt| b.set.as_ref().map(|(l, _)| *l);
            // The bound set last is the one to change (the later layer wins the merge).
            let min_is_later = layer_of(&min) >= layer_of(&max);
            let (later, earlier) = if min_is_later {
                (&min, &max)
            } else {
                (&max, &min)
            };
            let Some((later_layer, span)) = later.set.clone() else {
                continue; // both defaults: cannot happen, the defaults are consistent
            };
            let from = match layer_of(earlier) {
                None => "(the default)".to_string(),
                Some(l) if l == later_layer => "(in the same table)".to_string(),
                Some(l) => match layers.get(l) {
                    Some(layer) if layer.is_override => {
                        format!("(from {}, for a file both entries match)", layer.what)
                    }
                    Some(layer) => format!("(from {})", layer.what),
                    None => String::new(),
                },
            };
            let both_overrides = layer_of(earlier).is_some_and(|l| {
                l != later_layer
                    && layers.get(l).is_some_and(|e| e.is_override)
                    && layers.get(later_layer).is_some_and(|e| e.is_override)
            });
            let (m, big_m) = (min.value, max.value);
            let (message, label) = if min_is_later {
                (
                    format!("`{key}.min` = {m} is more than `{key}.max` = {big_m} {from}"),
                    format!("more than the maximum of {big_m}"),
                )
            } else {
                (
                    format!("`{key}.max` = {big_m} is less than `{key}.min` = {m} {from}"),
                    format!("less than the minimum of {m}"),
                )
            };
            let later_value = later.value;
            let help = if both_overrides {
                format!(
                    "give this entry both bounds, e.g. `{key} = {{ min = {later_value}, max = \
                     {later_value} }}`, so a file matched by both entries never mixes them"
                )
            } else if min_is_later {
                format!(
                    "raise `max` as well, e.g. `{key} = {{ min = {m}, max = {m} }}`, or make \
                     `min` at most {big_m}"
                )
            } else {
                format!(
                    "lower `min` as well, e.g. `{key} = {{ min = {big_m}, max = {big_m} }}`, or \
                     make `max` at least {m}"
                )
            };
            return Err(self.error(span, message, &label, Some(help)));
        }
        Ok(())
    }

    fn word_list(
        &self,
        key: &str,
        given: &Option<Spanned<Vec<Spanned<String>>>>,
    ) -> Result<Option<WordList>, ConfigError> {
        let Some(given) = given else { return Ok(None) };
        for w in given.get_ref() {
            if w.get_ref().trim().is_empty() {
                return Err(self.error(
                    w.span(),
                    format!("`{key}` has a blank entry"),
                    "blank entry",
                    Some(
                        "remove it: each entry is a word or phrase to look for (an empty list \
                         `[]` matches nothing)"
                            .into(),
                    ),
                ));
            }
        }
        let words: Vec<&str> = given
            .get_ref()
            .iter()
            .map(|w| w.get_ref().as_str())
            .collect();
        Ok(Some(WordList::new(&words)))
    }

    /// `core_goals`: 1–7 distinct kebab-case entries.
    fn core_goals(
        &self,
        given: &Spanned<Vec<Spanned<String>>>,
    ) -> Result<Vec<String>, ConfigError> {
        let list = given.get_ref();
        if list.is_empty() || list.len() > crate::core_goals::MAX {
            return Err(self.error(
                given.span(),
                format!(
                    "`core_goals` has {} entries; it takes 1 to {}",
                    list.len(),
                    crate::core_goals::MAX
                ),
                "this list",
                Some(
                    "name the few goals every KPI must serve, e.g. `core_goals = [\"increase-donations\", \"reduce-costs\", \"advance-mission\"]`"
                        .into(),
                ),
            ));
        }
        let mut out: Vec<String> = Vec::new();
        for entry in list {
            let v = entry.get_ref();
            if !crate::core_goals::is_kebab(v) {
                return Err(self.error(
                    entry.span(),
                    format!("core goal `{}` is not kebab-case", v.escape_debug()),
                    "not kebab-case",
                    Some(format!(
                        "write lowercase words joined by hyphens, e.g. `{}`",
                        crate::core_goals::kebab(v)
                    )),
                ));
            }
            if out.contains(v) {
                return Err(self.error(
                    entry.span(),
                    format!("core goal `{v}` is listed twice"),
                    "listed before",
                    Some("remove one of the two entries".into()),
                ));
            }
            out.push(v.clone());
        }
        Ok(out)
    }

    fn words(&self, file: &WordsFile) -> Result<WordsOverride, ConfigError> {
        Ok(WordsOverride {
            vague: self.word_list("vague_words", &file.vague_words)?,
            vanity: self.word_list("vanity_words", &file.vanity_words)?,
            tactic: self.word_list("tactic_words", &file.tactic_words)?,
            activity: self.word_list("activity_words", &file.activity_words)?,
        })
    }

    /// The `[words.<lang>]` tables of a `[words]` table.
    fn lang_words(&self, file: &WordsFile) -> Result<Vec<(String, WordsOverride)>, ConfigError> {
        let mut out = Vec::new();
        for (lang, lists) in &file.langs {
            let l = lang.get_ref();
            let key = |k: &str| format!("words.{l}.{k}");
            out.push((
                l.clone(),
                WordsOverride {
                    vague: self.word_list(&key("vague_words"), &lists.vague_words)?,
                    vanity: self.word_list(&key("vanity_words"), &lists.vanity_words)?,
                    tactic: self.word_list(&key("tactic_words"), &lists.tactic_words)?,
                    activity: self.word_list(&key("activity_words"), &lists.activity_words)?,
                },
            ));
        }
        Ok(out)
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
        if let Ok(glob) = compile_glob(g) {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

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

    /// Loads a config file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = crate::source::read_text(path, crate::source::CONFIG_BYTES).map_err(|e| {
            ConfigError::plain(format!(
                "cannot read config file `{}`: {}",
                path.display(),
                config_read_reason(&e)
            ))
        })?;
        Self::load_text(path, text)
    }

    /// Loads a config file from `text` (the language server's unsaved buffer of `path`).
    pub fn load_text(path: &Path, text: String) -> Result<Self, ConfigError> {
        if text.len() as u64 > crate::source::CONFIG_BYTES {
            return Err(ConfigError::plain(format!(
                "cannot read config file `{}`: it is over the limit of {} bytes",
                path.display(),
                crate::source::CONFIG_BYTES
            )));
        }
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
            // Not `is_file`: a FIFO or device exists, and the reader says what it is.
            if !pack_path.exists() {
                return Err(loader.error(
                    p.span(),
                    format!("rule pack `{}` does not exist", pack_path.display()),
                    "no such file",
                    Some("pack paths are relative to the config file's folder".into()),
                ));
            }
            // A pack from a pull request must not make smplan print `/proc/self/environ` or
            // `/etc/passwd` into a CI log: it stays inside the config's folder, links resolved.
            if !inside(&root, &pack_path) {
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
            catalog.add_pack(crate::packs::load_pack(&pack_path, &catalog)?);
            packs.push(pack_path);
        }
        let mut s = Self::build(root, Some((&loader, &file)), catalog)?;
        s.config_path = Some(path.to_path_buf());
        s.packs = packs;
        s.baseline = file.baseline.as_ref().map(|b| s.root.join(b.get_ref()));
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
        let mut core_goals = crate::core_goals::defaults();
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

    /// Applies `--select`, `--ignore` and `--severity`. Unknown rules are an error (exit 2).
    /// Empty items (`--select SM,`) are ignored; a `--select` with nothing but empty items
    /// (`--select ''`) restricts nothing, as if it were not given.
    pub fn apply_cli(&mut self, cli: &CliRules) -> Result<(), ConfigError> {
        let resolve = |sel: &str| -> Result<Vec<usize>, ConfigError> {
            let s = self.catalog.select(sel);
            if s == Selection::Unknown {
                let mut e = ConfigError::plain(format!("unknown rule `{sel}` on the command line"));
                e.help = suggestion_help(&self.catalog, sel);
                return Err(e);
            }
            Ok(s.indices().to_vec())
        };
        let given = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let select = match cli.select.as_deref().map(given) {
            Some(list) if !list.is_empty() => Some(
                list.iter()
                    .map(|s| resolve(s))
                    .collect::<Result<Vec<_>, _>>()?
                    .concat(),
            ),
            _ => None,
        };
        // Naming PL001/PL002 to silence them is an error; a prefix (`PL`) passes over them.
        let refuse = |sel: &str, flag: &str| -> Result<(), ConfigError> {
            if let Selection::Exact(i) = self.catalog.select(sel)
                && let Some(code) = crate::settle::UNSILENCEABLE
                    .iter()
                    .find(|c| **c == self.catalog.rules[i].meta.code)
            {
                let mut e = ConfigError::plain(format!(
                    "rule {code} cannot be turned off or lowered (`{flag}`)"
                ));
                e.help = Some(unsilenceable_help(code).replacen("remove this entry", "drop it", 1));
                return Err(e);
            }
            Ok(())
        };
        for sel in given(&cli.ignore) {
            refuse(&sel, &format!("--ignore {sel}"))?;
        }
        for (sel, level) in &cli.severity {
            if *level != Level::Error {
                refuse(sel.trim(), &format!("--severity {}", sel.trim()))?;
            }
        }
        let ignore = given(&cli.ignore)
            .iter()
            .map(|s| resolve(s))
            .collect::<Result<Vec<_>, _>>()?
            .concat();
        let mut severity = Vec::new();
        for (sel, level) in &cli.severity {
            if sel.trim().is_empty() {
                let mut e = ConfigError::plain("`--severity` names no rule before `=`");
                e.help = Some("write `--severity CODE=LEVEL`, e.g. `--severity SM003=info`".into());
                return Err(e);
            }
            for i in resolve(sel.trim())? {
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
            lang_words: self.base.lang_words.clone(),
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

    /// The settings for one file, `[[overrides]]` applied in order (an entry whose `files`
    /// match the path or one of its folders). `rel` is relative to [`Settings::root`].
    pub fn for_path(&self, rel: &Path) -> Arc<FileSettings> {
        if self.overrides.is_empty() {
            return self.base.clone();
        }
        let matched: Vec<bool> = self
            .overrides
            .iter()
            .map(|o| matches_path_or_parent(&o.files, rel))
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
        let mut words: Option<Words> = None;
        let mut lang_words = LangWords {
            resolved: Arc::default(),
            ..self.base.lang_words.clone()
        };
        for (o, _) in self.overrides.iter().zip(&matched).filter(|(_, m)| **m) {
            lang_words.base.merge(&o.words);
            lang_words.langs.extend(o.lang_words.iter().cloned());
            o.rules.apply(&mut severities);
            if let Some(l) = &o.limits {
                merge_limits(&mut limits, l);
            }
            if !o.words.is_empty() {
                o.words
                    .apply(words.get_or_insert_with(|| (*self.base.words).clone()));
            }
        }
        self.apply_cli_levels(&mut severities);
        let fs = Arc::new(FileSettings {
            severities,
            limits,
            words: words.map_or_else(|| self.base.words.clone(), Arc::new),
            lang_words,
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
