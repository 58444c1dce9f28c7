use crate::diagnostic::{Diagnostic, Related};
use crate::model::{Plan, Slot};
use crate::rules::scope::sc001_inverted_horizon;
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
    /// [plan]
    /// scope = "customer-service"
    /// department = "Customer Care EMEA"
    /// start = 2027-01-01
    /// end = 2027-12-31
    /// ```
    /// Passes: the second plan covers another department or another period, here 2028:
    /// ```toml
    /// [plan]
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
    /// [`group_of`] the scope and department: worked out where the plan is read (on every
    /// core), so that grouping a project's plans sorts numbers instead of comparing strings.
    /// Private: only [`ScopeFacts::of`] makes facts, so it always agrees with them.
    group: u64,
}

/// A hash of a scope and department: plans with equal ones are compared (a collision of two
/// different keys is told apart by the strings).
fn group_of(scope: &str, department: Option<&str>) -> u64 {
    use std::hash::{Hash, Hasher};
    // `DefaultHasher::new()` has fixed keys: the same on every thread.
    let mut h = std::hash::DefaultHasher::new();
    (scope, department).hash(&mut h);
    h.finish()
}

impl ScopeFacts {
    /// Whether two plans claim the same scope and department for overlapping periods.
    pub fn overlaps(&self, o: &ScopeFacts) -> bool {
        self.scope == o.scope && self.department == o.department && self.same_period(o)
    }

    /// Whether the two periods share a day.
    pub fn same_period(&self, o: &ScopeFacts) -> bool {
        o.start <= self.end && self.start <= o.end
    }

    /// What SC003 compares of a plan, or `None` when it takes no part: no scope, a department
    /// another rule reports as unusable (PL005/PL006/PL004 is not "no department"), or a
    /// horizon that is missing or inverted (SC001).
    pub fn of(plan: &Plan, text: &str) -> Option<ScopeFacts> {
        let scope = plan.scope.get()?;
        if !matches!(plan.department, Slot::Missing | Slot::Valid(_)) {
            return None;
        }
        let (start, end) = (plan.start.value()?, plan.end.value()?);
        if sc001_inverted_horizon::applies(plan) {
            return None;
        }
        let department = plan.department.value().map(|d| d.to_string());
        Some(ScopeFacts {
            group: group_of(&scope.value, department.as_deref()),
            scope: scope.value.to_string(),
            department,
            start: *start,
            end: *end,
            span: scope.span,
            pos: positions(text, scope.span),
        })
    }
}

/// Where a span starts and ends; on one line the end is counted on from the start rather than
/// from the top of the file again (this runs on every plan).
fn positions(text: &str, span: Span) -> (Position, Position) {
    let start = Position::of(text, span.start);
    let end = match text.get(span.start..span.end) {
        Some(inside) if !inside.contains('\n') => Position {
            line: start.line,
            column: start.column + inside.chars().count(),
        },
        _ => Position::of(text, span.end),
    };
    (start, end)
}

/// One plan SC003 compares, as the pipeline knows it.
pub struct Compared<'a> {
    /// How the plan is shown (its path).
    pub path: &'a str,
    pub facts: &'a ScopeFacts,
    /// Whether the plan may get a diagnostic (linted, SC003 on for its file).
    pub reportable: bool,
    /// Whether it is a plan of the project outside this run's reported files (not linted, or
    /// linted but not reported): it counts whatever its path, not only when earlier.
    pub elsewhere: bool,
}

/// SC003 over every plan: a reportable plan that overlaps a plan elsewhere in the project, or an
/// earlier plan (path order), gets one diagnostic pointing at the first such plan. Returns
/// the index of each plan that has one, with its diagnostic.
pub fn check_all(plans: &[Compared<'_>]) -> Vec<(usize, Diagnostic)> {
    // Grouped by sorting on the hash of (scope, department), then on the strings inside a
    // group of equal hashes: a project's plans mostly have departments of their own, a map
    // with a list per group cost more than the check, and comparing the strings of thousands
    // of plans while sorting them cost as much again.
    let key = |i: usize| {
        (
            plans[i].facts.scope.as_str(),
            plans[i].facts.department.as_deref(),
        )
    };
    let mut order: Vec<(u64, usize)> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.facts.group, i))
        .collect();
    order.sort_unstable();
    let mut found = Vec::new();
    for same_hash in order.chunk_by(|a, b| a.0 == b.0) {
        if same_hash.len() < 2 {
            continue;
        }
        // In input order (sorted with the hash), kept within each key by a stable sort.
        let mut members: Vec<usize> = same_hash.iter().map(|&(_, i)| i).collect();
        members.sort_by_key(|&i| key(i));
        for members in members.chunk_by_mut(|&a, &b| key(a) == key(b)) {
            if members.len() > 1 {
                check_group(plans, members, &mut found);
            }
        }
    }
    found
}

