//! PL: the plan file and its structure.

pub mod pl001_invalid_toml;
pub mod pl002_unreadable_file;
pub mod pl003_missing_key;
pub mod pl004_unknown_key;
pub mod pl005_wrong_type;
pub mod pl006_invalid_value;
pub mod pl007_duplicate_id;
pub mod pl008_unsupported_version;
pub mod pl009_dangling_reference;

use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::model::{Fact, FactKind};
use crate::rules::Ctx;
use pl001_invalid_toml::InvalidToml;
use pl002_unreadable_file::UnreadableFile;

/// PL001 (invalid TOML) and PL002 (unreadable file): always errors. Nothing else in such a
/// file was checked, so silencing them would let a broken plan pass CI with nothing reported.
pub const UNSILENCEABLE: &[&str] = &[InvalidToml::META.code, UnreadableFile::META.code];

/// Whether a rule can never be turned off, lowered or suppressed.
pub fn unsilenceable(code: &str) -> bool {
    UNSILENCEABLE.contains(&code)
}

/// How a rule turns a fact's hint into a fix.
type FixFn = fn(&Fact, &Ctx<'_>) -> Option<Fix>;

/// PL003–PL006 report what the model builder recorded, each with its rule's fix.
fn report_facts(
    code: &'static str,
    kind: FactKind,
    fix: FixFn,
    cx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for fact in cx.facts.iter().filter(|f| f.kind == kind) {
        let mut d = Diagnostic::new(code, fact.span, fact.message.clone());
        d.help = fact.help.clone();
        d.fix = fix(fact, cx);
        out.push(d);
    }
}
