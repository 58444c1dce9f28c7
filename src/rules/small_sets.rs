//! Checks over the few items a plan usually has (ids, metrics of a tactic), made without
//! allocating: they run on every file, and a clean file needs only the "nothing repeats" answer.

/// Up to this many items are compared pairwise on the stack.
const SMALL: usize = 16;

/// Whether no two items are `same`, when there are at most [`SMALL`] of them; `None` for more
/// unless a repeat came first (the caller then takes its general path).
pub fn distinct<T: Copy>(
    items: impl IntoIterator<Item = T>,
    same: impl Fn(T, T) -> bool,
) -> Option<bool> {
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return Some(true);
    };
    let mut seen = [first; SMALL];
    for (n, item) in (1..).zip(items) {
        let earlier = seen.get(..n)?;
        if earlier.iter().any(|&e| same(e, item)) {
            return Some(false);
        }
        *seen.get_mut(n)? = item;
    }
    Some(true)
}

/// `s.trim()`, answered from the first and last bytes when they are not whitespace (the usual
/// name): `str::trim` decodes characters on every call.
pub fn trim(s: &str) -> &str {
    let solid =
        |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' '));
    let bytes = s.as_bytes();
    if solid(bytes.first()) && solid(bytes.last()) {
        s
    } else {
        s.trim()
    }
}

/// A summary of a string that equal strings share: comparing two of them is one instruction
/// where comparing ids of one length (`goal-1`, `goal-2`) calls `memcmp`.
pub fn fingerprint(s: &str) -> u64 {
    let b = s.as_bytes();
    let (head, tail) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(h), Some(t)) => (u64::from_le_bytes(*h), u64::from_le_bytes(*t)),
        _ => (b.iter().fold(0, |h, &x| h << 8 | u64::from(x)), 0),
    };
    (head ^ tail.rotate_left(31)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.len() as u64
}

#[cfg(test)]
mod tests {
    use super::{SMALL, distinct, fingerprint, trim};

    #[test]
    fn equal_strings_share_a_fingerprint() {
        let ids = [
            "",
            "a",
            "goal-1",
            "goal-2",
            "kpi-1-1",
            "tactic-10",
            "tactic-11",
            "ы",
        ];
        for a in ids {
            let copy = String::from(a);
            assert_eq!(fingerprint(a), fingerprint(copy.as_str()));
        }
        assert_ne!(fingerprint("goal-1"), fingerprint("goal-2"));
        assert_ne!(fingerprint("tactic-10"), fingerprint("tactic-11"));
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "", " ", "a", " a ", "a\u{b}", "\u{a0}a", "a\u{85}", "ab c", "\tab\r", "é", "aé",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

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
