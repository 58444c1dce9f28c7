//! Whole-word, case-insensitive matching of word lists (rules.md, "Word lists").
//!
//! A small matcher of its own rather than one regex per list: building those regexes took
//! milliseconds per list, more than linting a plan, while this builds in microseconds. It
//! matches what the regex `(?i)` alternation of the entries (longest first) matched; a test
//! compares the two on generated text.

use crate::source::Span;
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A compiled word list.
#[derive(Clone, Debug)]
pub struct WordList {
    /// The entries, longest first.
    words: Vec<String>,
    /// The entries in the order they are tried at a position: phrases, then words ending in
    /// `*` (a stem's match runs to the end of its word, so it is the longest at its start),
    /// then plain words; each group longest first.
    entries: Vec<(u32, u32)>,
    /// The steps of every entry, one after the other (`entries` holds each one's range).
    units: Vec<Unit>,
    /// For every character an entry can start with, the entries (indices into `entries`, in
    /// order) whose first character matches it: `ascii` by byte, the rest sorted by character
    /// for a binary search. Looked up at every word start, so kept flat.
    ascii: Box<[Box<[u32]>; 128]>,
    starts: Vec<(char, Box<[u32]>)>,
}

/// One step of an entry.
#[derive(Clone, Debug)]
enum Unit {
    /// One character, compared under Unicode simple case folding: the characters it matches
    /// (inline, repeated to fill the array: looked up at every word start).
    Char([char; 4]),
    /// The same for a character with more than four case variants.
    Chars(Box<[char]>),
    /// Whitespace between the words of a phrase: one or more whitespace characters.
    Space,
    /// What a `*` matches: the rest of the word (letters, digits, marks), compared exactly.
    Rest,
}

/// The characters `c` matches case-insensitively, as the regex crate's `(?i)` does (Unicode
/// simple case folding: `k` also matches the Kelvin sign, `σ` also `ς` and `Σ`).
fn case_variants(c: char) -> Box<[char]> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class.iter().flat_map(|r| r.start()..=r.end()).collect()
}

/// The steps of one entry: its words joined by any whitespace; a word ending in `*` matches
/// any word that starts with the rest (a lone `*` is a literal).
fn units(entry: &str, variants: &mut HashMap<char, Box<[char]>>) -> Vec<Unit> {
    let mut out = Vec::new();
    for (i, word) in entry.split_whitespace().enumerate() {
        if i > 0 {
            out.push(Unit::Space);
        }
        let (stem, rest) = match word.strip_suffix('*') {
            Some(stem) if !stem.is_empty() => (stem, true),
            _ => (word, false),
        };
        for c in stem.chars() {
            let v = variants.entry(c).or_insert_with(|| case_variants(c));
            out.push(match **v {
                [a] => Unit::Char([a; 4]),
                [a, b] => Unit::Char([a, b, b, b]),
                [a, b, c] => Unit::Char([a, b, c, c]),
                [a, b, c, d] => Unit::Char([a, b, c, d]),
                _ => Unit::Chars(v.clone()),
            });
        }
        if rest {
            out.push(Unit::Rest);
        }
    }
    out
}

/// Letters, digits and marks (`[\p{L}\p{N}\p{M}]`): what a `*` may run over.
fn is_word_rest(c: char) -> bool {
    static CLASS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
        // A fixed pattern: it always parses to one Unicode class.
        match regex_syntax::parse(r"[\p{L}\p{N}\p{M}]").map(|h| h.into_kind()) {
            Ok(regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class))) => {
                class.iter().map(|r| (r.start(), r.end())).collect()
            }
            _ => Vec::new(),
        }
    });
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    CLASS
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A match may not touch a letter, digit or hyphen, nor any combining mark (`\p{M}`, part of a
/// letter: `й` may be written as `и` + U+0306, and U+0483 or a variation selector belong to the
/// letter before them), as a `*` tail would take them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || (!c.is_ascii() && is_word_rest(c))
}

