//! Whole-word, case-insensitive matching of word lists (rules.md, "Word lists").

use crate::source::Span;
use regex::Regex;

/// A compiled word list.
#[derive(Clone, Debug)]
pub struct WordList {
    words: Vec<String>,
    /// Every entry, longest first, as one alternation: one search per field on the fast path.
    any: Option<Regex>,
    /// Each entry alone, for the rare retry when the longest candidate fails a boundary;
    /// compiled on first use, and only for entries that start with the letter at hand, since
    /// most runs never need them.
    each: Vec<std::sync::OnceLock<Option<Regex>>>,
}

/// The regular expression of one entry: its words joined by any whitespace; a word ending in
/// `*` matches any word that starts with the rest (the letters, digits and marks after it).
fn entry_pattern(word: &str) -> String {
    word.split_whitespace()
        .map(|w| match w.strip_suffix('*') {
            Some(stem) if !stem.is_empty() => format!("{}{WORD_REST}", regex::escape(stem)),
            _ => regex::escape(w),
        })
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// One alternation of every entry (longest first). Single words ending in `*` share one
/// letter class after their stems: a copy of that Unicode class per entry makes the automaton
/// many times larger and slow to build. They come before the plain entries, since a stem's
/// match runs to the end of its word and so is the longest at its start.
fn alternation(words: &[String]) -> String {
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
    parts.join("|")
}

/// What a `*` matches: the rest of the word (letters, digits, marks), compared exactly.
const WORD_REST: &str = r"(?-i:[\p{L}\p{N}\p{M}]*)";

/// A match may not touch a letter, digit or hyphen (nor a combining mark, part of a letter).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || is_mark(c)
}

/// Combining marks (U+0300–U+036F and the like): `й` may be written as `и` + U+0306.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

impl WordList {
    pub fn new<S: AsRef<str>>(words: &[S]) -> Result<Self, regex::Error> {
        let mut words: Vec<String> = words
            .iter()
            .map(|w| w.as_ref().trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        words.dedup();
        let any = if words.is_empty() {
            None
        } else {
            Some(Regex::new(&format!("(?i)(?:{})", alternation(&words)))?)
        };
        let each = words.iter().map(|_| std::sync::OnceLock::new()).collect();
        Ok(Self { words, any, each })
    }

    /// The entries that may match at the start of `rest`, compiled alone.
    fn candidates<'a>(&'a self, rest: &'a str) -> impl Iterator<Item = &'a Regex> + 'a {
        let first = rest.chars().next().map(fold);
        self.words
            .iter()
            .zip(&self.each)
            .filter(move |(w, _)| w.chars().next().map(fold) == first)
            .filter_map(|(w, cell)| {
                // Every entry compiled as part of `any`, so each compiles alone.
                cell.get_or_init(|| Regex::new(&format!("(?i)^(?:{})", entry_pattern(w))).ok())
                    .as_ref()
            })
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Byte ranges (relative to `text`) of every whole-word match.
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
            // The longest entry at `start` failed a boundary; a shorter one may not.
            let rest = &text[start..];
            if let Some(len) = self
                .candidates(rest)
                .filter_map(|r| r.find(rest).map(|m| m.end()))
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

    /// Matches as spans inside a string literal whose content starts at `base`.
    pub fn find_spans(&self, text: &str, base: usize) -> Vec<Span> {
        self.find(text)
            .into_iter()
            .map(|(s, e)| Span::new(base + s, base + e))
            .collect()
    }
}

/// A character compared the way `(?i)` compares it, near enough to pick candidates: the
/// first lowercase form (`Σ`, `σ` and `ς` all fold to `σ`).
fn fold(c: char) -> char {
    match c {
        'ς' => 'σ',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::WordList;

    fn matches(words: &[&str], text: &str) -> Vec<String> {
        let list = WordList::new(words).unwrap();
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
