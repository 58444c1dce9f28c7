//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
//!
//! One run; `tool.driver.rules` lists every rule of the catalog (so `ruleIndex` is the rule's
//! index in the catalog) with its documentation as help. Paths are relative to the working
//! directory under `%SRCROOT%`; columns count Unicode code points.

use crate::catalog::{Catalog, RuleInfo};
use crate::diagnostic::Severity;
use crate::lint::{FileResult, Outcome};
use crate::source::LineIndex;
use serde_json::{Map, Value, json};
use std::path::Path;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Used when the package does not name its repository.
const FALLBACK_URI: &str = "https://github.com/smplan/smplan";
const SRCROOT: &str = "%SRCROOT%";

/// `srcroot` is the folder relative paths are given from (`%SRCROOT%`, the CLI's working
/// directory); without it absolute paths stay `file://` URIs.
pub fn render(outcome: &Outcome, catalog: &Catalog, srcroot: Option<&Path>) -> String {
    let mut results = Vec::new();
    for file in &outcome.files {
        let index = file.text.as_deref().map(LineIndex::new);
        for d in &file.diagnostics {
            let mut result = Map::new();
            result.insert("ruleId".into(), json!(d.code));
            if let Some(i) = catalog.lookup(&d.code) {
                result.insert("ruleIndex".into(), json!(i));
            }
            result.insert("level".into(), json!(level(d.severity)));
            let mut text = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            let related = related_locations(file, d, index.as_ref(), srcroot);
            // Code scanning links related locations that the message embeds: `[text](id)`.
            for r in &related {
                let label = r["message"]["text"].as_str().unwrap_or("related location");
                text.push_str(&format!("\nsee: [{}]({})", escape_link(label), r["id"]));
            }
            result.insert("message".into(), json!({ "text": text }));
            let region = json!({
                "startLine": d.start.line.max(1),
                "startColumn": d.start.column.max(1),
                "endLine": d.end.line.max(1),
                "endColumn": d.end.column.max(1),
            });
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": artifact(&file.path, srcroot),
                    "region": region,
                }
            });
            if let Some(label) = &d.primary.text {
                location["message"] = json!({ "text": label });
            }
            result.insert("locations".into(), json!([location]));
            if !related.is_empty() {
                result.insert("relatedLocations".into(), Value::Array(related));
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": {
                                "startLine": e.start.line.max(1),
                                "startColumn": e.start.column.max(1),
                                "endLine": e.end.line.max(1),
                                "endColumn": e.end.column.max(1),
                            },
                            "insertedContent": { "text": e.content },
                        })
                    })
                    .collect();
                result.insert(
                    "fixes".into(),
                    json!([{
                        "description": {
                            "text": format!("{} ({})", fix.message, fix.applicability.as_str())
                        },
                        "artifactChanges": [{
                            "artifactLocation": artifact(&file.path, srcroot),
                            "replacements": replacements,
                        }],
                    }]),
                );
            }
            results.push(Value::Object(result));
        }
    }

    let repository = env!("CARGO_PKG_REPOSITORY");
    let information_uri = if repository.is_empty() {
        FALLBACK_URI
    } else {
        repository
    };
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "smplan",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": information_uri,
                "rules": catalog.rules.iter().map(rule).collect::<Vec<_>>(),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = srcroot.and_then(dir_uri) {
        run["originalUriBaseIds"] = json!({ SRCROOT: { "uri": root } });
        // Code scanning turns absolute URIs into repository paths against this.
        run["invocations"] = json!([{
            "executionSuccessful": true,
            "workingDirectory": { "uri": root },
        }]);
    }
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Related labels: those in the same file (a duplicate id's first occurrence), then those in
/// other files (the earlier plan of a duplicate scope).
fn related_locations(
    file: &FileResult,
    d: &crate::Diagnostic,
    index: Option<&LineIndex>,
    srcroot: Option<&Path>,
) -> Vec<Value> {
    let mut out = Vec::new();
    if let (Some(text), Some(index)) = (file.text.as_deref(), index) {
        for label in &d.secondary {
            let (start, end) = (
                index.position(text, label.span.start),
                index.position(text, label.span.end),
            );
            out.push(related_location(
                out.len() + 1,
                &file.path,
                (start.line, start.column, end.line, end.column),
                label.text.as_deref().unwrap_or(""),
                srcroot,
            ));
        }
    }
    for r in &d.related {
        out.push(related_location(
            out.len() + 1,
            &r.path,
            (r.start.line, r.start.column, r.end.line, r.end.column),
            &r.text,
            srcroot,
        ));
    }
    out
}

fn related_location(
    id: usize,
    path: &str,
    (sl, sc, el, ec): (usize, usize, usize, usize),
    message: &str,
    srcroot: Option<&Path>,
) -> Value {
    let mut v = json!({
        "id": id,
        "physicalLocation": {
            "artifactLocation": artifact(path, srcroot),
            "region": {
                "startLine": sl.max(1),
                "startColumn": sc.max(1),
                "endLine": el.max(1),
                "endColumn": ec.max(1),
            }
        }
    });
    if !message.is_empty() {
        v["message"] = json!({ "text": message });
    }
    v
}

/// Escapes `[` and `]` in the text of an embedded link (SARIF §3.11.6).
fn escape_link(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// `tool.driver.rules[]`: id, name, descriptions, help from the rule's docs, default level.
fn rule(r: &RuleInfo) -> Value {
    let m = &r.meta;
    let docs = docs_text(&m.docs);
    let checks = section(&docs, "What it checks")
        .map(plain)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| sentence(&m.summary));
    let markdown = if docs.trim().is_empty() {
        format!("**{} {}**\n\n{}", m.code, m.name, sentence(&m.summary))
    } else {
        format!(
            "**{} {}**: {}\n\n{}",
            m.code,
            m.name,
            m.summary,
            docs.trim()
        )
    };
    let text = if docs.trim().is_empty() {
        sentence(&m.summary)
    } else {
        docs.trim().to_string()
    };
    let mut v = json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": limit(&sentence(&m.summary), DESCRIPTION_MAX) },
        "fullDescription": { "text": limit(&checks, DESCRIPTION_MAX) },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": {
            "tags": ["smplan", r.area()],
            // GitHub code scanning orders and filters alerts by these.
            "precision": "very-high",
            "problem.severity": match m.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
        },
    });
    if let Some(pack) = &r.pack {
        v["properties"]["pack"] = json!(pack);
    }
    v
}