/// One group of plans with the same scope and department, in input order.
fn check_group(
    plans: &[Compared<'_>],
    members: &mut [usize],
    found: &mut Vec<(usize, Diagnostic)>,
) {
    // Stable: plans with the same path keep the order they were given in.
    members.sort_by(|&a, &b| plans[a].path.cmp(plans[b].path));
    for (n, &i) in members.iter().enumerate() {
        let p = &plans[i];
        if !p.reportable {
            continue;
        }
        let other = members.iter().enumerate().find_map(|(m, &j)| {
            let q = &plans[j];
            let counts = m != n && (q.elsewhere || m < n);
            // Same scope and department by the grouping: only the periods are compared.
            (counts && p.facts.same_period(q.facts)).then_some(q)
        });
        if let Some(q) = other {
            let label = match q.elsewhere {
                false => "the earlier plan",
                true => "another plan of the project",
            };
            found.push((i, diagnostic(p.facts, q.path, q.facts, label)));
        }
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

#[cfg(test)]
mod tests {
    use super::{Compared, ScopeFacts, check_all};
    use crate::source::{Position, Span};
    use toml::value::Date;

    fn facts(scope: &str, year: u16) -> ScopeFacts {
        let day = |month, day| Date { year, month, day };
        ScopeFacts {
            group: super::group_of(scope, None),
            scope: scope.into(),
            department: None,
            start: day(1, 1),
            end: day(12, 31),
            span: Span::new(0, 1),
            pos: (
                Position { line: 1, column: 1 },
                Position { line: 1, column: 2 },
            ),
        }
    }

    fn plan<'a>(path: &'a str, facts: &'a ScopeFacts, elsewhere: bool) -> Compared<'a> {
        Compared {
            path,
            facts,
            reportable: !elsewhere,
            elsewhere,
        }
    }

    /// Who gets a diagnostic, and the path and label of the plan it points at.
    fn found(plans: &[Compared<'_>]) -> Vec<(usize, String, String)> {
        let mut out: Vec<_> = check_all(plans)
            .into_iter()
            .map(|(i, d)| (i, d.related[0].path.clone(), d.related[0].text.clone()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn only_the_later_plan_is_reported_pointing_at_the_first() {
        let (a, b) = (facts("care", 2027), facts("care", 2027));
        let (c, other) = (facts("care", 2027), facts("sales", 2027));
        let plans = [
            plan("c", &c, false),
            plan("a", &a, false),
            plan("b", &b, false),
        ];
        let earlier = |i| (i, "a".to_string(), "the earlier plan".to_string());
        assert_eq!(found(&plans), [earlier(0), earlier(2)]);
        let later = facts("care", 2028);
        assert!(found(&[plan("a", &a, false), plan("b", &later, false)]).is_empty());
        assert!(found(&[plan("a", &a, false), plan("b", &other, false)]).is_empty());
    }

    #[test]
    fn plans_whose_keys_share_a_hash_are_told_apart_by_their_strings() {
        // Forced collisions: `care` and `sales` in one group of equal hashes.
        let collide = |scope: &str| ScopeFacts {
            group: 7,
            ..facts(scope, 2027)
        };
        let (a, b, c) = (collide("care"), collide("sales"), collide("care"));
        let plans = [
            plan("a", &a, false),
            plan("b", &b, false),
            plan("c", &c, false),
        ];
        assert_eq!(found(&plans), [(2, "a".into(), "the earlier plan".into())]);
    }

    #[test]
    fn a_plan_elsewhere_in_the_project_counts_whatever_its_path() {
        let (a, z) = (facts("care", 2027), facts("care", 2027));
        let plans = [plan("a", &a, false), plan("z", &z, true)];
        assert_eq!(
            found(&plans),
            [(0, "z".into(), "another plan of the project".into())]
        );
        // Never compared with itself, and a plan not reportable gets nothing.
        let alone = Compared {
            reportable: true,
            ..plan("z", &z, true)
        };
        assert!(found(&[alone]).is_empty());
        let unreportable = Compared {
            reportable: false,
            ..plan("b", &z, false)
        };
        assert!(found(&[plan("a", &a, false), unreportable]).is_empty());
    }

    #[test]
    fn positions_on_one_line_match_counting_from_the_top() {
        let text = "a = 1\nscope = \"séé\"\nb = \"x\ny\"";
        for (s, e) in [(8, 17), (14, 21), (15, 18), (0, 5), (22, 30), (26, 26)] {
            let span = Span::new(s, e);
            let expected = (Position::of(text, s), Position::of(text, e));
            assert_eq!(super::positions(text, span), expected, "{s}..{e}");
        }
    }
}
