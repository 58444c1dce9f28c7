//! `smplan graph` without the terminal: read one plan with the reader and limit `lint` uses,
//! parse it, and draw it, or give the diagnostic `lint` would show instead (PL001 or PL002,
//! which cannot be turned off, so no second read is needed to know it).

use crate::config::Settings;
use crate::lint::{FileResult, Outcome, parse_plan};
use crate::rules::structure::pl002_unreadable_file;
use crate::source::{self, ReadError};
use std::path::Path;

/// What `smplan graph` draws in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Mermaid,
    Dot,
}

/// The most bytes a plan named `name` may have under `settings` (`max_file_bytes` of its
/// folder), for a caller that reads it itself (standard input).
pub fn limit_for(name: &Path, settings: &Settings) -> u64 {
    settings
        .for_path(&settings.relative(name))
        .limits
        .max_file_bytes
}

/// The plan file at `path` drawn in `format`, or the outcome to report instead: one file
/// (shown as `shown`) with its PL001 or PL002 diagnostic, located.
pub fn draw_file(
    path: &Path,
    shown: String,
    settings: &Settings,
    format: Format,
) -> Result<String, Outcome> {
    let text = source::read_text(path, limit_for(path, settings));
    draw_text(text, shown, format)
}

/// [`draw_file`] for standard input already read (`bytes`, at most the limit of `name`).
pub fn draw_stdin(
    bytes: Vec<u8>,
    name: String,
    settings: &Settings,
    format: Format,
) -> Result<String, Outcome> {
    let text = source::stdin_text(bytes, limit_for(Path::new(&name), settings));
    draw_text(text, name, format)
}

fn draw_text(
    text: Result<String, ReadError>,
    shown: String,
    format: Format,
) -> Result<String, Outcome> {
    let (text, diagnostic) = match text {
        Ok(text) => match parse_plan(&text) {
            Ok(plan) => {
                let g = super::build(&plan);
                return Ok(match format {
                    Format::Mermaid => super::mermaid(&g),
                    Format::Dot => super::dot(&g),
                });
            }
            Err(d) => (Some(text), d),
        },
        Err(e) => (None, pl002_unreadable_file::diagnostic(&e)),
    };
    Err(Outcome {
        files: vec![FileResult {
            path: shown,
            text,
            diagnostics: vec![diagnostic],
        }],
        ..Outcome::default()
    })
}