/// Where `units` match `text` from `at` (an anchored match), as the end offset. Each step is
/// greedy and never needs to give back: whitespace, the letters of a `*` and the character
/// after them never overlap.
fn match_at(units: &[Unit], text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let mut chars = rest.char_indices().peekable();
    let mut end = 0;
    for unit in units {
        match unit {
            Unit::Char(_) | Unit::Chars(_) => {
                let (i, c) = chars.next()?;
                let matches = match unit {
                    Unit::Char(v) => v.contains(&c),
                    Unit::Chars(v) => v.contains(&c),
                    _ => false,
                };
                if !matches {
                    return None;
                }
                end = i + c.len_utf8();
            }
            Unit::Space => {
                let mut any = false;
                while let Some(&(i, c)) = chars.peek().filter(|(_, c)| c.is_whitespace()) {
                    chars.next();
                    end = i + c.len_utf8();
                    any = true;
                }
                if !any {
                    return None;
                }
            }
            Unit::Rest => {
                while let Some(&(i, c)) = chars.peek().filter(|(_, c)| is_word_rest(*c)) {
                    chars.next();
                    end = i + c.len_utf8();
                }
            }
        }
    }
    Some(at + end)
}

impl WordList {
    pub fn new<S: AsRef<str>>(words: &[S]) -> Self {
        let mut words: Vec<String> = words
            .iter()
            .map(|w| w.as_ref().trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        words.dedup();
        let phrase = |w: &&String| w.contains(char::is_whitespace);
        let stem = |w: &&String| !phrase(w) && w.len() > 1 && w.ends_with('*');
        let ordered = words
            .iter()
            .filter(phrase)
            .chain(words.iter().filter(stem))
            .chain(words.iter().filter(|w| !phrase(w) && !stem(w)));
        let mut variants = HashMap::new();
        let mut all: Vec<Unit> = Vec::new();
        let mut entries: Vec<(u32, u32)> = Vec::new();
        let mut starts: HashMap<char, Vec<u32>> = HashMap::new();
        for (i, w) in ordered.enumerate() {
            let steps = units(w, &mut variants);
            let first: &[char] = match steps.first() {
                Some(Unit::Char(v)) => v,
                Some(Unit::Chars(v)) => v,
                _ => &[],
            };
            for &c in first {
                let list = starts.entry(c).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
            let start = all.len() as u32;
            all.extend(steps);
            entries.push((start, all.len() as u32));
        }
        let mut ascii: Box<[Box<[u32]>; 128]> = Box::new(std::array::from_fn(|_| Box::default()));
        let mut rest: Vec<(char, Box<[u32]>)> = Vec::new();
        for (c, list) in starts {
            match usize::try_from(u32::from(c)) {
                Ok(i) if i < 128 => ascii[i] = list.into(),
                _ => rest.push((c, list.into())),
            }
        }
        rest.sort_unstable_by_key(|(c, _)| *c);
        Self {
            words,
            entries,
            units: all,
            ascii,
            starts: rest,
        }
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The entries that may start with `c`, in the order they are tried.
    fn starting_with(&self, c: char) -> &[u32] {
        if let Some(list) = self.ascii.get(c as usize) {
            return list;
        }
        match self.starts.binary_search_by_key(&c, |(s, _)| *s) {
            Ok(i) => &self.starts[i].1,
            Err(_) => &[],
        }
    }

    /// Byte ranges (relative to `text`) of every whole-word match, left to right: at each
    /// position the first entry that matches wins (phrases, stems, words; longest first); when
    /// it touches a word character on its right, the longest other entry there that does not.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if self.entries.is_empty() {
            return out;
        }
        let bytes = text.as_bytes();
        // Whether the character before `at` is a word character: no match starts after one.
        let mut after_word = false;
        let mut at = 0;
        while at < bytes.len() {
            let c = match bytes[at] {
                b if b.is_ascii() => char::from(b),
                _ => text[at..].chars().next().unwrap_or_default(),
            };
            if !after_word && let Some(end) = self.longest_at(text, at, c) {
                out.push((at, end));
                after_word = text[..end].chars().next_back().is_some_and(is_word_char);
                at = end;
                continue;
            }
            after_word = is_word_char(c);
            at += c.len_utf8();
        }
        out
    }

    /// The match starting at `at` (where the text has `c`) that does not touch a word
    /// character on its right: the first entry that matches, else the longest other one.
    fn longest_at(&self, text: &str, at: usize, c: char) -> Option<usize> {
        let bounded = |end: usize| !text[end..].chars().next().is_some_and(is_word_char);
        let mut first = true;
        let mut best = None;
        for &i in self.starting_with(c) {
            let (from, to) = self.entries[i as usize];
            let steps = self
                .units
                .get(from as usize..to as usize)
                .unwrap_or_default();
            let Some(end) = match_at(steps, text, at) else {
                continue;
            };
            if bounded(end) {
                if first {
                    return Some(end);
                }
                best = best.max(Some(end));
            }
            first = false;
        }
        best
    }

    /// Matches as spans inside a string literal whose content starts at `base`.
    pub fn find_spans(&self, text: &str, base: usize) -> Vec<Span> {
        self.find(text)
            .into_iter()
            .map(|(s, e)| Span::new(base + s, base + e))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::WordList;

    fn matches(words: &[&str], text: &str) -> Vec<String> {
        let list = WordList::new(words);
        list.find(text)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            matches(&["post"], "Post-purchase survey and posts"),
            Vec::<String>::new()
        );
        assert_eq!(
            matches(&["post"], "We post daily. POST!"),
            vec!["post", "POST"]
        );
        assert_eq!(matches(&["ads"], "paid (ads) only"), vec!["ads"]);
        assert_eq!(matches(&["x.com"], "on x.com now"), vec!["x.com"]);
    }

    #[test]
    fn any_combining_mark_is_part_of_the_word_before_it() {
        // U+0483 (a Cyrillic combining mark) and U+FE0F (a variation selector) are `\p{M}`.
        assert!(matches(&["фен"], "фен\u{0483} клуб").is_empty());
        assert!(matches(&["фен"], "фен\u{FE0F}").is_empty());
        assert_eq!(matches(&["фен"], "фен, клуб"), vec!["фен"]);
    }

    #[test]
    fn phrases_match_any_whitespace_and_shorter_entries_are_retried() {
        assert_eq!(matches(&["try to"], "we Try\n  to win"), vec!["Try\n  to"]);
        assert_eq!(
            matches(&["run a contest", "run"], "run a contests"),
            vec!["run"]
        );
        assert_eq!(matches(&["more"], "furthermore more"), vec!["more"]);
    }

    #[test]
    fn a_star_matches_any_word_that_starts_with_the_stem() {
        assert_eq!(
            matches(
                &["influencer*"],
                "Influencers and influencer-led posts, influencer"
            ),
            vec!["Influencers", "influencer"]
        );
        assert_eq!(
            matches(&["run* contest*"], "running contests, run a contest"),
            vec!["running contests"]
        );
        assert_eq!(matches(&["post*"], "postal posts"), vec!["postal", "posts"]);
        // A lone `*` is a literal, not "any word".
        assert_eq!(matches(&["*"], "a * b"), vec!["*"]);
    }

    #[test]
    fn cyrillic_folds_case_and_keeps_word_boundaries() {
        assert_eq!(
            matches(&["подобр*"], "Подобряване и ПОДОБРЕНИЕ, неподобрено"),
            vec!["Подобряване", "ПОДОБРЕНИЕ"]
        );
        assert_eq!(
            matches(&["повече"], "Повечето хора искат ПОВЕЧЕ"),
            vec!["ПОВЕЧЕ"]
        );
        assert_eq!(
            matches(&["по-добр*"], "По-добро обслужване"),
            vec!["По-добро"]
        );
        assert_eq!(
            matches(&["игра с награди"], "Игра  с\nНагради"),
            vec!["Игра  с\nНагради"]
        );
    }
}

/// The regex this matcher replaced, as it was (one `(?i)` alternation plus retries of single
/// entries), to check that both find the same matches.
#[cfg(test)]
mod reference {
    use regex::Regex;

