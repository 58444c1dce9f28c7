crate::declare_rule! {
    /// ## What it checks
    /// The file cannot be read: permissions, a dangling symlink, bytes that are not UTF-8, or a
    /// size over `max_file_bytes` in `[limits]` (4 MiB by default, checked before reading).
    ///
    /// ## Why the method wants it
    /// The whole cascade of the method (steps 1–7) lives in the plan file; plans are text kept in
    /// git and reviewed by people, and a file smplan cannot read is one nobody can review. The
    /// other files of the run are still linted.
    ///
    /// ## Example
    /// Fails: a plan saved as UTF-16 or Latin-1, or a 20 MB export pasted into a plan.
    ///
    /// Passes: a UTF-8 text file under the size limit.
    UnreadableFile { code: "PL002", name: "unreadable-file", severity: Error, summary: "the file cannot be read, is not UTF-8, or is too large" }
}
