//! Whole-word, case-insensitive matching of word lists (rules.md, "Word lists").
//!
//! A small matcher of its own rather than one regex per list: building those regexes took
//! milliseconds per list, more than linting a plan, while this builds in microseconds. It
//! matches what the regex `(?i)` alternation of the entries (longest first) matched; a test
//! compares the two on generated text.

mod prefixes;

use crate::source::Span;
use prefixes::Prefixes;
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
use std::borrow::Cow;
use std::sync::{Arc, LazyLock, OnceLock};

/// A word list, compiled on first use: a run builds only the lists its rules search, and a
/// config's list that an override replaces is never built. Clones share the compiled form.
#[derive(Clone, Debug)]
pub struct WordList(Arc<Lazy>);

#[derive(Debug)]
struct Lazy {
    given: Vec<Cow<'static, str>>,
    compiled: OnceLock<Matcher>,
    /// What [`WordList::words`] returns, made only when asked for.
    words: OnceLock<Vec<String>>,
}

/// What a list compiles to.
#[derive(Debug)]
struct Matcher {
    /// The steps of every entry, one after the other.
    units: Vec<Unit>,
    /// For every character an entry can start with, the entries whose first character
    /// matches it, in the order they are tried, as a range of `starting`: `ascii` by byte,
    /// the rest sorted by character for a binary search.
    ascii: [(u32, u32); 128],
    others: Vec<(char, u32, u32)>,
    starting: Vec<Entry>,
    /// What each byte is to the search ([`LEAD`], [`WORD`], [`NOT_ASCII`]).
    bytes: [u8; 256],
    /// The first bytes an entry needs in ASCII text: most words fail here, before any entry
    /// is tried.
    prefixes: Prefixes,
}

/// A byte the first character of some entry begins with.
const LEAD: u8 = 1;
/// An ASCII word character (see [`is_word_char`]).
const WORD: u8 = 2;
/// A byte of a character that is not ASCII: the search decodes the character.
const NOT_ASCII: u8 = 4;

/// An entry: its steps, a range of `units`. Entries are tried at a position in this order:
/// phrases, then words ending in `*` (a stem's match runs to the end of its word, so it is the
/// longest at its start), then plain words; each group longest first.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    from: u32,
    to: u32,
    /// When the second step is an ASCII letter without other case variants, that letter in
    /// lowercase, else 0: most entries tried at a word's start fail on it, found in one byte.
    second: u8,
}

/// One step of an entry.
#[derive(Clone, Debug)]
enum Unit {
    /// One character, compared under Unicode simple case folding: the characters it matches
    /// (inline, repeated to fill the array).
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
fn case_variants(c: char, known: &mut Vec<(char, Unit)>) -> Unit {
    // ASCII directly: the built-in English lists are ASCII, and the Unicode tables cost far
    // more than matching a plan (a test checks these against them). Other characters are
    // looked up once per list: a list has a few tens of distinct ones.
    if c.is_ascii() {
        let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
        return match lower {
            'k' => Unit::Char(['K', 'k', '\u{212A}', '\u{212A}']),
            's' => Unit::Char(['S', 's', '\u{17F}', '\u{17F}']),
            _ if lower != upper => Unit::Char([upper, lower, lower, lower]),
            _ => Unit::Char([c; 4]),
        };
    }
    if let Some((_, unit)) = known.iter().find(|(k, _)| *k == c) {
        return unit.clone();
    }
    let v = unicode_variants(c);
    let unit = match *v {
        [a] => Unit::Char([a; 4]),
        [a, b] => Unit::Char([a, b, b, b]),
        [a, b, c] => Unit::Char([a, b, c, c]),
        [a, b, c, d] => Unit::Char([a, b, c, d]),
        _ => Unit::Chars(v.into()),
    };
    known.push((c, unit.clone()));
    unit
}

/// The case variants of `c` from the Unicode tables.
fn unicode_variants(c: char) -> Vec<char> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class.iter().flat_map(|r| r.start()..=r.end()).collect()
}

/// Appends the steps of one entry: its words joined by any whitespace; a word ending in `*`
/// matches any word that starts with the rest (a lone `*` is a literal).
fn push_units(entry: &str, out: &mut Vec<Unit>, known: &mut Vec<(char, Unit)>) {
    for (i, word) in entry.split_whitespace().enumerate() {
        if i > 0 {
            out.push(Unit::Space);
        }
        let (stem, rest) = match word.strip_suffix('*') {
            Some(stem) if !stem.is_empty() => (stem, true),
            _ => (word, false),
        };
        out.extend(stem.chars().map(|c| case_variants(c, known)));
        if rest {
            out.push(Unit::Rest);
        }
    }
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
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '-'
    } else {
        c.is_alphanumeric() || is_word_rest(c)
    }
}

/// The character at byte `at` of `text` (a character boundary), if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(at..)?.chars().next(),
    }
}

