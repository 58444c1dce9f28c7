//! Throwaway projects on disk.

use std::path::Path;

/// Writes `text` to `dir/name`, creating the folders it needs.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folders");
    }
    std::fs::write(path, text).expect("writes");
}

/// Writes each `(name, text)` under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        write(dir, name, text);
    }
}

/// A temporary folder holding each `(name, text)` (`smplan.toml`, plans, packs).
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_files(dir.path(), files);
    dir
}
