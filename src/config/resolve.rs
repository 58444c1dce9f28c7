//! Resolving settings per path: `[[overrides]]` layered over the base, cached per set of
//! matching entries, and word lists per language.

use crate::diagnostic::{Level, Severity};
use crate::discover::matches_path_or_parent;
use crate::rules::options::{Limits, Words};
use crate::words::WordList;
use globset::GlobSet;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use toml::Spanned;

use super::Settings;
use super::file::{LimitsFile, MinMax};

/// Severity settings from one layer, already resolved to rule indices, in file order.
/// Prefix entries apply before exact ones, so a code or name beats a prefix.
#[derive(Clone, Debug, Default)]
pub struct RuleLevels {
    pub(super) entries: Vec<(Vec<usize>, bool, Level)>,
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
pub(super) struct WordsOverride {
    pub(super) vague: Option<WordList>,
    pub(super) vanity: Option<WordList>,
    pub(super) tactic: Option<WordList>,
    pub(super) activity: Option<WordList>,
}

impl WordsOverride {
    pub(super) fn is_empty(&self) -> bool {
        self.vague.is_none()
            && self.vanity.is_none()
            && self.tactic.is_none()
            && self.activity.is_none()
    }

    /// Takes, list by list, the lists `later` gives.
    pub(super) fn merge(&mut self, later: &WordsOverride) {
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
    pub(super) fn apply(&self, words: &mut Words) {
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

pub(super) struct Override {
    pub(super) files: GlobSet,
    pub(super) rules: RuleLevels,
    /// Validated when loading, together with `[limits]` and every other entry (see
    /// `Loader::check_bounds` in `validate.rs`), so merging per file cannot give `min` > `max`.
    pub(super) limits: Option<LimitsFile>,
    pub(super) words: WordsOverride,
    /// `words = { bg = { ... } }`: lists for plans in that language.
    pub(super) lang_words: Vec<(String, WordsOverride)>,
}

/// The lists of `[words.<lang>]` tables as given, in order (a later table wins list by list),
/// and of `[words]` (for languages without built-in lists).
#[derive(Clone, Debug, Default)]
pub struct LangWords {
    pub(super) base: WordsOverride,
    pub(super) langs: Vec<(String, WordsOverride)>,
    /// Resolved lists per language, built on first use.
    pub(super) resolved: Arc<Mutex<HashMap<String, Arc<Words>>>>,
}

impl LangWords {
    /// The lists for `language`, list by list: `[words.<lang>]`, else `[words]` when the
    /// language is `en` or has no built-in lists, else the language's built-in list.
    pub(super) fn resolve(&self, language: &str, english: &Words) -> Words {
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

/// Merges `file` over `l`: each value it gives replaces the one before. Values are validated
/// when the config is loaded.
pub(super) fn merge_limits(l: &mut Limits, file: &LimitsFile) {
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

impl Settings {
    /// The settings for one file, `[[overrides]]` applied in order (an entry whose `files`
    /// match the path or one of its folders). `rel` is relative to the root ([`crate::discover::Scope::root`]).
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
}
