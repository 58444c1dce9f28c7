//! `smplan test-pack`: run a pack's `[[rule.example]]` entries, like ESLint's RuleTester.

use super::Failure;
use smplan::catalog::{Catalog, Origin};
use smplan::config::Settings;
use smplan::examples::test_pack;
use smplan::packs::{BUILTIN_PACKS, load_pack};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct TestPackArgs {
    /// Pack files to test.
    #[arg(value_name = "PACK", required_unless_present = "builtin")]
    pub packs: Vec<PathBuf>,
    /// Test the packs compiled into smplan (the repository's `rules/` folder).
    #[arg(long)]
    pub builtin: bool,
}

pub fn run(args: &TestPackArgs) -> Result<u8, Failure> {
    let mut catalog = Catalog::builtin();
    let first_user_rule = catalog.pack_rules.len();
    for path in &args.packs {
        let pack = load_pack(path, &catalog)?;
        catalog.add_pack(pack);
    }
    let settings = Settings::with_catalog(PathBuf::from("."), catalog);
    let builtin_names: Vec<&str> = BUILTIN_PACKS.iter().map(|(n, _)| *n).collect();
    let chosen: Vec<usize> = settings
        .catalog
        .rules
        .iter()
        .filter_map(|r| match r.origin {
            Origin::Pack(i) if (i >= first_user_rule) || args.builtin => Some(i),
            _ => None,
        })
        .collect();
    let rules = chosen
        .iter()
        .map(|&i| settings.catalog.pack_rules[i].as_ref());
    let (ran, failures) = test_pack(rules, &settings);
    let mut out = String::new();
    for f in &failures {
        for problem in &f.problems {
            out.push_str(&smplan::sanitize::line(&format!(
                "FAIL {} (example at line {}): {problem}",
                f.code, f.line
            )));
            out.push('\n');
        }
    }
    let what = if args.builtin && args.packs.is_empty() {
        builtin_names.join(", ")
    } else {
        "the pack".into()
    };
    out.push_str(&format!(
        "{ran} example(s) of {} rule(s) in {what}: {} passed, {} failed\n",
        chosen.len(),
        ran.saturating_sub(failures.len()),
        failures.len()
    ));
    super::emit(None, &out)?;
    Ok(if failures.is_empty() { 0 } else { 1 })
}
