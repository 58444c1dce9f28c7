use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::rules::Ctx;

crate::declare_rule! {
    /// ## What it checks
    /// A key of `[business_goals]` is not a single capital letter A–Z.
    ///
    /// ## Why the method wants it
    /// Step 2 gives each business goal of the scope a letter (A, B, C…) so that the social media
    /// goals of step 4 can cite them briefly and unambiguously.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [business_goals]
    /// costs = "Cut support costs by 10%"
    /// ```
    /// Passes:
    /// ```toml
    /// [business_goals]
    /// A = "Cut support costs by 10%"
    /// ```
    InvalidGoalLetter { code: "BG001", name: "invalid-goal-letter", severity: Error, summary: "a business goal key is not a single capital letter" }
}

pub fn check(plan: &Plan, _: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(bg) = &plan.business_goals else {
        return;
    };
    let used: Vec<u8> = bg
        .letters
        .iter()
        .filter(|l| l.valid)
        .map(|l| l.key.value.as_bytes()[0])
        .collect();
    for letter in bg.letters.iter().filter(|l| !l.valid) {
        let key = &letter.key.value;
        let first = key.chars().next().map(|c| c.to_ascii_uppercase());
        let suggestion = match first {
            Some(c)
                if c.is_ascii_uppercase()
                    && !used.contains(&(c as u8))
                    && key.chars().count() == 1 =>
            {
                c
            }
            _ => (b'A'..=b'Z')
                .find(|c| !used.contains(c))
                .map_or('A', char::from),
        };
        out.push(
            Diagnostic::new(
                InvalidGoalLetter::META.code,
                letter.key.span,
                format!("business goal key `{key}` is not a single capital letter"),
            )
            .help(format!("letter the business goal, e.g. `{suggestion} = ...`, and cite `{suggestion}` in `supports`")),
        );
    }
}
