//! Validating the file's values with spans: severities, rule names, globs, limits, word lists
//! and core goals. Every problem is a [`ConfigError`] pointing into the file.

use crate::catalog::{Catalog, Selection};
use crate::diagnostic::Level;
use crate::discover::compile_glob;
use crate::error::ConfigError;
use crate::source::NamedText;
use crate::words::WordList;
use globset::{GlobSet, GlobSetBuilder};
use miette::SourceSpan;
use std::collections::HashMap;
use toml::Spanned;

use super::file::{LimitsFile, RuleEntries, WordsFile};
use super::resolve::{RuleLevels, WordsOverride};

pub(super) fn unsilenceable_help(code: &str) -> String {
    format!(
        "remove this entry: {code} reports a plan nothing else could check (invalid TOML or an \
         unreadable file), so it is always an error; an area prefix such as `PL` passes over it"
    )
}

pub(super) struct Loader<'a> {
    pub(super) src: &'a str,
    pub(super) name: &'a str,
}

impl Loader<'_> {
    pub(super) fn error(
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

    pub(super) fn line(&self, at: usize) -> usize {
        self.src
            .get(..at)
            .map_or(1, |before| before.matches('\n').count() + 1)
    }

    /// Resolves a `[rules]` table. Two exact entries (code or name) for one rule with different
    /// levels are an error at the second: file order must not silently decide.
    pub(super) fn levels(
        &self,
        catalog: &Catalog,
        entries: &RuleEntries,
    ) -> Result<RuleLevels, ConfigError> {
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
                && let Some(code) = crate::rules::UNSILENCEABLE
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

    pub(super) fn globs(&self, globs: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
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
    pub(super) fn check_limits(&self, file: &LimitsFile) -> Result<(), ConfigError> {
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

    pub(super) fn word_list(
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
    pub(super) fn core_goals(
        &self,
        given: &Spanned<Vec<Spanned<String>>>,
    ) -> Result<Vec<String>, ConfigError> {
        let list = given.get_ref();
        if list.is_empty() || list.len() > crate::rules::core_goals::MAX {
            return Err(self.error(
                given.span(),
                format!(
                    "`core_goals` has {} entries; it takes 1 to {}",
                    list.len(),
                    crate::rules::core_goals::MAX
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
            if !crate::rules::core_goals::is_kebab(v) {
                return Err(self.error(
                    entry.span(),
                    format!("core goal `{}` is not kebab-case", v.escape_debug()),
                    "not kebab-case",
                    Some(format!(
                        "write lowercase words joined by hyphens, e.g. `{}`",
                        crate::rules::core_goals::kebab(v)
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

    pub(super) fn words(&self, file: &WordsFile) -> Result<WordsOverride, ConfigError> {
        Ok(WordsOverride {
            vague: self.word_list("vague_words", &file.vague_words)?,
            vanity: self.word_list("vanity_words", &file.vanity_words)?,
            tactic: self.word_list("tactic_words", &file.tactic_words)?,
            activity: self.word_list("activity_words", &file.activity_words)?,
        })
    }

    /// The `[words.<lang>]` tables of a `[words]` table.
    pub(super) fn lang_words(
        &self,
        file: &WordsFile,
    ) -> Result<Vec<(String, WordsOverride)>, ConfigError> {
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

pub(super) fn suggestion_help(catalog: &Catalog, got: &str) -> Option<String> {
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
