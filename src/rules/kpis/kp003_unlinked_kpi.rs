use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::fix::edits::replace_string;
use crate::model::{CORE_GOALS, Plan, Slot};
use crate::rules::Ctx;
use crate::suggest::closest;

crate::declare_rule! {
    /// ## What it checks
    /// A KPI's `core_goal` is missing, is not a string, or is not one of the three core business
    /// goals: `increase-profit`, `reduce-costs`, `increase-satisfaction`. The help names the
    /// closest one (`profit` → `increase-profit`). This rule owns `core_goal`: PL003, PL005 and
    /// PL006 never report it.
    ///
    /// ## Why the method wants it
    /// Step 5: only three business goals truly matter (Jim Sterne, *Social Media Metrics*):
    /// increase profit or revenue, reduce costs, increase customer satisfaction. A KPI that moves
    /// none of them is a waste of time, so every KPI says which one it serves.
    ///
    /// ## Fix
    /// Unsafe: a `core_goal` with one closest core business goal becomes it (`profit` →
    /// `increase-profit`), keeping the quotes as written.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// id = "social-revenue"
    /// core_goal = "profit"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// id = "social-revenue"
    /// core_goal = "increase-profit"
    /// ```
    UnlinkedKpi { code: "KP003", name: "unlinked-kpi", severity: Error, summary: "a KPI serves none of the three core business goals", fix: Unsafe }
}

fn allowed() -> String {
    let quoted: Vec<String> = CORE_GOALS.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let code = UnlinkedKpi::META.code;
    for kpi in plan.goals.iter().flat_map(|g| &g.kpis) {
        let who = match kpi.id.value() {
            Some(id) => format!("KPI `{id}`"),
            None => "this KPI".to_string(),
        };
        let d = match &kpi.core_goal {
            Slot::Missing => Diagnostic::new(
                code,
                kpi.header,
                format!("{who} names no core business goal"),
            )
            .label("no `core_goal`")
            .help(format!(
                "add `core_goal` with the core business goal this KPI moves: {}",
                allowed()
            )),
            Slot::Invalid { value, .. } => Diagnostic::new(
                code,
                *value,
                "`core_goal` must be a string naming a core business goal",
            )
            .label("not a string")
            .help(format!(
                "write one of {} in quotes, e.g. `core_goal = \"{}\"`",
                allowed(),
                CORE_GOALS.first().copied().unwrap_or("increase-profit")
            )),
            // PL004 reports the misspelt key and names `core_goal`.
            Slot::Misspelt { .. } => continue,
            Slot::Valid(f) if CORE_GOALS.contains(&f.value.as_str()) => continue,
            Slot::Valid(f) if f.value.trim().is_empty() => {
                Diagnostic::new(code, f.span, "`core_goal` is empty")
                    .label("empty")
                    .help(format!(
                        "write the core business goal this KPI moves: {}",
                        allowed()
                    ))
            }
            Slot::Valid(f) => {
                let best = closest(f.value.trim(), CORE_GOALS.iter().copied());
                let help = match best {
                    Some(best) => format!("did you mean `{best}`? every KPI serves {}", allowed()),
                    None => format!("use the core business goal this KPI moves: {}", allowed()),
                };
                let mut d = Diagnostic::new(
                    code,
                    f.span,
                    format!("`{}` is not one of the three core business goals", f.value),
                )
                .label("not a core business goal")
                .help(help);
                d.fix = best.and_then(|best| {
                    let edit = replace_string(cx.text, f.span, best)?;
                    Some(Fix::unsafe_(format!("write `{best}`"), vec![edit]))
                });
                d
            }
        };
        out.push(d);
    }
}
