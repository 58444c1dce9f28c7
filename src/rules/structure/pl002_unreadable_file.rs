use crate::diagnostic::Diagnostic;
use crate::source::{Position, ReadError, Span};

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

/// The diagnostic for a file that could not be read, at 1:1 (there is no text to point into),
/// with what to do about each kind of failure.
pub fn diagnostic(e: &ReadError) -> Diagnostic {
    let help = match e {
        ReadError::Io(_) => "check that the file exists and can be read by the user running smplan",
        ReadError::TooLarge { .. } | ReadError::OverLimit { .. } => {
            "split the plan, or raise `max_file_bytes` in `[limits]` if it really is this large"
        }
        ReadError::NotRegular(_) => "lint the plan file itself, not a pipe, socket or device",
        ReadError::NotUtf8(_) => "save the plan as UTF-8 text (not UTF-16 or Latin-1)",
    };
    let mut d =
        Diagnostic::new(UnreadableFile::META.code, Span::new(0, 0), e.to_string()).help(help);
    d.start = Position { line: 1, column: 1 };
    d.end = d.start;
    d
}

#[cfg(test)]
mod tests {
    use super::diagnostic;
    use crate::source::ReadError;

    #[test]
    fn every_read_error_is_pl002_at_1_1_with_its_own_help() {
        let errors = [
            ReadError::Io("permission denied".into()),
            ReadError::TooLarge { size: 9, limit: 4 },
            ReadError::NotRegular("a FIFO"),
            ReadError::NotUtf8(3),
        ];
        let mut helps = std::collections::HashSet::new();
        for e in &errors {
            let d = diagnostic(e);
            assert_eq!(
                (d.code.as_str(), d.start.line, d.start.column),
                ("PL002", 1, 1)
            );
            assert_eq!(d.message, e.to_string());
            helps.insert(d.help.clone());
        }
        assert_eq!(helps.len(), errors.len(), "{helps:?}");
        let over = diagnostic(&ReadError::OverLimit { limit: 4 });
        assert!(
            over.help
                .as_deref()
                .is_some_and(|h| h.contains("max_file_bytes"))
        );
    }
}
