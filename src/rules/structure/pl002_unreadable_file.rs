crate::declare_rule! {
    /// ## What it checks
    /// The file cannot be read: permissions, a dangling symlink, something other than a regular
    /// file (a FIFO, socket or device: refused without waiting on it), bytes that are not UTF-8,
    /// or a size over `max_file_bytes` in `[limits]` (4 MiB by default, at most 1 GiB; checked
    /// before reading, and reading stops at the limit, standard input included).
    ///
    /// ## Why the method wants it
    /// The whole cascade of the method (steps 1–7) lives in the plan file; plans are text kept in
    /// git and reviewed by people, and a file smplan cannot read is one nobody can review. The
    /// other files of the run are still linted.
    ///
    /// ## It cannot be silenced
    /// PL002 is always an error, for the same reason as PL001: nothing else was checked in the
    /// file. Turning it off or lowering it by name is exit 2; an area prefix (`PL`) passes over
    /// it; a suppression comment naming it suppresses nothing and is reported as unused (SU001).
    ///
    /// ## Example
    /// Fails: a plan saved as UTF-16 or Latin-1, or a 20 MB export pasted into a plan.
    ///
    /// Passes: a UTF-8 text file under the size limit.
    UnreadableFile { code: "PL002", name: "unreadable-file", severity: Error, summary: "the file cannot be read, is not UTF-8, or is too large" }
}
