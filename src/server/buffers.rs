//! Open documents as the library's [`Sources`]: an unsaved config or pack wins over the disk,
//! and every file a load asks for is noted, so that editing one of them reloads that project.

use super::documents::Documents;
use crate::source::Sources;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

pub struct Buffers<'a> {
    /// Open documents by [`same_file`] path.
    open: Vec<(PathBuf, &'a str)>,
    asked: RefCell<Vec<PathBuf>>,
}

impl<'a> Buffers<'a> {
    pub fn new(docs: &'a Documents) -> Self {
        let open = docs
            .iter()
            .filter_map(|(u, d)| Some((same_file(&u.to_file_path().ok()?), d.text.as_str())))
            .collect();
        Buffers {
            open,
            asked: RefCell::default(),
        }
    }

    /// The files asked for so far (config and packs, each as [`same_file`] gives it).
    pub fn asked(self) -> Vec<PathBuf> {
        self.asked.into_inner()
    }
}

impl Sources for Buffers<'_> {
    fn text(&self, path: &Path) -> Option<&str> {
        let key = same_file(path);
        let text = self.open.iter().find(|(p, _)| *p == key).map(|(_, t)| *t);
        self.asked.borrow_mut().push(key);
        text
    }
}

/// One name per file, so that a pack written `./packs/a.toml` in the config and the editor's
/// path of that file compare equal: links resolved, or for a file not saved yet, its folder's.
pub fn same_file(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent().map(std::fs::canonicalize), path.file_name()) {
        (Some(Ok(dir)), Some(name)) => dir.join(name),
        _ => path.components().collect(),
    }
}
