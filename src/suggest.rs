//! "Did you mean" suggestions.

/// The candidate closest to `got`, if it is close enough to be a plausible typo.
pub fn closest<'c>(got: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let got_l = got.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let c_l = c.to_lowercase();
            // Prefix and containment count as close: `profit` → `increase-profit`.
            let score = if c_l.contains(&got_l) && got_l.len() >= 3 {
                0.95
            } else {
                strsim::jaro_winkler(&got_l, &c_l)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_typos_and_parts() {
        assert_eq!(closest("dedline", ["deadline", "owner"]), Some("deadline"));
        assert_eq!(
            closest("profit", ["increase-profit", "reduce-costs"]),
            Some("increase-profit")
        );
        assert_eq!(closest("zzz", ["deadline", "owner"]), None);
    }
}