/// Doc comments keep one leading space per line; drop it (pack docs have none to drop).
fn docs_text(docs: &str) -> String {
    let indented = docs
        .lines()
        .filter(|l| !l.trim().is_empty())
        .all(|l| l.starts_with(' '));
    if !indented {
        return docs.to_string();
    }
    docs.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text under `## heading`, up to the next heading.
fn section<'a>(docs: &'a str, heading: &str) -> Option<&'a str> {
    let marker = format!("## {heading}");
    let start = docs.find(&marker)? + marker.len();
    let rest = docs.get(start..)?;
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest.get(..end)
}

/// GitHub code scanning takes at most this many characters of a rule's descriptions.
const DESCRIPTION_MAX: usize = 1024;

/// `s` cut to at most `max` characters, at a word boundary, with `…` when cut.
fn limit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > 0 => cut.get(..i).unwrap_or(&cut).trim_end().to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

/// Joins a markdown paragraph's lines into one line of text.
fn plain(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `summary` as a sentence: capitalised, with a full stop.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let mut out = match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => return String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// An `artifactLocation`: relative to `%SRCROOT%` (the working directory) when possible.
fn artifact(path: &str, srcroot: Option<&Path>) -> Value {
    let p = Path::new(path);
    if p.is_absolute() {
        if let Some(rel) = srcroot.and_then(|c| p.strip_prefix(c).ok()) {
            return json!({ "uri": encode(&slashes(&rel.to_string_lossy())), "uriBaseId": SRCROOT });
        }
        return match file_uri(p) {
            Some(uri) => json!({ "uri": uri }),
            None => json!({ "uri": encode(&slashes(path)) }),
        };
    }
    let rel = slashes(path);
    let rel = rel.strip_prefix("./").unwrap_or(&rel);
    json!({ "uri": encode(rel), "uriBaseId": SRCROOT })
}

fn slashes(s: &str) -> String {
    s.replace('\\', "/")
}

/// `file:///abs/path` for an absolute path.
fn file_uri(p: &Path) -> Option<String> {
    let s = slashes(p.to_str()?);
    let s = if s.starts_with('/') {
        s
    } else {
        format!("/{s}")
    };
    Some(format!("file://{}", encode(&s)))
}

/// The working directory as a `file:` URI ending in `/`.
fn dir_uri(p: &Path) -> Option<String> {
    let mut uri = file_uri(p)?;
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// Percent-encodes everything but unreserved characters, `/` and a drive letter's `:`.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, b) in s.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (b == b':' && i == 2 && s.starts_with('/'));
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            artifact("plans/care 2027.plan.toml", Some(cwd)),
            json!({ "uri": "plans/care%202027.plan.toml", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact("plans\\a.plan.toml", Some(cwd)),
            json!({ "uri": "plans/a.plan.toml", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact("/work/repo/plans/a.plan.toml", Some(cwd)),
            json!({ "uri": "plans/a.plan.toml", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact("/elsewhere/ä.plan.toml", Some(cwd)),
            json!({ "uri": "file:///elsewhere/%C3%A4.plan.toml" })
        );
        assert_eq!(artifact("<stdin>", Some(cwd))["uri"], json!("%3Cstdin%3E"));
        assert_eq!(dir_uri(cwd).as_deref(), Some("file:///work/repo/"));
    }

    #[test]
    fn docs_sections() {
        let docs = " ## What it checks\n A key the format\n does not define.\n\n ## Why\n x\n";
        let text = docs_text(docs);
        assert_eq!(
            section(&text, "What it checks").map(plain).as_deref(),
            Some("A key the format does not define.")
        );
        assert_eq!(sentence("a thing"), "A thing.");
        assert_eq!(limit("one two three", 20), "one two three");
        assert_eq!(limit("one two three", 10), "one two…");
        assert!(limit(&"é ".repeat(2000), DESCRIPTION_MAX).chars().count() <= DESCRIPTION_MAX);
        assert_eq!(escape_link("in `[plan]`"), "in `\\[plan\\]`");
    }
}
