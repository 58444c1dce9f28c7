//! Code actions: each fix of a diagnostic under the cursor (safe ones preferred), "suppress
//! CODE on this line" and "… in this file", and `source.fixAll.smplan` (every safe fix, as
//! `smplan lint --fix` applies them).

use super::encoding::{self, Encoding};
use crate::fix::{Applicability, edits::newline};
use crate::source::Span;
use lsp_types as lsp;
use std::collections::HashMap;

pub const FIX_ALL: &str = "source.fixAll.smplan";

/// One text edit turning `old` into `new`: the changed middle, prefix and suffix kept.
pub fn minimal_edit(old: &str, new: &str, enc: Encoding) -> Option<lsp::TextEdit> {
    if old == new {
        return None;
    }
    let mut pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(pre) && new.is_char_boundary(pre)) {
        pre -= 1;
    }
    let max_suf = (old.len() - pre).min(new.len() - pre);
    let mut suf = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - suf) && new.is_char_boundary(new.len() - suf)) {
        suf -= 1;
    }
    Some(lsp::TextEdit {
        range: encoding::range(old, Span::new(pre, old.len() - suf), enc),
        new_text: new[pre..new.len() - suf].to_string(),
    })
}

fn workspace_edit(uri: &lsp::Url, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..lsp::WorkspaceEdit::default()
    }
}

fn overlaps(a: lsp::Range, b: lsp::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn wanted(only: &Option<Vec<lsp::CodeActionKind>>, kind: &str) -> bool {
    only.as_ref().is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        })
    })
}

pub struct Request<'a> {
    pub uri: &'a lsp::Url,
    pub text: &'a str,
    pub enc: Encoding,
    pub range: lsp::Range,
    pub only: Option<Vec<lsp::CodeActionKind>>,
    pub diagnostics: &'a [crate::Diagnostic],
    pub to_lsp: &'a dyn Fn(&crate::Diagnostic) -> lsp::Diagnostic,
}

pub fn actions(
    req: &Request,
    lint: &mut dyn FnMut(&str) -> Vec<crate::Diagnostic>,
) -> Vec<lsp::CodeActionOrCommand> {
    let mut out = Vec::new();
    let quickfix = wanted(&req.only, lsp::CodeActionKind::QUICKFIX.as_str());
    for d in req.diagnostics {
        let range = encoding::range(req.text, d.primary.span, req.enc);
        if !quickfix || !overlaps(range, req.range) {
            continue;
        }
        let ld = (req.to_lsp)(d);
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: encoding::range(req.text, e.span, req.enc),
                    new_text: e.content.clone(),
                })
                .collect();
            let safe = fix.applicability == Applicability::Safe;
            out.push(action(
                format!("{} ({})", fix.message, d.code),
                lsp::CodeActionKind::QUICKFIX,
                &ld,
                safe,
                workspace_edit(req.uri, edits),
            ));
        }
        if crate::rules::suppressions::never_written(&d.code) {
            continue;
        }
        let (line, _) = crate::rules::suppressions::add(req.text, std::slice::from_ref(d), "");
        if let Some(edit) = minimal_edit(req.text, &line, req.enc) {
            out.push(action(
                format!("suppress {} on this line", d.code),
                lsp::CodeActionKind::QUICKFIX,
                &ld,
                false,
                workspace_edit(req.uri, vec![edit]),
            ));
        }
        let header = format!("# smplan-ignore-file: {}{}", d.code, newline(req.text));
        out.push(action(
            format!("suppress {} in this file", d.code),
            lsp::CodeActionKind::QUICKFIX,
            &ld,
            false,
            workspace_edit(
                req.uri,
                vec![lsp::TextEdit {
                    range: lsp::Range::default(),
                    new_text: header,
                }],
            ),
        ));
    }
    if wanted(&req.only, FIX_ALL) {
        let fixed = crate::fix::fix_text(req.text, false, lint);
        if let Some(edit) = minimal_edit(req.text, &fixed.text, req.enc) {
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: "fix every safe problem (smplan)".into(),
                kind: Some(lsp::CodeActionKind::new(FIX_ALL)),
                edit: Some(workspace_edit(req.uri, vec![edit])),
                ..lsp::CodeAction::default()
            }));
        }
    }
    out
}

fn action(
    title: String,
    kind: lsp::CodeActionKind,
    d: &lsp::Diagnostic,
    preferred: bool,
    edit: lsp::WorkspaceEdit,
) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(kind),
        diagnostics: Some(vec![d.clone()]),
        is_preferred: preferred.then_some(true),
        edit: Some(edit),
        ..lsp::CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_keeps_prefix_and_suffix_on_character_boundaries() {
        let e = minimal_edit("a😀b", "a😁b", Encoding::Utf16);
        let e = e.map(|e| (e.range, e.new_text));
        let range = lsp::Range::new(lsp::Position::new(0, 1), lsp::Position::new(0, 3));
        assert_eq!(e, Some((range, "😁".to_string())));
        assert_eq!(minimal_edit("same", "same", Encoding::Utf8), None);
    }
}
