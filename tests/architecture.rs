//! The library's top-level modules form no import cycle (architecture.md, "After version
//! 0.1"): data flows one way, config → discovery → packs → rules never loops back. The
//! language server and the binary's CLI are front ends: they may use anything, nothing uses
//! them.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Front ends: no library module may depend on them.
const FRONT_ENDS: &[&str] = &["server"];

/// The library's top-level modules, as `lib.rs` declares them (`pub mod`, `pub(crate) mod`, `mod`).
fn modules(src: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    lib.lines()
        .map(str::trim)
        .filter(|l| l.ends_with(';') && !l.contains('{'))
        .filter_map(|l| l.split_once("mod ").map(|(_, name)| name))
        .map(|l| l.trim_end_matches(';').trim().to_string())
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

/// Code without comments, and without the test module that ends a file (`#[cfg(test)] mod`:
/// clippy's `items_after_test_module` keeps it last): tests may use anything.
fn code_only(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|n| n.trim_start().starts_with("mod "))
        {
            break;
        }
        // A `//` inside a string literal (`"https://..."`) starts no comment.
        let mut in_str = false;
        let mut prev = ' ';
        let mut end = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if c == '/' && prev == '/' && !in_str {
                end = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..end]);
        out.push('\n');
    }
    out
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level modules the code of one file (at `depth` modules below the crate root: 1 for
/// `src/config.rs` or `src/config/mod.rs`, 2 for `src/config/load.rs`) names: `crate::m`,
/// `crate::{m::X, n::Y}` over any number of lines, and `super::` chains that climb to the root.
/// Comments and the trailing test module are left out.
fn references_at(text: &str, depth: usize, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code = code_only(text);
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        // `$crate::` in a macro is the same crate; `smplan::` is not written inside it.
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group: after `{` or a `,` at depth one.
            let mut level = 1;
            let mut expect_name = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => level += 1,
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    ',' if level == 1 => expect_name = true,
                    c if expect_name && (c.is_ascii_alphanumeric() || c == '_') => {
                        names.push(ident(&group[i..]));
                        expect_name = false;
                    }
                    _ => {}
                }
            }
        } else {
            names.push(ident(rest));
        }
    }
    for (at, _) in code.match_indices("super::") {
        // Only the start of a chain: count its `super::`s.
        if code[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &code[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        if ups >= depth {
            names.push(ident(rest));
        }
    }
    names.into_iter().filter(|n| modules.contains(n)).collect()
}

/// [`references_at`] for a file directly in its module (depth 1).
fn references(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    references_at(text, 1, modules)
}

/// How many modules below the crate root a file's code sits.
fn depth(src: &Path, file: &Path) -> usize {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let parts = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        parts - 1
    } else {
        parts
    }
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
                deps.extend(references_at(&text, depth(&src, &f), &mods));
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
    // Grouped imports, over several lines, name every module of the group.
    let grouped = "use crate::{\n    config::Settings,\n    rules::{Ctx, Limits},\n};";
    assert_eq!(references(grouped, &mods), mods);
    // `super::super::` from `src/rules/kpis/x.rs` (depth 3) stays inside `rules`; from
    // `src/rules/x.rs` (depth 2) it reaches the root.
    assert!(references_at("use super::super::config::X;", 3, &mods).is_empty());
    assert_eq!(
        references_at("use super::super::config::X;", 2, &mods),
        ["config".to_string()].into()
    );
    // A `//` in a string is no comment; the test module at the end is left out.
    assert_eq!(
        references("let u = \"https://x\"; crate::rules::f();", &mods),
        ["rules".to_string()].into()
    );
    assert!(
        references(
            "fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::rules::X;\n}\n",
            &mods
        )
        .is_empty()
    );
}

#[test]
fn the_library_reads_no_working_directory_and_leaks_nothing() {
    let src = common::repo().join("src");
    for m in modules(&src) {
        for f in files(&src, &m) {
            let text = std::fs::read_to_string(&f).expect("readable source");
            // `std::path::absolute` reads it too.
            for cwd in ["current_dir", "path::absolute"] {
                assert!(
                    !text.contains(cwd),
                    "{} reads the working directory ({cwd}): only the CLI may",
                    f.display()
                );
            }
            assert!(
                !text.contains("std::env::") && !text.contains("env::var"),
                "{} reads the environment: only the CLI may",
                f.display()
            );
            // Pack text is shared with the pack (`diagnostic::Code`), never leaked to `'static`.
            for leak in ["Box::leak", ".leak(", "mem::forget"] {
                assert!(
                    !text.contains(leak),
                    "{} leaks memory ({leak})",
                    f.display()
                );
            }
        }
    }
}
