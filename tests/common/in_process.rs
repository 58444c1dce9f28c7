//! Linting text through the library, without the binary.

use smplan::Diagnostic;
use smplan::catalog::Catalog;
use smplan::config::Settings;
use smplan::error::ConfigError;
use smplan::lint::{Input, Options, lint};
use smplan::packs::Pack;
use std::path::PathBuf;

/// The diagnostics of `text` linted as standard input named `name`.
pub fn lint_text(name: &str, text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let input = Input::Stdin {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    };
    lint(vec![input], settings, &Options::default())
        .files
        .pop()
        .map(|f| f.diagnostics)
        .unwrap_or_default()
}

/// A pack `t` with one rule `TT001` (warning) on `select`: `message`, then the `body` lines
/// (its checks or expressions).
pub fn one_rule_pack(select: &str, message: &str, body: &str) -> String {
    format!(
        "[pack]\nname = \"t\"\n[[rule]]\ncode = \"TT001\"\nname = \"t\"\nseverity = \"warning\"\n\
         summary = \"s\"\nselect = \"{select}\"\nmessage = \"{message}\"\n{body}\n"
    )
}

/// `pack` loaded as `test.toml` next to the built-in rules.
pub fn load_pack(pack: &str) -> Result<Pack, Box<ConfigError>> {
    smplan::packs::load_pack_text("test.toml", pack, &Catalog::builtin(), false).map_err(Box::new)
}

/// Default settings over the built-in rules and one pack loaded from `pack` (as `test.toml`).
pub fn settings_with_pack(pack: &str) -> Settings {
    let mut catalog = Catalog::builtin();
    let pack = smplan::packs::load_pack_text("test.toml", pack, &catalog, false)
        .unwrap_or_else(|e| panic!("pack loads: {e:?}"));
    catalog.add_pack(pack);
    Settings::with_catalog(PathBuf::from("."), catalog)
}

/// `line:col CODE message`.
pub fn brief(d: &Diagnostic) -> String {
    format!(
        "{}:{} {} {}",
        d.start.line, d.start.column, d.code, d.message
    )
}
