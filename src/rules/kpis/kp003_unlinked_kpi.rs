use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::fix::edits::replace_string;
use crate::model::{Plan, Slot};
use crate::rules::Ctx;
use crate::rules::rollup::kpi_item;
use crate::suggest::closest;

crate::declare_rule! {
    /// ## What it checks
    /// A KPI's `core_goal` is missing, is not a string, or is not one of the three core business
    /// goals: `increase-profit`, `reduce-costs`, `increase-satisfaction` — or of the config's
    /// `core_goals` when it sets them (1–7 kebab-case entries, e.g. a council's
    /// `["increase-public-value", "reduce-costs", "increase-satisfaction"]`). The help names the
    /// closest one (`profit` → `increase-profit`). This rule owns `core_goal`: PL003, PL005 and
    /// PL006 never report it.
    ///
    /// When a plan has at least three KPIs and every one of them has this problem (a missing `core_goal`), it is
    /// reported once, on the first, counting them ("none of the 16 tactics has metrics") and
    /// labelling every one; suppressed items are left out first.
    ///
    /// ## Why the method wants it
    /// Step 5: only three business goals truly matter (Jim Sterne, *Social Media Metrics*):
    /// increase profit or revenue, reduce costs, increase customer satisfaction. A KPI that moves
    /// none of them is a waste of time, so every KPI says which one it serves. An organisation
    /// without profit still has a bottom line (public value, donations, its mission): it names
    /// its own in `core_goals`, and every KPI must still serve one of them.
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
    UnlinkedKpi { code: "KP003", name: "unlinked-kpi", severity: Error, summary: "a KPI serves none of the core business goals", fix: Unsafe, smart: Relevant }
}

/// How messages name the list: Sterne's three, or the project's own.
fn the_list(core_goals: &[String]) -> &'static str {
    if crate::rules::core_goals::is_default(core_goals) {
        "the three core business goals"
    } else {
        "the core goals of `core_goals`"
    }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let code = UnlinkedKpi::META.code;
    let core_goals = cx.core_goals;
    let allowed = || crate::rules::core_goals::allowed(core_goals);
    let kpis = plan.kpis().count();
    for kpi in plan.goals.iter().flat_map(|g| &g.kpis) {
        let d = match &kpi.core_goal {
            Slot::Missing => Diagnostic::new(
                code,
                kpi.header,
                format!("{} names no core business goal", kpi.label()),
            )
            .label("no `core_goal`")
            .help(format!(
                "add `core_goal` with the core business goal this KPI moves: {}",
                allowed()
            ))
            .habit(kpis, "none of the {n} KPIs names a core business goal"),
            Slot::Invalid { value, .. } => Diagnostic::new(
                code,
                *value,
                "`core_goal` must be a string naming a core business goal",
            )
            .label("not a string")
            .help(format!(
                "write one of {} in quotes, e.g. `core_goal = \"{}\"`",
                allowed(),
                core_goals.first().map_or("increase-profit", String::as_str)
            )),
            // PL004 reports the misspelt key and names `core_goal`.
            Slot::Misspelt { .. } => continue,
            Slot::Valid(f) if core_goals.iter().any(|c| *c == f.value) => continue,
            Slot::Valid(f) if f.value.trim().is_empty() => {
                Diagnostic::new(code, f.span, "`core_goal` is empty")
                    .label("empty")
                    .help(format!(
                        "write the core business goal this KPI moves: {}",
                        allowed()
                    ))
            }
            Slot::Valid(f) => {
                let best = closest(f.value.trim(), core_goals.iter().map(String::as_str));
                let help = match best {
                    Some(best) => format!("did you mean `{best}`? every KPI serves {}", allowed()),
                    None => format!("use the core business goal this KPI moves: {}", allowed()),
                };
                let mut d = Diagnostic::new(
                    code,
                    f.span,
                    format!("`{}` is not one of {}", f.value, the_list(core_goals)),
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
        out.push(d.item(kpi_item(plan, kpi)));
    }
}
