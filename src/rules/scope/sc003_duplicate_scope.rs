use crate::diagnostic::{Diagnostic, Related};
use crate::source::{Position, Span};
use toml::value::Date;

crate::declare_rule! {
    /// ## What it checks
    /// Two plans of the project have the same `scope`, the same `department` (or both none)
    /// and overlapping horizons. The project is every plan `smplan lint` with no path would find
    /// from the config's folder (or the current folder without a config), so a pre-commit run
    /// that names one staged file still compares it with the rest; the other plans are read for
    /// their scope, department and horizon only. Reported only on linted files: once per file
    /// that overlaps a plan that is not linted or an earlier linted file (path order), on its
    /// `scope`, with a label on the first such plan — never once per pair.
    ///
    /// ## Why the method wants it
    /// Step 1: one plan per department and period. Two plans for the same team and time compete
    /// for the same goals and make nobody accountable for either.
    ///
    /// ## Example
    /// Fails: `care-2027.plan.toml` and `care-2027-v2.plan.toml` both with
    /// ```toml
    /// scope = "customer-service"
    /// department = "Customer Care EMEA"
    /// start = 2027-01-01
    /// end = 2027-12-31
    /// ```
    /// Passes: the second plan covers another department or another period:
    /// ```toml
    /// scope = "customer-service"
    /// department = "Customer Care EMEA"
    /// start = 2028-01-01
    /// end = 2028-12-31
    /// ```
    DuplicateScope { code: "SC003", name: "duplicate-scope", severity: Warning, summary: "two plans claim the same scope, department and period" }
}

/// What SC003 knows of a plan: its scope, department and horizon, and where its scope is.
#[derive(Clone, Debug)]
pub struct ScopeFacts {
    pub scope: String,
    pub department: Option<String>,
    pub start: Date,
    pub end: Date,
    pub span: Span,
    pub pos: (Position, Position),
}

impl ScopeFacts {
    /// Whether two plans claim the same scope and department for overlapping periods.
    pub fn overlaps(&self, o: &ScopeFacts) -> bool {
        self.scope == o.scope
            && self.department == o.department
            && o.start <= self.end
            && self.start <= o.end
    }
}

/// The diagnostic on plan `s`, pointing at the other plan `o` (at `other_path`), `label` saying
/// which one it is.
pub fn diagnostic(s: &ScopeFacts, other_path: &str, o: &ScopeFacts, label: &str) -> Diagnostic {
    let dept = s
        .department
        .as_deref()
        .map_or("no department".to_string(), |d| format!("department `{d}`"));
    let mut d = Diagnostic::new(
        DuplicateScope::META.code,
        s.span,
        format!(
            "another plan already covers scope `{}` for {dept} from {} to {}",
            s.scope, o.start, o.end
        ),
    )
    .label("same scope, department and period")
    .help(
        "keep one plan per department and period: merge the plans, or set a different \
         `department` or horizon",
    )
    .item("plan.scope");
    d.start = s.pos.0;
    d.end = s.pos.1;
    d.related.push(Related {
        path: other_path.to_string(),
        span: o.span,
        start: o.pos.0,
        end: o.pos.1,
        text: label.into(),
    });
    d
}
