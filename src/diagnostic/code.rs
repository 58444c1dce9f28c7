//! A rule's code and other metadata text: `'static` for built-in rules, shared for pack rules,
//! whose text lives only as long as the pack is loaded (nothing is leaked to make it static).

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A cheaply cloned string: a literal, or text shared with the pack that declared it.
/// Compares, hashes and prints as the string it holds.
#[derive(Clone)]
pub struct Code(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Code {
    pub const fn new(code: &'static str) -> Self {
        Code(Repr::Static(code))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// Whether this text is shared with a pack (not a literal), for tests of what a pack holds.
    pub fn shared(&self) -> Option<&Arc<str>> {
        match &self.0 {
            Repr::Static(_) => None,
            Repr::Shared(s) => Some(s),
        }
    }
}

impl Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Code {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Code {
    fn from(s: &'static str) -> Self {
        Code::new(s)
    }
}

impl From<Arc<str>> for Code {
    fn from(s: Arc<str>) -> Self {
        Code(Repr::Shared(s))
    }
}

impl From<String> for Code {
    fn from(s: String) -> Self {
        Code(Repr::Shared(s.into()))
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Code {}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Code {
    // As `str` hashes, so that a map keyed by `Code` is looked up by `&str` (`Borrow<str>`).
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_its_string() {
        let shared = Code::from(String::from("ACME001"));
        assert_eq!(shared, Code::new("ACME001"));
        assert_eq!(shared, "ACME001");
        let mut map = std::collections::HashMap::new();
        map.insert(shared, 1);
        assert_eq!(map.get("ACME001"), Some(&1));
        assert_eq!(format!("{:?}", Code::new("SM001")), "\"SM001\"");
    }
}