/// Whether the character before byte `at` of `text` is a word character.
fn word_char_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        None => false,
        Some(&b) if b.is_ascii() => is_word_char(char::from(b)),
        Some(_) => text
            .get(..at)
            .and_then(|t| t.chars().next_back())
            .is_some_and(is_word_char),
    }
}

/// Where `units` match `text` from `at` (an anchored match), as the end offset. Each step is
/// greedy and never needs to give back: whitespace, the letters of a `*` and the character
/// after them never overlap.
fn match_at(units: &[Unit], text: &str, at: usize) -> Option<usize> {
    let mut end = at;
    for unit in units {
        match unit {
            Unit::Char(v) => {
                let c = char_at(text, end).filter(|c| v.contains(c))?;
                end += c.len_utf8();
            }
            Unit::Chars(v) => {
                let c = char_at(text, end).filter(|c| v.contains(c))?;
                end += c.len_utf8();
            }
            Unit::Space => {
                let from = end;
                while let Some(c) = char_at(text, end).filter(|c| c.is_whitespace()) {
                    end += c.len_utf8();
                }
                if end == from {
                    return None;
                }
            }
            Unit::Rest => {
                while let Some(c) = char_at(text, end).filter(|&c| is_word_rest(c)) {
                    end += c.len_utf8();
                }
            }
        }
    }
    Some(end)
}

/// The entries, trimmed and without repeats, longest first.
fn sorted<'a>(given: &'a [Cow<'static, str>]) -> Vec<&'a str> {
    let mut sorted: Vec<&str> = given
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    sorted.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    sorted.dedup();
    sorted
}

/// What each byte is to the search before the entries are known: [`WORD`] or [`NOT_ASCII`].
const BYTES: [u8; 256] = {
    let mut out = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        out[b] = if !c.is_ascii() {
            NOT_ASCII
        } else if c.is_ascii_alphanumeric() || c == b'-' {
            WORD
        } else {
            0
        };
        b += 1;
    }
    out
};

