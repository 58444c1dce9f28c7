//! The library's top-level modules form no import cycle (architecture.md, "After version
//! 0.1"): data flows one way, config → discovery → packs → rules never loops back. The
//! language server and the binary's CLI are front ends: they may use anything, nothing uses
//! them.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Front ends: no library module may depend on them.
const FRONT_ENDS: &[&str] = &["server"];

/// The library's top-level modules, as `lib.rs` declares them.
fn modules(src: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect()
}

/// Every `.rs` file of a module: `name.rs` and anything under `name/`.
fn files(src: &Path, module: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        out.push(file);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// The top-level modules `text` names as `crate::<module>` (comments left out: a doc link is
/// no dependency).
fn references(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            // `$crate::` in a macro is the same crate; `smplan::` is not written inside it.
            let name: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&name) {
                out.insert(name);
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = common::repo().join("src");
    let mods: BTreeSet<String> = modules(&src).into_iter().collect();
    assert!(mods.len() > 10, "lib.rs declares the modules: {mods:?}");
    mods.iter()
        .map(|m| {
            let mut deps = BTreeSet::new();
            for f in files(&src, m) {
                let text = std::fs::read_to_string(&f).expect("readable source");
                deps.extend(references(&text, &mods));
            }
            deps.remove(m);
            (m.clone(), deps)
        })
        .collect()
}

/// A cycle through `start`, if any: the path back to it.
fn cycle_from(start: &str, graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn no_top_level_module_cycle() {
    let graph = graph();
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(m, &graph))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn nothing_depends_on_a_front_end() {
    for (m, deps) in graph() {
        for f in FRONT_ENDS {
            assert!(!deps.contains(*f), "`{m}` uses the front end `{f}`");
        }
    }
}

#[test]
fn the_scan_sees_a_cycle() {
    let mods: BTreeSet<String> = ["config", "rules"].map(String::from).into();
    let mut graph = BTreeMap::new();
    graph.insert(
        "config".to_string(),
        references("use crate::rules::Limits; // crate::nothing", &mods),
    );
    graph.insert(
        "rules".to_string(),
        references(
            "    let s = crate::config::Settings::defaults(root);",
            &mods,
        ),
    );
    assert_eq!(
        cycle_from("config", &graph),
        Some(vec!["config".into(), "rules".into(), "config".into()])
    );
    // A doc comment is no dependency.
    assert!(references("/// see [`crate::rules`]", &mods).is_empty());
}

#[test]
fn the_library_reads_no_working_directory_and_leaks_nothing() {
    let src = common::repo().join("src");
    for m in modules(&src) {
        for f in files(&src, &m) {
            let text = std::fs::read_to_string(&f).expect("readable source");
            assert!(
                !text.contains("current_dir"),
                "{} reads the working directory: only the CLI may",
                f.display()
            );
            // Pack text is shared with the pack (`diagnostic::Code`), never leaked to `'static`.
            assert!(!text.contains("Box::leak"), "{} leaks memory", f.display());
        }
    }
}
