//! `--select`, `--ignore` and `--severity` over the settings.

use crate::catalog::Selection;
use crate::diagnostic::{Level, Severity};
use crate::error::ConfigError;
use std::sync::Arc;

use super::Settings;
use super::resolve::FileSettings;
use super::validate::{suggestion_help, unsilenceable_help};

/// Rule choices from the command line.
#[derive(Clone, Debug, Default)]
pub struct CliRules {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Level)>,
}

/// `CliRules` resolved to rule indices.
pub(super) struct CliLevels {
    pub(super) select: Option<Vec<usize>>,
    pub(super) ignore: Vec<usize>,
    pub(super) severity: Vec<(usize, Level)>,
}

impl Settings {
    /// Applies `--select`, `--ignore` and `--severity`. Unknown rules are an error (exit 2).
    /// Empty items (`--select SM,`) are ignored; a `--select` with nothing but empty items
    /// (`--select ''`) restricts nothing, as if it were not given.
    pub fn apply_cli(&mut self, cli: &CliRules) -> Result<(), ConfigError> {
        let resolve = |sel: &str| -> Result<Vec<usize>, ConfigError> {
            let s = self.catalog.select(sel);
            if s == Selection::Unknown {
                let mut e = ConfigError::plain(format!("unknown rule `{sel}` on the command line"));
                e.help = suggestion_help(&self.catalog, sel);
                return Err(e);
            }
            Ok(s.indices().to_vec())
        };
        let given = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let select = match cli.select.as_deref().map(given) {
            Some(list) if !list.is_empty() => Some(
                list.iter()
                    .map(|s| resolve(s))
                    .collect::<Result<Vec<_>, _>>()?
                    .concat(),
            ),
            _ => None,
        };
        // Naming PL001/PL002 to silence them is an error; a prefix (`PL`) passes over them.
        let refuse = |sel: &str, flag: &str| -> Result<(), ConfigError> {
            if let Selection::Exact(i) = self.catalog.select(sel)
                && let Some(code) = crate::rules::UNSILENCEABLE
                    .iter()
                    .find(|c| **c == self.catalog.rules[i].meta.code)
            {
                let mut e = ConfigError::plain(format!(
                    "rule {code} cannot be turned off or lowered (`{flag}`)"
                ));
                e.help = Some(unsilenceable_help(code).replacen("remove this entry", "drop it", 1));
                return Err(e);
            }
            Ok(())
        };
        for sel in given(&cli.ignore) {
            refuse(&sel, &format!("--ignore {sel}"))?;
        }
        for (sel, level) in &cli.severity {
            if *level != Level::Error {
                refuse(sel.trim(), &format!("--severity {}", sel.trim()))?;
            }
        }
        let ignore = given(&cli.ignore)
            .iter()
            .map(|s| resolve(s))
            .collect::<Result<Vec<_>, _>>()?
            .concat();
        let mut severity = Vec::new();
        for (sel, level) in &cli.severity {
            if sel.trim().is_empty() {
                let mut e = ConfigError::plain("`--severity` names no rule before `=`");
                e.help = Some("write `--severity CODE=LEVEL`, e.g. `--severity SM003=info`".into());
                return Err(e);
            }
            for i in resolve(sel.trim())? {
                severity.push((i, *level));
            }
        }
        self.cli = Some(CliLevels {
            select,
            ignore,
            severity,
        });
        let mut base = self.catalog.defaults();
        self.base_levels.apply(&mut base);
        self.apply_cli_levels(&mut base);
        self.base = Arc::new(FileSettings {
            severities: base,
            limits: self.base.limits.clone(),
            words: self.base.words.clone(),
            lang_words: self.base.lang_words.clone(),
        });
        self.cache.lock().map(|mut c| c.clear()).ok();
        Ok(())
    }

    pub(super) fn apply_cli_levels(&self, severities: &mut [Option<Severity>]) {
        let Some(CliLevels {
            select,
            ignore,
            severity,
        }) = &self.cli
        else {
            return;
        };
        if let Some(select) = select {
            for (i, s) in severities.iter_mut().enumerate() {
                *s = if select.contains(&i) {
                    Some(s.unwrap_or(self.catalog.rules[i].meta.severity))
                } else {
                    None
                };
            }
        }
        for &i in ignore {
            severities[i] = None;
        }
        for &(i, level) in severity {
            severities[i] = level.severity();
        }
    }
}
