//! Which version of an assessment is current. Re-opening a signed-off assessment makes a new
//! version that names the one it came from (`previous_id`); a version is current while no newer
//! version names it. The dashboard's counts, the review's "continued in" link and the client
//! memo's channels all ask this one place.

use std::collections::HashMap;

/// The version chain of a set of assessments, from each one's (id, previous id).
#[derive(Debug, Clone, Default)]
pub struct Versions<'a> {
    /// previous id → the version re-opened from it.
    newer: HashMap<&'a str, &'a str>,
}

impl<'a> Versions<'a> {
    pub fn new(links: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Versions<'a> {
        Versions {
            newer: links
                .into_iter()
                .filter_map(|(id, previous)| Some((previous?, id)))
                .collect(),
        }
    }

    /// No newer version was re-opened from `id`.
    pub fn is_current(&self, id: &str) -> bool {
        !self.newer.contains_key(id)
    }

    /// The version re-opened from `id`, if there is one.
    pub fn newer(&self, id: &str) -> Option<&'a str> {
        self.newer.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reopened_version_supersedes_the_one_it_came_from_only() {
        let versions = Versions::new([("a1", None), ("a2", Some("a1")), ("b1", None)]);
        assert!(!versions.is_current("a1"));
        assert!(versions.is_current("a2"));
        assert!(versions.is_current("b1"));
        assert_eq!(versions.newer("a1"), Some("a2"));
        assert_eq!(versions.newer("a2"), None);
    }
}
