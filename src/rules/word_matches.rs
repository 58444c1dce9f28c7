//! Word-list matches in string fields, shared by the rules that name words (GL003, KP004,
//! KP005, SM001): one diagnostic per item, labelling every match.

use crate::diagnostic::Diagnostic;
use crate::model::Field;
use crate::model::Text;
use crate::rules::Ctx;
use crate::source::Span;
use crate::words::WordList;

#[derive(Default)]
pub struct WordMatches {
    /// The distinct words as written (whitespace inside a phrase shown as one space), in order
    /// (compared case-insensitively).
    words: Vec<String>,
    /// Where to label: each match, or the whole literal when its content has escapes.
    spans: Vec<Span>,
}

impl WordMatches {
    /// Matches of `list` in each field.
    pub fn find<'a>(
        list: &WordList,
        fields: impl IntoIterator<Item = &'a Field<Text<'a>>>,
        cx: &Ctx<'_>,
    ) -> Self {
        let mut out = Self::default();
        for field in fields {
            let found = list.find(&field.value);
            if found.is_empty() {
                continue;
            }
            for &(s, e) in &found {
                // A phrase may match across any whitespace, line breaks included: the message
                // is one line, so show it with single spaces.
                let w = field
                    .value
                    .get(s..e)
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if !out
                    .words
                    .iter()
                    .any(|x| x.to_lowercase() == w.to_lowercase())
                {
                    out.words.push(w);
                }
            }
            let base = cx.content_start(field.span, &field.value);
            if base == field.span.start {
                out.spans.push(field.span);
            } else {
                out.spans
                    .extend(found.iter().map(|&(s, e)| Span::new(base + s, base + e)));
            }
        }
        out
    }

    /// How many distinct words matched.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// "`likes`, `followers`"
    pub fn quoted(&self) -> String {
        self.words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A diagnostic on the first match with every other match labelled too.
    pub fn diagnostic(
        &self,
        code: &'static str,
        label: &str,
        message: String,
    ) -> Option<Diagnostic> {
        let (first, rest) = self.spans.split_first()?;
        let mut d = Diagnostic::new(code, *first, message).label(label);
        for span in rest {
            d = d.also(*span, label);
        }
        Some(d)
    }
}
