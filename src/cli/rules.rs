//! `smplan rules`.

use super::{Failure, Global, load_settings};
use clap::ValueEnum;
use serde::Serialize;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    default_severity: &'a str,
    severity: &'a str,
    summary: &'a str,
    pack: Option<&'a str>,
    /// `safe`, `unsafe` or `none`: the fix `lint --fix` can apply.
    fix: &'a str,
}

pub fn run(args: &RulesArgs, global: &Global) -> Result<u8, Failure> {
    let settings = load_settings(global)?;
    let effective = &settings.base().severities;
    let rows: Vec<Row> = settings
        .catalog
        .rules
        .iter()
        .zip(effective)
        .map(|(r, s)| Row {
            code: &r.meta.code,
            name: &r.meta.name,
            default_severity: r.meta.severity.as_str(),
            severity: s.map_or("off", |s| s.as_str()),
            summary: &r.meta.summary,
            pack: r.pack.as_deref(),
            fix: r.meta.fix.as_str(),
        })
        .collect();
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
        Format::Text => {
            let mut out = format!(
                "{:<9} {:<30} {:<8} {:<8} {:<7} {}\n",
                "CODE", "NAME", "DEFAULT", "NOW", "FIX", "SUMMARY"
            );
            for r in &rows {
                out.push_str(&format!(
                    "{:<9} {:<30} {:<8} {:<8} {:<7} {}\n",
                    r.code,
                    r.name,
                    r.default_severity,
                    r.severity,
                    r.fix,
                    // A pack's summary is text from a pull request too.
                    smplan::sanitize::line(r.summary)
                ));
            }
            out.push_str("\nHI rules run only with `smplan lint --base REV`; `smplan explain CODE` shows a rule's docs.\n");
            out
        }
    };
    super::emit(None, &out)?;
    Ok(0)
}