    const WORD_REST: &str = r"(?-i:[\p{L}\p{N}\p{M}]*)";

    fn fold(c: char) -> char {
        match c {
            'ς' => 'σ',
            _ => c.to_lowercase().next().unwrap_or(c),
        }
    }

    fn bounded(text: &str, start: usize, end: usize) -> bool {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(super::is_word_char) && !after.is_some_and(super::is_word_char)
    }

    fn entry_pattern(word: &str) -> String {
        word.split_whitespace()
            .map(|w| match w.strip_suffix('*') {
                Some(stem) if !stem.is_empty() => format!("{}{WORD_REST}", regex::escape(stem)),
                _ => regex::escape(w),
            })
            .collect::<Vec<_>>()
            .join(r"\s+")
    }

    pub struct Reference {
        words: Vec<String>,
        any: Option<Regex>,
    }

    impl Reference {
        pub fn new(words: &[&str]) -> Self {
            let mut words: Vec<String> = words
                .iter()
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            words.dedup();
            let single_star =
                |w: &String| !w.contains(char::is_whitespace) && w.len() > 1 && w.ends_with('*');
            let mut parts: Vec<String> = words
                .iter()
                .filter(|w| w.contains(char::is_whitespace))
                .map(|w| entry_pattern(w))
                .collect();
            let stems: Vec<String> = words
                .iter()
                .filter(|w| single_star(w))
                .map(|w| regex::escape(w.trim_end_matches('*')))
                .collect();
            if !stems.is_empty() {
                parts.push(format!("(?:{}){WORD_REST}", stems.join("|")));
            }
            parts.extend(
                words
                    .iter()
                    .filter(|w| !w.contains(char::is_whitespace) && !single_star(w))
                    .map(|w| entry_pattern(w)),
            );
            let any = (!words.is_empty())
                .then(|| Regex::new(&format!("(?i)(?:{})", parts.join("|"))).unwrap());
            Self { words, any }
        }

        pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
            let Some(any) = &self.any else {
                return Vec::new();
            };
            let mut out = Vec::new();
            let mut at = 0;
            while at <= text.len() {
                let Some(m) = any.find_at(text, at) else {
                    break;
                };
                let (start, end) = (m.start(), m.end());
                if bounded(text, start, end) {
                    out.push((start, end));
                    at = end.max(start + 1);
                    continue;
                }
                let rest = &text[start..];
                let first = rest.chars().next().map(fold);
                if let Some(len) = self
                    .words
                    .iter()
                    .filter(|w| w.chars().next().map(fold) == first)
                    .filter_map(|w| {
                        let r = Regex::new(&format!("(?i)^(?:{})", entry_pattern(w))).unwrap();
                        r.find(rest).map(|m| m.end())
                    })
                    .filter(|len| bounded(text, start, start + len))
                    .max()
                {
                    out.push((start, start + len));
                    at = start + len.max(1);
                    continue;
                }
                at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
            out
        }
    }
}

#[cfg(test)]
mod same_as_the_regex {
    use super::WordList;
    use super::reference::Reference;
    use proptest::prelude::*;

    /// Every built-in list, and entries with the odd shapes a config may hold.
    fn lists() -> Vec<Vec<&'static str>> {
        let mut out: Vec<Vec<&str>> = Vec::new();
        for lang in crate::word_lists::LANGUAGES {
            if let Some(l) = crate::word_lists::builtin(lang) {
                for list in [l.vague, l.vanity, l.tactic, l.activity] {
                    out.push(list.to_vec());
                }
            }
        }
        out.push(vec![
            "post*",
            "post",
            "postal",
            "run* contest*",
            "run a contest",
            "run",
            "*",
            "x.com",
            "(ads)",
            "ads",
            "по-добр*",
            "по",
            "a*b",
            "σ",
            "k",
        ]);
        out
    }

    /// Pieces of text near the entries: their words, case changes, boundaries of every kind.
    fn piece(words: Vec<&'static str>) -> impl Strategy<Value = String> {
        let word = proptest::sample::select(words).prop_flat_map(|w| {
            let w = w.trim_end_matches('*').to_string();
            let len = w.chars().count().max(1);
            (Just(w), 0..4u8, 0..len).prop_map(|(w, how, cut)| match how {
                0 => w,
                1 => w.to_uppercase(),
                2 => w.chars().take(cut).collect(),
                _ => {
                    let mut c = w.chars();
                    c.next()
                        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                }
            })
        });
        let other = proptest::sample::select(vec![
            " ", "  ", "\n", "\t", "-", ".", ",", "(", ")", "s", "ing", "ed", "ове", "то", "1",
            "\u{306}", "é", "ß", "Σ", "ς", "_", "'", "\u{a0}", "*",
        ])
        .prop_map(str::to_string);
        prop_oneof![3 => word, 2 => other]
    }

    fn text() -> impl Strategy<Value = (usize, String)> {
        let n = lists().len();
        (0..n).prop_flat_map(|i| {
            let words = lists()[i].clone();
            (
                Just(i),
                proptest::collection::vec(piece(words), 0..12).prop_map(|v| v.concat()),
            )
        })
    }

    static BOTH: std::sync::LazyLock<Vec<(WordList, Reference)>> = std::sync::LazyLock::new(|| {
        lists()
            .iter()
            .map(|l| (WordList::new(l), Reference::new(l)))
            .collect()
    });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn finds_what_the_regex_found((i, text) in text()) {
            let (list, reference) = &BOTH[i];
            prop_assert_eq!(list.find(&text), reference.find(&text), "{:?}", text);
        }
    }
}
