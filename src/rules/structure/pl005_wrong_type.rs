use crate::diagnostic::Diagnostic;
use crate::model::{FactKind, Plan};
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A value has the wrong TOML type, such as a quoted date. The help shows the value written
    /// with the right type.
    ///
    /// ## Why the method wants it
    /// Dates, numbers and lists are what make a plan checkable: a deadline written as a string
    /// cannot be compared with the plan's horizon (step 5, time-bound).
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// deadline = "2027-12-31"
    /// ```
    /// Passes:
    /// ```toml
    /// deadline = 2027-12-31
    /// ```
    WrongType { code: "PL005", name: "wrong-type", severity: Error, summary: "a value has the wrong TOML type" }
}

pub fn check(_: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    super::report_facts(WrongType::META.code, FactKind::WrongType, cx, out);
}
