//! How pretty output wraps messages and help: never inside a backticked code span, and never at
//! the hyphen of a word, nor inside a word longer than the line (it overflows), so that `reduce-costs` or `core_goal = "increase-profit"` can be copied
//! from the terminal in one piece.

use textwrap::WordSeparator;
use textwrap::core::Word;

/// Splits a line at spaces outside backticks; a code span (spaces included) is one word.
pub const CODE_SPANS_WHOLE: WordSeparator = WordSeparator::Custom(split);

fn split(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        if c == '`' {
            in_code = !in_code;
        }
        let space = c == ' ' && !in_code;
        // A word ends where a space run ends.
        if prev_space && !space {
            words.push(Word::from(&line[start..i]));
            start = i;
        }
        prev_space = space;
    }
    if start < line.len() {
        words.push(Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(text: &str, width: usize) -> Vec<String> {
        let opts = textwrap::Options::new(width)
            .word_separator(CODE_SPANS_WHOLE)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false);
        textwrap::wrap(text, opts)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    }

    #[test]
    fn code_spans_and_hyphenated_words_stay_whole() {
        let help = "add `core_goal` with the core business goal this KPI moves: `increase-profit`, `reduce-costs` or `increase-satisfaction`";
        for width in 20..80 {
            for line in wrap(help, width) {
                assert_eq!(line.matches('`').count() % 2, 0, "width {width}: {line}");
                assert!(!line.ends_with('-'), "width {width}: {line}");
            }
        }
        assert_eq!(
            wrap("write `core_goal = \"reduce-costs\"` here", 12),
            ["write", "`core_goal = \"reduce-costs\"`", "here"]
        );
    }
}
