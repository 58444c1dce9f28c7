//! A filter in front of the matcher: at a word of ASCII text, one look-up says whether any
//! entry of the list may match there. Most words of a plan start like no entry, and trying
//! the entries that share their first letter cost more than the rest of the search.

use super::{Entry, Unit};

/// The first three bytes of every entry's possible matches, each byte reduced to a class
/// ([`class`]), as one bit per triple: 32 × 32 × 32 bits. A set bit only means "try".
#[derive(Debug)]
pub(super) struct Prefixes {
    bits: Box<[u64; 512]>,
}

/// Letters (either case) are classes 0–25, other ASCII bytes share 26–29; a missing byte (the
/// end of the text) is [`END`] and a byte of a non-ASCII character [`WIDE`].
const CLASSES: [u8; 256] = {
    let mut out = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        out[b] = if c >= 0x80 {
            WIDE
        } else if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase() - b'a'
        } else {
            26 + c % 4
        };
        b += 1;
    }
    out
};
const END: u8 = 30;
const WIDE: u8 = 31;

fn class(b: u8) -> u8 {
    CLASSES[usize::from(b)]
}

/// The class of the ASCII characters a step matches, if they are all one class; `None` for
/// whitespace, a `*`, or characters of several classes. `Some(None)`: no ASCII character.
fn class_of(unit: &Unit) -> Option<Option<u8>> {
    let v: &[char] = match unit {
        Unit::Char(v) => v,
        Unit::Chars(v) => v,
        Unit::Space | Unit::Rest => return None,
    };
    let mut classes = v.iter().filter(|c| c.is_ascii()).map(|&c| class(c as u8));
    let Some(first) = classes.next() else {
        return Some(None);
    };
    classes.all(|c| c == first).then_some(Some(first))
}

impl Prefixes {
    pub(super) fn new(units: &[Unit], entries: &[Entry]) -> Self {
        let mut out = Prefixes {
            bits: Box::new([0; 512]),
        };
        for e in entries {
            let steps = units
                .get(e.from as usize..e.to as usize)
                .unwrap_or_default();
            // An entry whose first character is never ASCII is never tried at an ASCII byte.
            if steps.first().and_then(class_of) == Some(None) {
                continue;
            }
            let mut key = [None; 3];
            for (k, step) in key.iter_mut().zip(steps) {
                match class_of(step) {
                    Some(Some(c)) => *k = Some(c),
                    _ => break,
                }
            }
            out.allow(key);
        }
        out
    }

    /// Sets the bits of every start an entry with this prefix may match: any class from where
    /// the prefix ends, and any after a non-ASCII second character (a Kelvin sign matches `k`)
    /// or a non-ASCII third.
    fn allow(&mut self, key: [Option<u8>; 3]) {
        for c0 in key[0].map_or(0..32, |c| c..c + 1) {
            self.row(c0, WIDE);
            match (key[1], key[2]) {
                (None, _) => (0..32).for_each(|c1| self.row(c0, c1)),
                (Some(c1), None) => self.row(c0, c1),
                (Some(c1), Some(c2)) => {
                    self.set(c0, c1, c2);
                    self.set(c0, c1, WIDE);
                }
            }
        }
    }

    /// Sets `(c0, c1, any)`: 32 bits, half of one word.
    fn row(&mut self, c0: u8, c1: u8) {
        let i = Self::index(c0, c1, 0);
        if let Some(word) = self.bits.get_mut(i / 64) {
            *word |= 0xFFFF_FFFF << (i % 64);
        }
    }

    fn index(c0: u8, c1: u8, c2: u8) -> usize {
        usize::from(c0) << 10 | usize::from(c1) << 5 | usize::from(c2)
    }

    fn set(&mut self, c0: u8, c1: u8, c2: u8) {
        let i = Self::index(c0, c1, c2);
        if let Some(word) = self.bits.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// Whether an entry may match at byte `at` of `bytes` (an ASCII byte).
    #[inline]
    pub(super) fn may_match(&self, bytes: &[u8], at: usize) -> bool {
        let c = |i: usize| bytes.get(at + i).map_or(END, |&b| class(b));
        let i = Self::index(c(0), c(1), c(2));
        self.bits
            .get(i / 64)
            .is_some_and(|w| (w >> (i % 64)) & 1 != 0)
    }
}
