//! Fuzzes what arrives beside plans: `smplan.toml` and rule packs (both loaders, with every
//! error rendered the way standard error shows it), and the sanitiser's promises on any text:
//! no control left but the snippet's own line breaks and tabs, one line in → one line out, and
//! offsets that map inside the sanitised text at character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smplan::config::Settings;
use smplan::packs::load_pack_text;
use smplan::rules::registry::Catalog;
use smplan::sanitize::{self, SafeSource};
use std::path::Path;

fn render(e: smplan::config::ConfigError) -> String {
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let _ = handler.render_report(&mut out, &e);
    out
}

fn check_printed(out: &str) {
    assert!(
        !out.chars().any(|c| sanitize::is_unsafe(c) && c != '\n' && c != '\t'),
        "raw control printed: {out:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };

    // The sanitiser.
    let line = sanitize::line(text);
    assert!(!line.chars().any(sanitize::is_unsafe));
    assert!(!line.contains('\n') && !line.contains('\r'));
    let safe = SafeSource::new(text.to_string());
    for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
        let at = safe.map(i);
        assert!(safe.text().is_char_boundary(at), "offset {i} maps inside a character");
    }

    // Both loaders: an error or a value, never a panic; errors print sanitised.
    match Settings::load_text(Path::new("fuzz/smplan.toml"), text.to_string()) {
        Ok(_) => {}
        Err(e) => check_printed(&render(e)),
    }
    if let Err(e) = load_pack_text("fuzz.toml", text, &Catalog::builtin(), false) {
        check_printed(&render(e));
    }
});
