//! Checks over the few items a plan usually has (ids, metrics of a tactic), made without
//! allocating: they run on every file, and a clean file needs only the "nothing repeats" answer.

/// Up to this many items are compared pairwise on the stack.
const SMALL: usize = 16;

/// Whether no two items are `same`, when there are at most [`SMALL`] of them; `None` for more
/// (the caller then takes its general path).
pub fn distinct<T: Copy>(
    items: impl IntoIterator<Item = T>,
    same: impl Fn(T, T) -> bool,
) -> Option<bool> {
    let mut seen: [Option<T>; SMALL] = [None; SMALL];
    let mut n = 0;
    for item in items {
        let slot = seen.get_mut(n)?;
        *slot = Some(item);
        n += 1;
    }
    let seen = &seen[..n];
    for (i, a) in seen.iter().flatten().enumerate() {
        if seen[i + 1..].iter().flatten().any(|&b| same(*a, b)) {
            return Some(false);
        }
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::{SMALL, distinct};

    #[test]
    fn pairs_are_compared_and_large_inputs_are_declined() {
        let eq = |a: &str, b: &str| a == b;
        assert_eq!(distinct(["a", "b", "c"], eq), Some(true));
        assert_eq!(distinct(["a", "b", "a"], eq), Some(false));
        assert_eq!(distinct(Vec::<&str>::new(), eq), Some(true));
        let many: Vec<String> = (0..=SMALL).map(|i| i.to_string()).collect();
        assert_eq!(distinct(many.iter().map(String::as_str), eq), None);
        assert_eq!(
            distinct(many.iter().take(SMALL).map(String::as_str), eq),
            Some(true)
        );
    }
}
