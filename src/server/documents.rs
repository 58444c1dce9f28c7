//! Open documents: their text and version, kept in step with full and incremental changes.

use super::encoding::{self, Encoding};
use lsp_types::{TextDocumentContentChangeEvent, Url};
use std::collections::HashMap;

pub struct Document {
    pub text: String,
    pub version: i32,
}

#[derive(Default)]
pub struct Documents {
    open: HashMap<Url, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Url, text: String, version: i32) {
        self.open.insert(uri, Document { text, version });
    }

    pub fn close(&mut self, uri: &Url) {
        self.open.remove(uri);
    }

    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.open.get(uri)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Url, &Document)> {
        self.open.iter()
    }

    /// Applies changes in order: a change without a range replaces the text; a range is
    /// clamped to the text, so a confused client cannot make the server panic.
    pub fn change(
        &mut self,
        uri: &Url,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) -> bool {
        let Some(doc) = self.open.get_mut(uri) else {
            return false;
        };
        for change in changes {
            match change.range {
                None => doc.text = change.text,
                Some(r) => {
                    let start = encoding::offset(&doc.text, r.start, enc);
                    let end = encoding::offset(&doc.text, r.end, enc).max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
            }
        }
        doc.version = version;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn edit(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(a, b)| Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_in_utf16() {
        let mut docs = Documents::default();
        let Ok(uri) = Url::parse("file:///p.plan.toml") else {
            panic!("url")
        };
        docs.open(uri.clone(), "x = \"😀 план\"\n".into(), 1);
        // Replace `план` (units 8..12 after `x = "😀 `) with `plan`, then append a line.
        let changes = vec![
            edit(Some(((0, 8), (0, 12))), "plan"),
            edit(Some(((1, 0), (1, 0))), "y = 1\n"),
        ];
        assert!(docs.change(&uri, 2, changes, Encoding::Utf16));
        let doc = docs.get(&uri).map(|d| (d.text.as_str(), d.version));
        assert_eq!(doc, Some(("x = \"😀 plan\"\ny = 1\n", 2)));
        // A range past the end is clamped; a reversed range inserts.
        assert!(docs.change(
            &uri,
            3,
            vec![edit(Some(((9, 0), (9, 9))), "z")],
            Encoding::Utf16
        ));
        assert!(docs.change(
            &uri,
            4,
            vec![edit(Some(((0, 3), (0, 1))), "!")],
            Encoding::Utf16
        ));
        assert_eq!(
            docs.get(&uri).map(|d| d.text.as_str()),
            Some("x =! \"😀 plan\"\ny = 1\nz")
        );
        assert!(docs.change(&uri, 5, vec![edit(None, "full")], Encoding::Utf16));
        assert_eq!(docs.get(&uri).map(|d| d.text.as_str()), Some("full"));
    }
}
