//! GitLab Code Quality: a JSON array of issues for the merge-request widget.
//!
//! The fingerprint digests the path, the code, the item the diagnostic is about (its
//! [`Diagnostic::item`], or its message when the rule names no item) and the diagnostic's index
//! among those sharing the three: never the line, so GitLab sees the same issue after edits
//! elsewhere in the file move it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Outcome;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// `base` is the folder relative paths are given from (the CLI's working directory): absolute
/// paths under it are made relative to it.
pub fn render(outcome: &Outcome, base: Option<&Path>) -> String {
    let mut seen: HashMap<(String, &str, &str), usize> = HashMap::new();
    let mut issues = Vec::new();
    for file in &outcome.files {
        let path = location_path(&file.path, base);
        for d in &file.diagnostics {
            let subject = subject(d);
            let index = seen
                .entry((path.clone(), d.code.as_str(), subject))
                .and_modify(|n| *n += 1)
                .or_insert(0);
            issues.push(Issue {
                description: format!("{} {}", d.code, d.message),
                check_name: &d.code,
                fingerprint: fingerprint(&path, &d.code, subject, *index),
                severity: severity(d.severity),
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: d.start.line.max(1),
                    },
                },
            });
        }
    }
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// What the diagnostic is about: its item, else its message (which names the item in words).
fn subject(d: &Diagnostic) -> &str {
    d.item.as_deref().unwrap_or(&d.message)
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

/// Relative to the working directory (the repository root in CI), with `/` separators.
fn location_path(path: &str, base: Option<&Path>) -> String {
    let p = Path::new(path);
    let rel = match base.and_then(|c| p.strip_prefix(c).ok()) {
        Some(rel) => rel.to_string_lossy().into_owned(),
        None => path.to_string(),
    };
    let rel = rel.replace('\\', "/");
    rel.strip_prefix("./").unwrap_or(&rel).to_string()
}

/// 128-bit FNV-1a over the fields, NUL-separated, as 32 lowercase hex digits: stable across
/// platforms and releases, and a few lines instead of a hashing crate.
fn fingerprint(path: &str, code: &str, subject: &str, index: usize) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    let index = index.to_string();
    let mut hash = OFFSET;
    for field in [path, code, subject, &index] {
        for &b in field.as_bytes().iter().chain(&[0]) {
            hash ^= u128::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_fnv1a_128_and_depends_on_every_field() {
        // FNV-1a 128 of the empty input is the offset basis; of "a" the published test vector.
        let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
        h ^= u128::from(b'a');
        h = h.wrapping_mul(0x0000000001000000000000000000013b);
        assert_eq!(format!("{h:032x}"), "d228cb696f1a8caf78912b704e4a8964");
        let base = fingerprint("a.plan.toml", "KP001", "goal:g1", 0);
        assert_eq!(base.len(), 32);
        assert!(
            base.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        for other in [
            fingerprint("b.plan.toml", "KP001", "goal:g1", 0),
            fingerprint("a.plan.toml", "KP002", "goal:g1", 0),
            fingerprint("a.plan.toml", "KP001", "goal:g2", 0),
            fingerprint("a.plan.toml", "KP001", "goal:g1", 1),
            // The separator keeps field boundaries apart.
            fingerprint("a.plan.tomlK", "P001", "goal:g1", 0),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn paths_are_relative_with_forward_slashes() {
        let cwd = Path::new("/repo");
        assert_eq!(
            location_path("/repo/plans/a.plan.toml", Some(cwd)),
            "plans/a.plan.toml"
        );
        assert_eq!(
            location_path("./plans\\a.plan.toml", Some(cwd)),
            "plans/a.plan.toml"
        );
        assert_eq!(
            location_path("/elsewhere/a.plan.toml", Some(cwd)),
            "/elsewhere/a.plan.toml"
        );
        assert_eq!(location_path("<stdin>", None), "<stdin>");
    }
}
