use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;
use toml::value::Date;

crate::declare_rule! {
    /// ## What it checks
    /// `plan.end` is on or after `plan.start` plus `max_horizon_years` calendar years (5 by
    /// default, from `[limits]`): 2027-01-01 … 2031-12-31 passes, … 2032-01-01 fires.
    ///
    /// ## Why the method wants it
    /// Step 1 asks for a horizon in years, and step 5 keeps KPIs fixed for it. Over a very long
    /// horizon nobody can hold KPIs still; split the plan into shorter periods.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2035-12-31
    /// ```
    /// Passes:
    /// ```toml
    /// [plan]
    /// start = 2027-01-01
    /// end = 2027-12-31
    /// ```
    HorizonTooLong { code: "SC002", name: "horizon-too-long", severity: Warning, summary: "the horizon is longer than `max_horizon_years`" }
}

/// `date` plus `years` calendar years (29 February falls back to 28 February).
fn add_years(date: Date, years: u32) -> Date {
    let year = date.year.saturating_add(years.min(u16::MAX as u32) as u16);
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let day = if date.month == 2 && date.day == 29 && !leap {
        28
    } else {
        date.day
    };
    Date {
        year,
        month: date.month,
        day,
    }
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(start), Some(end)) = (plan.start.get(), plan.end.get()) else {
        return;
    };
    if end.value <= start.value {
        return; // SC001
    }
    let years = cx.limits.max_horizon_years;
    let limit = add_years(start.value, years);
    if end.value >= limit {
        out.push(
            Diagnostic::new(
                HorizonTooLong::META.code,
                end.span,
                format!(
                    "the horizon from {} to {} is {years} year{} or longer (`max_horizon_years`)",
                    start.value,
                    end.value,
                    if years == 1 { "" } else { "s" }
                ),
            )
            .label(format!("on or after {limit}"))
            .help(format!(
                "end the plan before {limit} and write a new plan for the next period (limit `max_horizon_years = {years}`)"
            )),
        );
    }
}
