//! `smplan.toml` → [`Settings`]: defaults, then the file, then the command line.
//!
//! The file's shape (`file.rs`, serde) → its values validated with spans (`validate.rs`,
//! `bounds.rs`) → loaded into settings (`load.rs`, packs included) → resolved per path
//! (`resolve.rs`: `[[overrides]]` layered and cached) with the command line's rule choices
//! (`command_line.rs`) on top. The options rules read live in [`crate::rules::options`].

mod bounds;
mod command_line;
mod file;
mod load;
mod resolve;
#[cfg(test)]
mod sources_tests;
mod validate;

pub use command_line::CliRules;
pub use resolve::{FileSettings, LangWords, RuleLevels};

use crate::catalog::Catalog;
use crate::discover::Scope;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use crate::error::{ConfigError, config_read_reason};

pub const CONFIG_NAMES: &[&str] = &["smplan.toml", ".smplan.toml"];
pub const DEFAULT_INCLUDE: &str = "**/*.plan.toml";

/// Everything a run needs to know: the catalog, globs, severities, limits and word lists.
pub struct Settings {
    /// The root, `include` and `exclude`: what [`crate::discover`] walks.
    pub scope: Scope,
    pub config_path: Option<PathBuf>,
    pub packs: Vec<PathBuf>,
    /// `baseline = "..."`, joined to the config file's folder.
    pub baseline: Option<PathBuf>,
    pub catalog: Catalog,
    /// The core business goals KPIs serve (`core_goals`; default Sterne's three).
    pub core_goals: Vec<String>,
    base_levels: RuleLevels,
    overrides: Vec<resolve::Override>,
    cli: Option<command_line::CliLevels>,
    base: Arc<FileSettings>,
    cache: Mutex<HashMap<Vec<bool>, Arc<FileSettings>>>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("root", &self.scope.root())
            .field("config_path", &self.config_path)
            .finish()
    }
}

/// Finds `smplan.toml` or `.smplan.toml` in `dir` or its ancestors.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

impl Settings {
    /// See [`Scope::set_working_dir`]: the library reads no working directory itself.
    pub fn set_working_dir(&mut self, dir: &Path) {
        self.scope.set_working_dir(dir);
    }

    /// See [`Scope::set_process_working_dir`]: for a front end whose working directory is the
    /// process's own (the command line).
    pub fn set_process_working_dir(&mut self, dir: &Path) {
        self.scope.set_process_working_dir(dir);
    }

    /// `path` relative to the root, or as given when it lies outside.
    pub fn relative(&self, path: &Path) -> PathBuf {
        self.scope.relative(path)
    }

    /// Whether `rel` (relative to the root) or one of its folders matches an `exclude` glob.
    pub fn excluded(&self, rel: &Path) -> bool {
        self.scope.excluded(rel)
    }

    pub fn base(&self) -> &Arc<FileSettings> {
        &self.base
    }

    /// Whether a rule is on anywhere in this run (for skipping cross-file work).
    pub fn rule_enabled(&self, code: &str) -> bool {
        self.catalog
            .lookup(code)
            .is_some_and(|i| self.base.severities[i].is_some())
            || !self.overrides.is_empty()
    }
}
