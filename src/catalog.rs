//! The rules of one run: the built-in ones (Rust and the built-in packs) plus any from packs.

use crate::diagnostic::{Code, Severity};
use crate::packs::{BUILTIN_PACKS, Pack, PackRule, load_pack_text};
use crate::rules::Metadata;
use crate::rules::registry::{BUILTIN, Check};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// The built-in catalog and the errors of built-in packs that failed, built once per process.
static BUILTIN_CATALOG: LazyLock<(Catalog, Vec<String>)> =
    LazyLock::new(|| Catalog::build_builtin(BUILTIN_PACKS));

/// Where a rule in the catalog comes from.
#[derive(Clone, Copy)]
pub enum Origin {
    Builtin(Check),
    /// Index of a declarative rule loaded from a pack.
    Pack(usize),
}

/// One rule as the run knows it (built-in or from a pack).
#[derive(Clone)]
pub struct RuleInfo {
    pub meta: Metadata,
    pub origin: Origin,
    /// Set for pack rules: the pack's name.
    pub pack: Option<Code>,
}

impl RuleInfo {
    /// The letters of the code (`SM` for `SM002`).
    pub fn area(&self) -> &str {
        self.meta
            .code
            .trim_end_matches(|c: char| c.is_ascii_digit())
    }
}

/// The rules of one run: the built-in ones plus any from packs.
#[derive(Clone)]
pub struct Catalog {
    pub rules: Vec<RuleInfo>,
    /// Declarative rules, indexed by [`Origin::Pack`].
    pub pack_rules: Vec<Arc<PackRule>>,
    index: HashMap<Code, usize>,
}

impl Default for Catalog {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Catalog {
    /// The built-in rules: those in Rust and those of the packs in `rules/`, in code order.
    /// Built once per process (the built-in packs parsed once); each call clones that.
    pub fn builtin() -> Self {
        BUILTIN_CATALOG.0.clone()
    }

    /// Why a built-in pack failed to load, for each one that did: a broken build, which a test
    /// catches (the library prints nothing; the pack's rules are missing from the catalog).
    pub fn builtin_errors() -> &'static [String] {
        &BUILTIN_CATALOG.1
    }

    fn build_builtin(packs: &[(&str, &str)]) -> (Self, Vec<String>) {
        let mut catalog = Catalog {
            rules: Vec::new(),
            pack_rules: Vec::new(),
            index: HashMap::new(),
        };
        for b in BUILTIN {
            catalog.push(RuleInfo {
                meta: b.meta.into(),
                origin: Origin::Builtin(b.check),
                pack: None,
            });
        }
        let mut errors = Vec::new();
        for (name, text) in packs {
            match load_pack_text(name, text, &catalog, true) {
                Ok(pack) => catalog.add_pack(pack),
                Err(e) => errors.push(format!("built-in pack `{name}`: {}", e.message)),
            }
        }
        // The method's order (scope → … → metrics), as in rules.md; codes within an area.
        const AREAS: &[&str] = &[
            "PL", "SC", "BG", "MS", "GL", "KP", "SM", "TC", "MT", "BS", "HI", "SU",
        ];
        let area_of = |r: &RuleInfo| {
            let area = r.area();
            AREAS.iter().position(|a| *a == area).unwrap_or(AREAS.len())
        };
        catalog
            .rules
            .sort_by(|a, b| (area_of(a), &a.meta.code).cmp(&(area_of(b), &b.meta.code)));
        catalog.reindex();
        (catalog, errors)
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, r) in self.rules.iter().enumerate() {
            self.index.insert(r.meta.code.clone(), i);
            self.index.insert(r.meta.name.clone(), i);
        }
    }

    /// Adds a loaded pack's rules (validated against this catalog by the loader).
    pub fn add_pack(&mut self, pack: Pack) {
        for rule in pack.rules {
            let meta = rule.meta.clone();
            let origin = Origin::Pack(self.pack_rules.len());
            self.pack_rules.push(Arc::new(rule));
            self.push(RuleInfo {
                meta,
                origin,
                pack: Some(pack.name.clone()),
            });
        }
    }

    pub fn push(&mut self, rule: RuleInfo) {
        let i = self.rules.len();
        self.index.insert(rule.meta.code.clone(), i);
        self.index.insert(rule.meta.name.clone(), i);
        self.rules.push(rule);
    }

    /// A rule by exact code or name.
    pub fn lookup(&self, code_or_name: &str) -> Option<usize> {
        self.index.get(code_or_name).copied()
    }

    pub fn get(&self, code_or_name: &str) -> Option<&RuleInfo> {
        self.lookup(code_or_name).map(|i| &self.rules[i])
    }

    /// Rules named by a selector: a code, a name, or an area prefix (`SM`). Empty when unknown.
    pub fn select(&self, selector: &str) -> Selection {
        if let Some(i) = self.lookup(selector) {
            return Selection::Exact(i);
        }
        let matched: Vec<usize> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.area() == selector)
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            Selection::Unknown
        } else {
            Selection::Prefix(matched)
        }
    }

    /// Codes and names close to an unknown selector, for "did you mean".
    pub fn suggestions(&self, selector: &str) -> Vec<&str> {
        let upper = selector.to_ascii_uppercase();
        let mut scored: Vec<(f64, &str)> = self
            .rules
            .iter()
            .flat_map(|r| [r.meta.code.as_str(), r.meta.name.as_str()])
            .map(|c| {
                let s = if c == upper {
                    1.0
                } else {
                    strsim::jaro_winkler(&selector.to_lowercase(), &c.to_lowercase())
                };
                (s, c)
            })
            .filter(|(s, _)| *s >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, c)| c).collect()
    }

    pub fn defaults(&self) -> Vec<Option<Severity>> {
        self.rules.iter().map(|r| Some(r.meta.severity)).collect()
    }
}

