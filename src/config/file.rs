//! The config file as written: serde shapes with spans, unknown keys refused.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    pub(super) include: Option<Vec<Spanned<String>>>,
    pub(super) exclude: Option<Vec<Spanned<String>>>,
    pub(super) packs: Option<Vec<Spanned<String>>>,
    pub(super) rules: Option<RuleEntries>,
    pub(super) limits: Option<LimitsFile>,
    pub(super) words: Option<WordsFile>,
    pub(super) overrides: Option<Vec<Spanned<OverrideFile>>>,
    /// The baseline file (fixes.md), relative to the config file.
    pub(super) baseline: Option<Spanned<String>>,
    pub(super) core_goals: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A `[rules]` table (or an override's `rules`) in file order: a map type would sort the keys.
#[derive(Default)]
pub(super) struct RuleEntries(pub(super) Vec<(Spanned<String>, Spanned<String>)>);

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
pub(super) struct LimitsFile {
    pub(super) kpis_per_goal: Option<Spanned<MinMax>>,
    pub(super) metrics_per_tactic: Option<Spanned<MinMax>>,
    pub(super) candidates_per_tactic: Option<Spanned<MinMax>>,
    pub(super) max_horizon_years: Option<Spanned<u32>>,
    pub(super) max_target_ratio: Option<Spanned<f64>>,
    pub(super) max_file_bytes: Option<Spanned<u64>>,
    pub(super) max_mission_words: Option<Spanned<usize>>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct MinMax {
    pub(super) min: Option<Spanned<usize>>,
    pub(super) max: Option<Spanned<usize>>,
}

type WordsEntry = Option<Spanned<Vec<Spanned<String>>>>;

/// `[words]`: the four lists, and `[words.<lang>]` tables with the same four lists.
#[derive(Default)]
pub(super) struct WordsFile {
    pub(super) vague_words: WordsEntry,
    pub(super) vanity_words: WordsEntry,
    pub(super) tactic_words: WordsEntry,
    pub(super) activity_words: WordsEntry,
    pub(super) langs: Vec<(Spanned<String>, LangWordsFile)>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct LangWordsFile {
    pub(super) vague_words: WordsEntry,
    pub(super) vanity_words: WordsEntry,
    pub(super) tactic_words: WordsEntry,
    pub(super) activity_words: WordsEntry,
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
pub(super) struct OverrideFile {
    pub(super) files: Spanned<Vec<Spanned<String>>>,
    pub(super) rules: Option<RuleEntries>,
    pub(super) limits: Option<LimitsFile>,
    pub(super) words: Option<WordsFile>,
}