impl Matcher {
    fn new(given: &[Cow<'static, str>]) -> Self {
        let sorted = sorted(given);
        // 0: a phrase, 1: a word ending in `*`, 2: a plain word; tried in that order.
        let kinds: Vec<(u8, &str)> = sorted
            .iter()
            .map(|&w| {
                let kind = if w.contains(char::is_whitespace) {
                    0
                } else if w.len() > 1 && w.ends_with('*') {
                    1
                } else {
                    2
                };
                (kind, w)
            })
            .collect();
        let ordered = (0..3).flat_map(|k| kinds.iter().filter(move |(kind, _)| *kind == k));
        let mut units: Vec<Unit> = Vec::with_capacity(sorted.iter().map(|w| w.len()).sum());
        let mut entries: Vec<Entry> = Vec::with_capacity(sorted.len());
        // (first character, entry) for every character an entry's first step matches, in the
        // order the entries are tried.
        let mut firsts: Vec<(char, u32)> = Vec::new();
        let mut known = Vec::new();
        for (i, &(_, w)) in ordered.enumerate() {
            let start = units.len();
            push_units(w, &mut units, &mut known);
            let first: &[char] = match units.get(start) {
                Some(Unit::Char(v)) => v,
                Some(Unit::Chars(v)) => v,
                _ => &[],
            };
            for (n, &c) in first.iter().enumerate() {
                if !first[..n].contains(&c) {
                    firsts.push((c, i as u32));
                }
            }
            let second = match units.get(start + 1) {
                Some(&Unit::Char([upper, lower, a, b]))
                    if upper.is_ascii_uppercase()
                        && lower == upper.to_ascii_lowercase()
                        && a == lower
                        && b == lower =>
                {
                    lower as u8
                }
                _ => 0,
            };
            entries.push(Entry {
                from: start as u32,
                to: units.len() as u32,
                second,
            });
        }
        let mut bytes = BYTES;
        // ASCII first characters by counting (each one's entries stay in the order tried),
        // the rest sorted (stably) after them.
        let mut ascii = [(0u32, 0u32); 128];
        for &(c, _) in &firsts {
            if let Some(slot) = ascii.get_mut(c as usize) {
                slot.1 += 1;
            }
        }
        let mut total = 0;
        for slot in &mut ascii {
            let n = slot.1;
            *slot = (total, total);
            total += n;
        }
        let mut starting = vec![Entry::default(); total as usize];
        let mut others: Vec<(char, u32)> = Vec::new();
        for &(c, i) in &firsts {
            let entry = entries.get(i as usize).copied().unwrap_or_default();
            match ascii.get_mut(c as usize) {
                Some(slot) => {
                    if let Some(to) = starting.get_mut(slot.1 as usize) {
                        *to = entry;
                    }
                    slot.1 += 1;
                }
                None => others.push((c, i)),
            }
        }
        others.sort_by_key(|&(c, _)| c);
        let mut ranges = Vec::new();
        for group in others.chunk_by(|a, b| a.0 == b.0) {
            let from = starting.len() as u32;
            starting.extend(
                group
                    .iter()
                    .map(|&(_, i)| entries.get(i as usize).copied().unwrap_or_default()),
            );
            ranges.push((group[0].0, from, starting.len() as u32));
        }
        for &(c, _) in &firsts {
            let mut utf8 = [0; 4];
            bytes[usize::from(c.encode_utf8(&mut utf8).as_bytes()[0])] |= LEAD;
        }
        let prefixes = Prefixes::new(&units, &entries);
        Self {
            units,
            ascii,
            others: ranges,
            starting,
            bytes,
            prefixes,
        }
    }

    /// The entries that may start with `c`, in the order they are tried.
    fn starting_with(&self, c: char) -> &[Entry] {
        let (from, to) = match self.ascii.get(c as usize) {
            Some(&range) => range,
            None => match self.others.binary_search_by_key(&c, |&(s, ..)| s) {
                Ok(i) => (self.others[i].1, self.others[i].2),
                Err(_) => return &[],
            },
        };
        self.starting
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0;
        // Whether the character before `at` is a word character: no match starts after one.
        let mut after_word = false;
        // One pass, a byte at a time for ASCII (one table look-up says what the byte is): a
        // match is tried only at a word's start, where some entry's first character begins
        // with that byte.
        while let Some(&b) = bytes.get(at) {
            let class = self.bytes[usize::from(b)];
            if class & NOT_ASCII == 0 {
                if class & LEAD != 0
                    && !after_word
                    && self.prefixes.may_match(bytes, at)
                    && let Some(end) = self.longest_at(text, at, char::from(b))
                {
                    out.push((at, end));
                    after_word = word_char_before(text, end);
                    at = end;
                    continue;
                }
                at += 1;
                after_word = class & WORD != 0;
                if after_word {
                    // The rest of an ASCII word: no match starts inside it.
                    while let Some(&b) = bytes.get(at)
                        && self.bytes[usize::from(b)] & (WORD | NOT_ASCII) == WORD
                    {
                        at += 1;
                    }
                }
                continue;
            }
            let Some(c) = char_at(text, at) else {
                break;
            };
            if class & LEAD != 0
                && !after_word
                && let Some(end) = self.longest_at(text, at, c)
            {
                out.push((at, end));
                after_word = word_char_before(text, end);
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
        let bounded = |end: usize| !char_at(text, end).is_some_and(is_word_char);
        let mut first = true;
        let mut best = None;
        // Every entry here matches `c` with its first step: the rest are matched after it.
        let next = at + c.len_utf8();
        let second = text.as_bytes().get(next).map(u8::to_ascii_lowercase);
        for entry in self.starting_with(c) {
            if entry.second != 0 && second != Some(entry.second) {
                continue;
            }
            let steps = self
                .units
                .get(entry.from as usize + 1..entry.to as usize)
                .unwrap_or_default();
            let Some(end) = match_at(steps, text, next) else {
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
}

impl WordList {
    pub fn new<S: AsRef<str>>(words: &[S]) -> Self {
        Self::from_given(
            words
                .iter()
                .map(|w| Cow::Owned(w.as_ref().to_string()))
                .collect(),
        )
    }

    /// A list of words compiled into the program (no copy of them is made).
    pub fn from_static(words: &'static [&'static str]) -> Self {
        Self::from_given(words.iter().map(|&w| Cow::Borrowed(w)).collect())
    }

    fn from_given(given: Vec<Cow<'static, str>>) -> Self {
        Self(Arc::new(Lazy {
            given,
            compiled: OnceLock::new(),
            words: OnceLock::new(),
        }))
    }

    fn matcher(&self) -> &Matcher {
        self.0.compiled.get_or_init(|| Matcher::new(&self.0.given))
    }

    /// The entries, trimmed and without repeats, longest first.
    pub fn words(&self) -> &[String] {
        self.0.words.get_or_init(|| {
            sorted(&self.0.given)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
    }

    /// Byte ranges (relative to `text`) of every whole-word match, left to right: at each
    /// position the first entry that matches wins (phrases, stems, words; longest first); when
    /// it touches a word character on its right, the longest other entry there that does not.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        if self.0.given.is_empty() {
            return Vec::new();
        }
        self.matcher().find(text)
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
    use super::{Unit, WordList, case_variants, unicode_variants};

    #[test]
    fn ascii_case_variants_are_the_unicode_ones() {
        for c in (0..128u8).map(char::from) {
            let Unit::Char(v) = case_variants(c, &mut Vec::new()) else {
                panic!("{c:?} has more than four variants");
            };
            let mut fast = v.to_vec();
            fast.sort_unstable();
            fast.dedup();
            assert_eq!(fast, unicode_variants(c), "{c:?}");
        }
    }

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
