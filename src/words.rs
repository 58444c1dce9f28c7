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
    /// compiled on first use, since most runs never need it.
    each: std::sync::OnceLock<Vec<Regex>>,
}

fn entry_pattern(word: &str) -> String {
    word.split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// A match may not touch a letter, digit or hyphen.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
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
            let alternation = words
                .iter()
                .map(|w| entry_pattern(w))
                .collect::<Vec<_>>()
                .join("|");
            Some(Regex::new(&format!("(?i)(?:{alternation})"))?)
        };
        Ok(Self {
            words,
            any,
            each: std::sync::OnceLock::new(),
        })
    }

    fn each(&self) -> &[Regex] {
        self.each.get_or_init(|| {
            // Every entry compiled as part of `any`, so each compiles alone.
            self.words
                .iter()
                .filter_map(|w| Regex::new(&format!("(?i)^(?:{})", entry_pattern(w))).ok())
                .collect()
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
                .each()
                .iter()
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
}
