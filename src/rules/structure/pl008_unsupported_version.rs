use crate::diagnostic::Diagnostic;
use crate::fix::edits::{after_leading_comments, newline};
use crate::fix::{Edit, Fix};
use crate::model::{Plan, Slot};
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// The top-level `smplan` key is missing or is not `1`, the only format version this release
    /// supports. No other rule runs on such a file.
    ///
    /// ## Why the method wants it
    /// The version is the promise that a plan keeps linting the same way under later releases;
    /// without it smplan cannot tell which format the file was written for, so it cannot check
    /// any step of the method (steps 1–7) against it.
    ///
    /// ## Fix
    /// Safe, when the key is missing: inserts `smplan = 1` as the first line after the file's
    /// leading comments.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// title = "Customer care social media plan 2027"
    /// ```
    /// Passes:
    /// ```toml
    /// smplan = 1
    /// [plan]
    /// title = "Customer care social media plan 2027"
    /// ```
    UnsupportedVersion { code: "PL008", name: "unsupported-version", severity: Error, summary: "`smplan` is missing or not `1`", fix: Safe }
}

/// The PL008 diagnostic, if the file's version is not 1. Runs before (and instead of) all rules.
pub fn check(plan: &Plan, text: &str) -> Option<Diagnostic> {
    let code = UnsupportedVersion::META.code;
    match &plan.version {
        Slot::Valid(f) if f.value == 1 => None,
        Slot::Valid(f) => Some(
            Diagnostic::new(
                code,
                f.span,
                format!("plan format version `{}` is not supported", f.value),
            )
            .help("this release of smplan reads format version 1: write `smplan = 1`"),
        ),
        Slot::Invalid { value, .. } => Some(
            Diagnostic::new(
                code,
                *value,
                "`smplan` must be the format version number `1`",
            )
            .help("write `smplan = 1`"),
        ),
        Slot::Missing => {
            let (at, nl) = (after_leading_comments(text), newline(text));
            // A last comment line without a newline gets one first.
            let line = if at == text.len() && at > 0 && !text.ends_with('\n') {
                format!("{nl}smplan = 1{nl}")
            } else {
                format!("smplan = 1{nl}")
            };
            Some(missing(code).fix(Fix::safe("add `smplan = 1`", vec![Edit::insert(at, line)])))
        }
        // PL004's fix renames a misspelt key; this rule does not run PL004, so no guess here.
        Slot::Misspelt { .. } => Some(missing(code)),
    }
}

fn missing(code: &'static str) -> Diagnostic {
    Diagnostic::new(
        code,
        Span::new(0, 0),
        "the plan does not declare its format version",
    )
    .help("add `smplan = 1` as the first line")
}
