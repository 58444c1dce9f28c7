use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// The mission contains a decimal digit: a number, percentage, amount or date. Digits inside a
    /// word with letters (`Covid-19`, `B2B`, `Q4`) count too, since `Q4` is a date, but then the
    /// message says the digits may be part of a name and the help shows how to keep a name with a
    /// suppression comment. A plain number is reported before digits inside a name.
    ///
    /// ## Why the method wants it
    /// Step 3: the mission is the *why*, a lasting purpose. Targets and dates belong in the KPIs
    /// of step 5, where they are measured.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [plan]
    /// mission = "Answer 90% of questions within 2 hours"
    /// ```
    /// Passes:
    /// ```toml
    /// [plan]
    /// mission = "Make every customer feel heard where they already are"
    /// ```
    MissionIsATarget { code: "MS002", name: "mission-is-a-target", severity: Warning, summary: "the mission contains a number or date" }
}

/// A run of digits in the mission: where it starts and ends (bytes), and whether it is part of a
/// word with letters in it, such as `Covid-19`, `B2B`, `Web3` or `Q4`.
struct Run {
    start: usize,
    end: usize,
    in_word: bool,
}

/// Every run of digits and number punctuation in `text`, with the word around it.
fn runs(text: &str) -> Vec<Run> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((i, _)) = text
        .get(from..)
        .and_then(|rest| rest.char_indices().find(|(_, c)| c.is_ascii_digit()))
    {
        let offset = from + i;
        let rest = text.get(offset..).unwrap_or_default();
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || ".,%:/-".contains(c)))
            .unwrap_or(rest.len());
        // The whole word around the run: letters, digits and hyphens.
        let before = text.get(..offset).unwrap_or_default();
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word(*c))
            .last()
            .map_or(offset, |(j, _)| j);
        let after = text.get(offset..).unwrap_or_default();
        let word_end = offset
            + after
                .char_indices()
                .find(|(_, c)| !is_word(*c))
                .map_or(after.len(), |(j, _)| j);
        let word = text.get(word_start..word_end).unwrap_or_default();
        let in_word = word.chars().any(char::is_alphabetic);
        let (start, end) = if in_word {
            (word_start, word_end)
        } else {
            (offset, offset + len.max(1))
        };
        out.push(Run {
            start,
            end,
            in_word,
        });
        from = end.max(offset + 1);
    }
    out
}

pub fn check(plan: &Plan, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(mission) = plan.mission.get() else {
        return;
    };
    // Most missions have no digit: one byte scan says so.
    if !mission.value.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let runs = runs(&mission.value);
    // A plain number wins over digits inside a name: it is the likelier target.
    let Some(run) = runs.iter().find(|r| !r.in_word).or(runs.first()) else {
        return;
    };
    let base = cx.content_start(mission.span, &mission.value);
    let span = if base == mission.span.start {
        mission.span
    } else {
        crate::source::Span::new(base + run.start, base + run.end)
    };
    let d = if run.in_word {
        let word = mission.value.get(run.start..run.end).unwrap_or_default();
        Diagnostic::new(
            MissionIsATarget::META.code,
            span,
            format!(
                "the mission contains a number in `{word}`: it reads as a target unless it is part of a name"
            ),
        )
        .label("a number, or part of a name?")
        .help(format!(
            "if `{word}` is a name, keep it and end the line with `# smplan-ignore: {code} -- part of a name`; \
             if it is a target or a date, keep the mission to the why and move it into a KPI's `target` and `deadline`",
            code = MissionIsATarget::META.code
        ))
    } else {
        Diagnostic::new(
            MissionIsATarget::META.code,
            span,
            "the mission contains a number: it reads as a target",
        )
        .label("a number belongs in a KPI")
        .help(
            "keep the mission to the why, and move the number into a KPI's `target` and `deadline`",
        )
    };
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::runs;

    fn found(text: &str) -> Vec<(&str, bool)> {
        runs(text)
            .iter()
            .map(|r| (text.get(r.start..r.end).unwrap_or("?"), r.in_word))
            .collect()
    }

    #[test]
    fn digits_in_names_are_told_apart_from_numbers() {
        assert_eq!(found("Recover from Covid-19"), [("Covid-19", true)]);
        assert_eq!(
            found("Answer 90% of questions within 2 hours"),
            [("90%", false), ("2", false)]
        );
        assert_eq!(
            found("Lead B2B buyers in Q4"),
            [("B2B", true), ("Q4", true)]
        );
        assert_eq!(
            found("Plan 2027-28 for Web3"),
            [("2027-28", false), ("Web3", true)]
        );
        assert_eq!(found("Révéler 3é"), [("3é", true)]);
        assert!(found("No digits at all").is_empty());
    }
}
