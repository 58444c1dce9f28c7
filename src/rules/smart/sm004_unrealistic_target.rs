use super::{num, skip_dependents};
use crate::diagnostic::Diagnostic;
use crate::model::{Direction, Field, Kpi, Plan};
use crate::rules::Ctx;
use crate::words::WordList;
use std::cmp::Ordering;
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
    UnrealisticTarget { code: "SM004", name: "unrealistic-target", severity: Warning, summary: "the KPI's target contradicts its direction, baseline or unit", smart: Achievable }
}

/// Words that make a `%` unit a rate of change rather than a share.
fn change_words() -> &'static WordList {
    static LIST: OnceLock<WordList> = OnceLock::new();
    LIST.get_or_init(|| WordList::from_static(&["growth", "increase", "change", "uplift"]))
}

/// Whether a unit names a share of a whole (so at most 100).
pub fn is_share(unit: &str) -> bool {
    unit.trim_start().starts_with('%') && change_words().find(unit).is_empty()
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
        if decimals >= 15 || (shown - limit).abs() > f64::EPSILON * limit.abs().max(1.0) {
            return num(shown);
        }
        decimals += 1;
    }
}

/// A bound for a help line, to two decimals at most.
/// A positive finite number as the decimal it is written as (its shortest round-trip form,
/// which is what the planner typed): `m × 10^e`.
fn decimal(x: f64) -> Option<(u128, i32)> {
    if !(x.is_finite() && x > 0.0) {
        return None;
    }
    let s = format!("{x:e}");
    let (mantissa, exp) = s.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let m: u128 = format!("{int}{frac}").parse().ok()?;
    Some((m, exp.checked_sub(i32::try_from(frac.len()).ok()?)?))
}

fn digits(m: u128) -> i32 {
    m.checked_ilog10().map_or(1, |d| d as i32 + 1)
}

/// Compares two positive decimals `m × 10^e` exactly.
fn cmp_decimal((m1, e1): (u128, i32), (m2, e2): (u128, i32)) -> Ordering {
    // Orders of magnitude first; equal magnitudes differ in exponent by at most 38 digits.
    let (mag1, mag2) = (digits(m1) + e1, digits(m2) + e2);
    if mag1 != mag2 {
        return mag1.cmp(&mag2);
    }
    let scale = |m: u128, by: i32| {
        u32::try_from(by)
            .ok()
            .and_then(|by| 10u128.checked_pow(by))
            .and_then(|p| m.checked_mul(p))
    };
    let (a, b) = if e1 >= e2 {
        (scale(m1, e1 - e2), Some(m2))
    } else {
        (Some(m1), scale(m2, e2 - e1))
    };
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => Ordering::Equal,
    }
}

/// `a × b` against `c` for positive finite numbers, exactly as the decimals are written, so
/// that a ratio exactly at the limit passes (`0.45` is 5 × `0.09`, though not in binary).
fn cmp_product(a: f64, b: f64, c: f64) -> Ordering {
    // Far from a tie the binary product is right; only near-ties need the (slower) exact
    // decimals, which this rule would otherwise format for every KPI of every plan.
    let p = a * b;
    if (p - c).abs() > 1e-9 * p.abs().max(c.abs()) {
        return p.partial_cmp(&c).unwrap_or(Ordering::Equal);
    }
    let exact = || {
        let ((ma, ea), (mb, eb), c) = (decimal(a)?, decimal(b)?, decimal(c)?);
        Some(cmp_decimal((ma.checked_mul(mb)?, ea.checked_add(eb)?), c))
    };
    exact().unwrap_or_else(|| (a * b).partial_cmp(&c).unwrap_or(Ordering::Equal))
}

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
    // t / b > max, and t / b < 1 / max, compared exactly (a ratio at the limit passes).
    let above = t > 0.0 && cmp_product(b, max, t) == Ordering::Less;
    let below = t <= 0.0 || cmp_product(t, max, b) == Ordering::Less;
    let (message, help) = if above {
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
    } else if below {
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
    use super::{cmp_product, is_share, ratio};

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
    fn products_compare_as_written_decimals() {
        use std::cmp::Ordering::*;
        // 0.09 × 5 is 0.45000000000000007 in binary; as written it is exactly 0.45.
        assert_eq!(cmp_product(0.09, 5.0, 0.45), Equal);
        assert_eq!(cmp_product(0.022, 5.0, 0.11), Equal);
        assert_eq!(cmp_product(0.09, 5.0, 0.4500001), Less);
        assert_eq!(cmp_product(0.09, 5.0, 0.4499999), Greater);
        assert_eq!(cmp_product(1.0, 5.0, 5.000000000001), Less);
        assert_eq!(cmp_product(800.0, 5.0, 4000.0), Equal);
        assert_eq!(cmp_product(1e300, 5.0, 5e300), Equal);
        assert_eq!(cmp_product(1e-300, 5.0, 1.0), Less);
        assert_eq!(cmp_product(3.0, 2.5, 7.5), Equal);
        assert_eq!(cmp_product(123456789.0, 1.5, 185185183.5), Equal);
    }

    #[test]
    fn ratios_show_enough_decimals() {
        assert_eq!(ratio(11.25, 5.0), "11.3");
        assert_eq!(ratio(5.04, 5.0), "5.04");
        assert_eq!(ratio(0.125, 0.2), "0.13");
        assert_eq!(ratio(6.0, 5.0), "6");
        assert_eq!(ratio(0.0, 0.2), "0");
        // Just over the limit never reads as the limit itself.
        assert_eq!(ratio(0.4500000001 / 0.09, 5.0), "5.000000001");
    }
}
