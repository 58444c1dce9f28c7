use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use crate::rules::small_sets::{distinct, fingerprint};

crate::declare_rule! {
    /// ## What it checks
    /// Two goals, KPIs or tactics share an id. Goals, KPIs and tactics share one namespace per
    /// plan, so a goal and a tactic may not both be called `deflect`. Both places are labelled.
    ///
    /// ## Why the method wants it
    /// Tactics point at goals by id (step 6) and history compares KPIs by id (step 5: KPIs stay
    /// fixed for the year). A shared id makes those links ambiguous.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// [[tactic]]
    /// id = "deflect"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal]]
    /// id = "deflect"
    /// [[tactic]]
    /// id = "public-faq-replies"
    /// ```
    DuplicateId { code: "PL007", name: "duplicate-id", severity: Error, summary: "two goals, KPIs or tactics share an id" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let goal_ids = plan.goals.iter().flat_map(|g| {
        let kpi_ids = g.kpis.iter().filter_map(|k| k.id.value());
        g.id.value().into_iter().chain(kpi_ids)
    });
    let all = goal_ids.chain(plan.tactics.iter().filter_map(|t| t.id.value()));
    let keyed = all.map(|id| (fingerprint(id), id));
    if distinct(keyed, |a, b| a.0 == b.0 && a.1 == b.1) == Some(true) {
        return; // the usual plan: a few ids, all different
    }
    let ids = plan.ids();
    // Sort by id, then source order: each run of equal ids is one first use and its repeats.
    // (No hashing: this runs on every file and plans have few ids.)
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].0.value.cmp(&ids[b].0.value).then(a.cmp(&b)));
    for run in order.chunk_by(|&a, &b| ids[a].0.value == ids[b].0.value) {
        let (origin, first_kind) = ids[run[0]];
        for &repeat in &run[1..] {
            let (field, kind) = ids[repeat];
            out.push(
                Diagnostic::new(
                    DuplicateId::META.code,
                    field.span,
                    format!(
                        "id `{}` is already used by a {}",
                        field.value,
                        first_kind.as_str()
                    ),
                )
                .label(format!("this {} reuses it", kind.as_str()))
                .also(origin.span, "first used here")
                .help("give every goal, KPI and tactic an id of its own"),
            );
        }
    }
}
