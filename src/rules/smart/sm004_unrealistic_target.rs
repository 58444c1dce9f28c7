use super::{num, skip_dependents};
use crate::diagnostic::Diagnostic;
use crate::model::{Direction, Field, Kpi, Plan};
use crate::rules::Ctx;
use crate::words::WordList;
use std::sync::OnceLock;

crate::declare_rule! {
    /// ## What it checks
    /// The KPI's numbers cannot be right, checked in this order; the first failing check is
    /// reported and the others are not (at most one diagnostic per KPI):
    ///
    /// 1. `direction` contradicts the numbers: `increase` with a target at or below the
    ///    baseline, `decrease` with a target at or above it. `maintain`, or no `direction`, never
    ///    contradicts.
    /// 2. target ÷ baseline is above *[limits] max_target_ratio* (default 5) or below its inverse
    ///    (1/5). A ratio exactly at the limit passes. Skipped when the baseline is 0 or negative.
    /// 3. The unit is a share — it starts with `%` and contains none of the words growth,
    ///    increase, change, uplift — and the target is above 100.
    ///
    /// Checks 1 and 2 need a `baseline`. The rule is skipped for a KPI that SM002 reports or that
    /// has a value of the wrong type (PL005).
    ///
    /// ## Why the method wants it
    /// Step 5: a KPI must be SMART, and the A is *achievable*. A target that goes the wrong way,
    /// multiplies the baseline many times over, or asks for more than all of something is either
    /// a typo or a promise the plan cannot keep, and it turns the KPI into noise at the deadline.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[goal.kpi]]
    /// unit = "contacts/month"
    /// baseline = 800
    /// target = 9000
    /// direction = "increase"
    /// ```
    /// Passes:
    /// ```toml
    /// [[goal.kpi]]
    /// unit = "contacts/month"
    /// baseline = 800
    /// target = 1500
    /// direction = "increase"
    /// ```
    UnrealisticTarget { code: "SM004", name: "unrealistic-target", severity: Warning, summary: "the KPI's target contradicts its direction, baseline or unit" }
}

/// Words that make a `%` unit a rate of change rather than a share.
fn change_words() -> Option<&'static WordList> {
    static LIST: OnceLock<Option<WordList>> = OnceLock::new();
    LIST.get_or_init(|| WordList::new(&["growth", "increase", "change", "uplift"]).ok())
        .as_ref()
}

/// Whether a unit names a share of a whole (so at most 100).
pub fn is_share(unit: &str) -> bool {
    unit.trim_start().starts_with('%') && change_words().is_none_or(|w| w.find(unit).is_empty())
}

/// A ratio shown with enough decimals to differ from the limit it is compared with.
fn ratio(r: f64, limit: f64) -> String {
    let mut decimals = if r > 0.0 && r < 1.0 {
        ((-r.log10()).ceil() as i32 + 1).clamp(1, 6)
    } else {
        1
    };
    loop {
        let p = 10f64.powi(decimals);
        let shown = (r * p).round() / p;
        if decimals >= 6 || (shown - limit).abs() > f64::EPSILON * limit.abs().max(1.0) {
            return num(shown);
        }
        decimals += 1;
    }
}

/// A bound for a help line, to two decimals at most.
fn bound(x: f64) -> String {
    num((x * 100.0).round() / 100.0)
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for kpi in plan.kpis() {
        if skip_dependents(kpi, cx) {
            continue;
        }
        let Some(target) = kpi.target.get() else {
            continue;
        };
        let d = contradiction(kpi, target)
            .or_else(|| too_far(kpi, target, cx.limits.max_target_ratio))
            .or_else(|| share_above_100(kpi, target));
        out.extend(d);
    }
}