impl crate::packs::Known for Catalog {
    fn find(&self, code_or_name: &str) -> Option<(&str, Option<&str>)> {
        self.get(code_or_name)
            .map(|r| (r.meta.code.as_str(), r.pack.as_deref()))
    }

    fn suggestions(&self, selector: &str) -> Vec<&str> {
        Catalog::suggestions(self, selector)
    }
}

/// The result of resolving a selector.
#[derive(Debug, PartialEq, Eq)]
pub enum Selection {
    Exact(usize),
    Prefix(Vec<usize>),
    Unknown,
}

impl Selection {
    pub fn indices(&self) -> &[usize] {
        match self {
            Selection::Exact(i) => std::slice::from_ref(i),
            Selection::Prefix(v) => v,
            Selection::Unknown => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_packs_are_parsed_once() {
        let (a, b) = (Catalog::builtin(), Catalog::builtin());
        assert!(!a.pack_rules.is_empty());
        // Every call shares the rules parsed the first time, rather than parsing again.
        assert!(
            a.pack_rules
                .iter()
                .zip(&b.pack_rules)
                .all(|(x, y)| Arc::ptr_eq(x, y))
        );
    }

    #[test]
    fn every_builtin_pack_loads() {
        assert_eq!(Catalog::builtin_errors(), [] as [String; 0]);
        let packs = BUILTIN_PACKS.len();
        assert!(packs > 0);
        // A broken pack is collected, not printed, and the others still load.
        let mut broken = BUILTIN_PACKS.to_vec();
        broken.push(("broken.toml", "[pack\n"));
        let (catalog, errors) = Catalog::build_builtin(&broken);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("built-in pack `broken.toml`: "),
            "{errors:?}"
        );
        assert_eq!(
            catalog.pack_rules.len(),
            Catalog::builtin().pack_rules.len()
        );
    }

    #[test]
    fn prefixes_match_letters_exactly() {
        let c = Catalog::builtin();
        assert!(matches!(c.select("PL"), Selection::Prefix(v) if v.len() == 9));
        assert_eq!(c.select("P"), Selection::Unknown);
        assert_eq!(
            c.select("missing-key"),
            Selection::Exact(c.lookup("PL003").unwrap())
        );
    }
}
