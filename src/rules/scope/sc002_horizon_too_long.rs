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

/// `date` plus `years` calendar years (29 February falls back to 28 February), or `None` past
/// the last date a plan can name (year 9999), which no `end` reaches.
fn add_years(date: Date, years: u32) -> Option<Date> {
    let start = jiff::civil::Date::new(
        i16::try_from(date.year).ok()?,
        i8::try_from(date.month).ok()?,
        i8::try_from(date.day).ok()?,
    )
    .ok()?;
    let limit = start
        .checked_add(jiff::Span::new().try_years(i64::from(years)).ok()?)
        .ok()?;
    Some(Date {
        year: u16::try_from(limit.year()).ok()?,
        month: u8::try_from(limit.month()).ok()?,
        day: u8::try_from(limit.day()).ok()?,
    })
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(start), Some(end)) = (plan.start.get(), plan.end.get()) else {
        return;
    };
    if end.value <= start.value {
        return; // SC001
    }
    let years = cx.limits.max_horizon_years;
    let Some(limit) = add_years(start.value, years) else {
        return;
    };
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

#[cfg(test)]
mod tests {
    use super::add_years;
    use toml::value::Date;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn calendar_years_with_29_february() {
        assert_eq!(add_years(date(2027, 1, 1), 5), Some(date(2032, 1, 1)));
        assert_eq!(add_years(date(2028, 2, 29), 1), Some(date(2029, 2, 28)));
        assert_eq!(add_years(date(2028, 2, 29), 4), Some(date(2032, 2, 29)));
        assert_eq!(add_years(date(2096, 2, 29), 4), Some(date(2100, 2, 28)));
        assert_eq!(add_years(date(1996, 2, 29), 4), Some(date(2000, 2, 29)));
        assert_eq!(add_years(date(9999, 1, 1), 1), None);
        assert_eq!(add_years(date(2027, 1, 1), u32::MAX), None);
    }
}
