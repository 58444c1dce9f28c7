//! The benchmark's floor: walk, read and parse every plan with the same `toml` parser smplan
//! uses, on every core, and nothing else. `bench/run.sh` compares `smplan lint` with it.

use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let files: Vec<_> = ignore::WalkBuilder::new(&root)
        .build()
        .flatten()
        .filter(|e| e.path().to_string_lossy().ends_with(".plan.toml"))
        .map(|e| e.into_path())
        .collect();
    let parsed: usize = files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            usize::from(toml::de::DeTable::parse(&text).is_ok())
        })
        .sum();
    println!("{} files, {parsed} parsed", files.len());
}
