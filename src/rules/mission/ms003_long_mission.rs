use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// The mission has more than one sentence, or more than `[limits] max_mission_words` words
    /// (25 by default). A sentence ends at `.`, `!` or `?` followed by whitespace and an uppercase
    /// letter (any script), except a `.` right after a single letter, as in the initials "U.S.";
    /// words are runs of letters or digits. The label is on the second sentence, or on the first
    /// word past the limit.
    ///
    /// ## Why the method wants it
    /// Step 3: the mission is one high-level sentence, the *why* ("Build an army of fans who help
    /// maintain the brand's status"). A mission of several sentences mixes the why with the what
    /// and the how, which belong in the goals of step 4 and the tactics of step 6.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// mission = "Make every customer feel heard. We answer on X and Facebook within an hour."
    /// ```
    /// Passes:
    /// ```toml
    /// [plan]
    /// mission = "Make every customer feel heard where they already are"
    /// ```
    LongMission { code: "MS003", name: "long-mission", severity: Warning, summary: "the mission is longer than one short sentence" }
}

/// Byte ranges of the sentences of `text` after the first, as the rule reads them.
fn later_sentences(text: &str) -> Vec<(usize, usize)> {
    // Most missions are one sentence without a full stop: nothing to split.
    if !text.bytes().any(|b| matches!(b, b'.' | b'!' | b'?')) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut starts = Vec::new();
    for (i, &(_, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // "U.S." and "J. Smith": a full stop right after a lone letter is an initial.
        if c == '.'
            && i >= 1
            && chars[i - 1].1.is_alphabetic()
            && (i < 2 || !chars[i - 2].1.is_alphabetic())
        {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if j > i + 1 && j < chars.len() && chars[j].1.is_uppercase() {
            starts.push(j);
        }
    }
    let mut out = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end_char = starts.get(n + 1).copied().unwrap_or(chars.len());
        let end = chars.get(end_char).map_or(text.len(), |&(b, _)| b);
        let start = chars[s].0;
        out.push((start, start + text[start..end].trim_end().len()));
    }
    out
}

/// Byte ranges of the words of `text`: runs of letters or digits.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        // A byte at a time for ASCII: a mission is read on every run.
        while let Some(&b) = bytes.get(at) {
            let (alphanumeric, len) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = text.get(at..)?.chars().next()?;
                (c.is_alphanumeric(), c.len_utf8())
            };
            match (alphanumeric, start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => return Some((s, at)),
                _ => {}
            }
            at += len;
        }
        start.map(|s| (s, text.len()))
    })
}

/// How many [`words`] `text` has: the same loop without yielding spans, measured cheaper than
/// `words(text).count()` on every plan (a test checks the two agree).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut at, mut count, mut in_word) = (0, 0, false);
    while let Some(&b) = bytes.get(at) {
        let (alphanumeric, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            match text.get(at..).and_then(|t| t.chars().next()) {
                Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                None => break,
            }
        };
        count += usize::from(alphanumeric && !in_word);
        in_word = alphanumeric;
        at += len;
    }
    count
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(mission) = plan.mission.get() else {
        return;
    };
    let text = &mission.value;
    let base = cx.content_start(mission.span, text);
    let at = |(s, e): (usize, usize)| {
        if base == mission.span.start {
            mission.span
        } else {
            Span::new(base + s, base + e)
        }
    };
    let code = LongMission::META.code;
    let help = "keep the mission to the why in one sentence, and move the what and the how into \
                goals and tactics";
    let later = later_sentences(text);
    if let Some(&second) = later.first() {
        out.push(
            Diagnostic::new(
                code,
                at(second),
                format!(
                    "the mission has {} sentences: a mission is one sentence",
                    later.len() + 1
                ),
            )
            .label("a second sentence")
            .help(help)
            .item("plan.mission"),
        );
        return;
    }
    let max = cx.limits.max_mission_words;
    // Counted first (a mission is read on every run); the word over the limit only if any.
    let count = count_words(text);
    if let Some(first_over) = (count > max).then(|| words(text).nth(max)).flatten() {
        out.push(
            Diagnostic::new(
                code,
                at(first_over),
                format!(
                    "the mission has {count} words, more than {max}: a mission is one short sentence"
                ),
            )
            .label(format!("word {} of at most {max}", max + 1))
            .help(help)
            .item("plan.mission"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{count_words, later_sentences, words};

    fn later(text: &str) -> Vec<&str> {
        later_sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn sentences_end_before_an_uppercase_letter_but_not_after_initials() {
        assert_eq!(later("Serve the U.S. Navy well"), Vec::<&str>::new());
        assert_eq!(later("Ask J. Smith. Then act"), vec!["Then act"]);
        assert_eq!(later("Why? Because. "), vec!["Because."]);
        assert_eq!(later("Be heard. then more"), Vec::<&str>::new());
        assert_eq!(later("Be heard.Then more"), Vec::<&str>::new());
        assert_eq!(
            later("Бъдете чути. Отговаряме бързо! Винаги"),
            vec!["Отговаряме бързо!", "Винаги"]
        );
        assert_eq!(later("v1.2 is out. x"), Vec::<&str>::new());
    }

    #[test]
    fn words_are_runs_of_letters_or_digits() {
        let t = "Make 24/7 care — for everyone's sake";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(
            w,
            ["Make", "24", "7", "care", "for", "everyone", "s", "sake"]
        );
        for t in [t, "", "  ", "a", "Бъдете чути, 24/7!", "x\u{301}y"] {
            assert_eq!(count_words(t), words(t).count(), "{t:?}");
        }
    }
}