fn contradiction(kpi: &Kpi, target: &Field<f64>) -> Option<Diagnostic> {
    let baseline = kpi.baseline.get()?;
    let direction = kpi.direction.get()?;
    let (t, b) = (target.value, baseline.value);
    let (word, label, help) = match direction.value {
        Direction::Increase if t <= b => (
            "increase",
            "not above the baseline",
            format!(
                "if the number should {}, write `direction = \"{}\"`; otherwise set a target above {}",
                if t < b { "fall" } else { "hold" },
                if t < b { "decrease" } else { "maintain" },
                num(b)
            ),
        ),
        Direction::Decrease if t >= b => (
            "decrease",
            "not below the baseline",
            format!(
                "if the number should {}, write `direction = \"{}\"`; otherwise set a target below {}",
                if t > b { "rise" } else { "hold" },
                if t > b { "increase" } else { "maintain" },
                num(b)
            ),
        ),
        _ => return None,
    };
    let relation = if t == b {
        "equals"
    } else if t < b {
        "is below"
    } else {
        "is above"
    };
    Some(
        Diagnostic::new(
            UnrealisticTarget::META.code,
            target.span,
            format!(
                "{} should {word}, but its target {} {relation} the baseline {}",
                kpi.label(),
                num(t),
                num(b)
            ),
        )
        .label(label)
        .also(baseline.span, "baseline")
        .also(direction.span, "direction")
        .help(help),
    )
}

fn too_far(kpi: &Kpi, target: &Field<f64>, max: f64) -> Option<Diagnostic> {
    let baseline = kpi.baseline.get()?;
    let (t, b) = (target.value, baseline.value);
    if b <= 0.0 {
        return None;
    }
    let r = t / b;
    let (message, help) = if t > b * max {
        (
            format!(
                "target {} is {}× the baseline {}, above the limit of {}× (`max_target_ratio`)",
                num(t),
                ratio(r, max),
                num(b),
                num(max)
            ),
            format!(
                "write a target of at most {} ({}× the baseline), or check that the baseline is \
                 today's number",
                bound(b * max),
                num(max)
            ),
        )
    } else if t * max < b {
        (
            format!(
                "target {} is {}× the baseline {}, below the limit of {}× (1/`max_target_ratio`)",
                num(t),
                ratio(r, 1.0 / max),
                num(b),
                bound(1.0 / max)
            ),
            format!(
                "write a target of at least {} (the baseline divided by {}), or check that the \
                 baseline is today's number",
                bound(b / max),
                num(max)
            ),
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::new(UnrealisticTarget::META.code, target.span, message)
            .label(format!("{}× the baseline", ratio(r, 0.0)))
            .also(baseline.span, "baseline")
            .help(help),
    )
}

fn share_above_100(kpi: &Kpi, target: &Field<f64>) -> Option<Diagnostic> {
    let unit = kpi.unit.get()?;
    if !(is_share(&unit.value) && target.value > 100.0) {
        return None;
    }
    Some(
        Diagnostic::new(
            UnrealisticTarget::META.code,
            target.span,
            format!(
                "target {} is above 100, but the unit `{}` is a share",
                num(target.value),
                unit.value
            ),
        )
        .label("more than 100%")
        .also(unit.span, "a share of a whole")
        .help(
            "write a target of at most 100, or, if the number is a change rather than a share, \
             say so in the unit, e.g. `unit = \"% growth\"`",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::{is_share, ratio};

    #[test]
    fn shares_are_percent_units_without_change_words() {
        assert!(is_share("%"));
        assert!(is_share(" % satisfied"));
        assert!(is_share("% of contacts"));
        assert!(!is_share("% growth"));
        assert!(!is_share("% Year-on-year CHANGE"));
        assert!(is_share("% non-growth")); // a hyphen binds: not the word "growth"
        assert!(!is_share("percent"));
        assert!(!is_share("pts %"));
    }

    #[test]
    fn ratios_show_enough_decimals() {
        assert_eq!(ratio(11.25, 5.0), "11.3");
        assert_eq!(ratio(5.04, 5.0), "5.04");
        assert_eq!(ratio(0.125, 0.2), "0.13");
        assert_eq!(ratio(6.0, 5.0), "6");
        assert_eq!(ratio(0.0, 0.2), "0");
    }
}
