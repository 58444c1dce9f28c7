//! Settings loaded through [`Sources`]: unsaved text wins over the disk, and meets the same
//! size limit and pack confinement as a file (safety.md: hostile input is normal input).

use super::Settings;
use crate::source::{CONFIG_BYTES, Sources};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn pack(code: &str) -> String {
    format!(
        "[pack]\nname = \"acme\"\n\n[[rule]]\ncode = \"{code}\"\nname = \"kpi-without-source\"\n\
         severity = \"warning\"\nsummary = \"s\"\nselect = \"goal[*].kpi[*]\"\nmessage = \"m\"\n\
         require = [\"source\"]\n"
    )
}

/// A project `proj/` with `smplan.toml` naming `packs`, and `proj/acme.toml` on disk.
fn project(packs: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let proj = dir.path().join("proj");
    let write = |p: &Path, t: &str| std::fs::write(p, t).unwrap_or_else(|e| panic!("write: {e}"));
    std::fs::create_dir(&proj).unwrap_or_else(|e| panic!("mkdir: {e}"));
    write(&proj.join("smplan.toml"), &format!("packs = {packs}\n"));
    write(&proj.join("acme.toml"), &pack("ACME001"));
    (dir, proj)
}

fn load(proj: &Path, sources: &dyn Sources) -> Result<Settings, String> {
    Settings::load_with(&proj.join("smplan.toml"), sources).map_err(|e| e.message)
}

#[test]
fn unsaved_packs_and_configs_win_over_the_disk() {
    let (_d, proj) = project("[\"acme.toml\"]");
    let has = |s: &Settings, code: &str| s.catalog.lookup(code).is_some();
    let disk = load(&proj, &crate::source::Disk).unwrap_or_else(|e| panic!("{e}"));
    assert!(has(&disk, "ACME001") && !has(&disk, "ACME002"));
    let buffers = HashMap::from([(proj.join("acme.toml"), pack("ACME002"))]);
    let unsaved = load(&proj, &buffers).unwrap_or_else(|e| panic!("{e}"));
    assert!(has(&unsaved, "ACME002") && !has(&unsaved, "ACME001"));
    // A pack that exists only as a buffer (not saved yet) loads too: its folder is inside.
    let buffers = HashMap::from([
        (proj.join("smplan.toml"), "packs = [\"new.toml\"]\n".into()),
        (proj.join("new.toml"), pack("ACME003")),
    ]);
    let new = load(&proj, &buffers).unwrap_or_else(|e| panic!("{e}"));
    assert!(has(&new, "ACME003"));
}

#[test]
fn unsaved_text_meets_the_size_limit_of_a_file() {
    let (_d, proj) = project("[\"acme.toml\"]");
    let big = format!(
        "{}\n# {}\n",
        pack("ACME001"),
        "x".repeat(CONFIG_BYTES as usize)
    );
    let buffers = HashMap::from([(proj.join("acme.toml"), big.clone())]);
    let unsaved = load(&proj, &buffers).err();
    std::fs::write(proj.join("acme.toml"), &big).unwrap_or_else(|e| panic!("write: {e}"));
    let disk = load(&proj, &crate::source::Disk).err();
    assert!(
        unsaved
            .as_deref()
            .is_some_and(|m| m.contains("over the limit")),
        "{unsaved:?}"
    );
    assert_eq!(unsaved, disk);
    let config = HashMap::from([(proj.join("smplan.toml"), big)]);
    let err = load(&proj, &config).err().unwrap_or_default();
    assert!(err.starts_with("cannot read config file"), "{err}");
}

#[test]
fn unsaved_packs_stay_inside_the_config_folder() {
    let (_d, proj) = project("[\"../outside.toml\"]");
    let outside = proj.join("../outside.toml");
    let buffers = HashMap::from([(outside.clone(), pack("ACME002"))]);
    let err = load(&proj, &buffers).err().unwrap_or_default();
    assert!(err.contains("is outside the config file's folder"), "{err}");
    // On disk too, as the command line sees it.
    std::fs::write(&outside, pack("ACME002")).unwrap_or_else(|e| panic!("write: {e}"));
    let err = load(&proj, &buffers).err().unwrap_or_default();
    assert!(err.contains("is outside the config file's folder"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_unsaved_buffer_behind_a_link_out_of_the_folder_is_refused() {
    let (d, proj) = project("[\"link.toml\"]");
    let target = d.path().join("secret.toml");
    std::fs::write(&target, pack("ACME002")).unwrap_or_else(|e| panic!("write: {e}"));
    std::os::unix::fs::symlink(&target, proj.join("link.toml"))
        .unwrap_or_else(|e| panic!("symlink: {e}"));
    let buffers = HashMap::from([(proj.join("link.toml"), pack("ACME002"))]);
    let err = load(&proj, &buffers).err().unwrap_or_default();
    assert!(err.contains("is outside the config file's folder"), "{err}");
}
