//! The core business goals every KPI serves (KP003): Sterne's three by default, or the config's
//! `core_goals` for organisations whose bottom line is not profit.

pub use crate::model::CORE_GOALS;

/// The most entries `core_goals` may have: a handful that truly matter, not a catalogue.
pub const MAX: usize = 7;

/// Sterne's three, as owned strings.
pub fn defaults() -> Vec<String> {
    CORE_GOALS.iter().map(|c| c.to_string()).collect()
}

/// Whether the list is the default one (messages then say "the three core business goals").
pub fn is_default(list: &[String]) -> bool {
    list.len() == CORE_GOALS.len() && list.iter().zip(CORE_GOALS).all(|(a, b)| a == b)
}

/// `increase-public-value`: lowercase ASCII letters and digits in words joined by single hyphens.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A kebab-case spelling of `s` for a help line ("Advance Mission" → `advance-mission`).
pub fn kebab(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "increase-public-value".into()
    } else {
        words.join("-")
    }
}

/// "`a`, `b` or `c`"
pub fn allowed(list: &[String]) -> String {
    let quoted: Vec<String> = list.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_is_checked_and_suggested() {
        assert!(is_kebab("increase-public-value"));
        assert!(is_kebab("k12-reach"));
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Advance",
            "advance_mission",
            "повече",
        ] {
            assert!(!is_kebab(bad), "{bad}");
        }
        assert_eq!(kebab("Advance Mission"), "advance-mission");
        assert_eq!(kebab("advance_mission"), "advance-mission");
    }

    #[test]
    fn allowed_lists_read_as_a_sentence() {
        assert_eq!(
            allowed(&defaults()),
            "`increase-profit`, `reduce-costs` or `increase-satisfaction`"
        );
        assert_eq!(allowed(&["advance-mission".into()]), "`advance-mission`");
    }
}
