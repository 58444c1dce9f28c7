//! The options rules read: limits and word lists, resolved per file by [`crate::config`].

use crate::words::WordList;

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
        let list = WordList::from_static;
        Self {
            vague: list(lists.vague),
            vanity: list(lists.vanity),
            tactic: list(lists.tactic),
            activity: list(lists.activity),
        }
    }

    /// The built-in lists of a language, made once per process (each list compiles on its
    /// first search).
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
