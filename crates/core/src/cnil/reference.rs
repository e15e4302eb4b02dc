//! What an evaluation's `reference_to` names. The CNIL tool writes a dotted string: `"1.1"` and
//! `"1.2"` for the items of section 1, `"2.<item>.<question id>"` for each question of section 2
//! (it builds `'2.' + item.id + '.' + question.id`, so `"2.1.211"`), `"3.1.<measure id>"` for a
//! measure and `"3.2"`–`"3.4"` for the three risks. Files written by earlier DPO Desk releases
//! use the question's rank in section 2 (`"2.1.1"`), which is read as the same question.

use super::architecture::{self as arch, CnilQuestion, CnilRisk, GENERAL, Kind, RISK_ITEMS, RISKS};
use crate::i18n::Text;

/// The thing an evaluation is about.
#[derive(Debug, Clone)]
pub enum Reference {
    /// Item 1.1 or 1.2 (evaluated as a whole).
    Item { reference: &'static str },
    /// A question of section 2 (evaluated one by one).
    Question(CnilQuestion),
    /// A measure of item 3.1, by the file's measure id.
    Measure { id: String },
    /// One of the three risks.
    Risk(CnilRisk),
}

/// Reads a reference; `None` when it names nothing of the architecture.
pub fn resolve(reference: &str) -> Option<Reference> {
    let reference = reference.trim();
    match reference {
        "1.1" => return Some(Reference::Item { reference: "1.1" }),
        "1.2" => return Some(Reference::Item { reference: "1.2" }),
        _ => {}
    }
    if let Some(risk) = RISK_ITEMS.iter().find(|r| r.reference() == reference) {
        return Some(Reference::Risk(*risk));
    }
    if let Some(id) = reference.strip_prefix("3.1.") {
        let id = id.trim();
        return (!id.is_empty()).then(|| Reference::Measure { id: id.to_owned() });
    }
    section_two(reference).map(Reference::Question)
}

/// `"2.<item>.<question id>"`, or `"2.<item>.<rank>"` from older files.
fn section_two(reference: &str) -> Option<CnilQuestion> {
    let mut parts = reference.split('.');
    let (Some("2"), Some(item), Some(last), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let item: u32 = item.parse().ok().filter(|i| (1..=2).contains(i))?;
    let last: u32 = last.parse().ok()?;
    let id = if last >= 100 {
        last
    } else {
        200 + item * 10 + last
    };
    // The question must belong to the item the reference names.
    if id / 10 != 20 + item {
        return None;
    }
    arch::question(id).filter(|q| q.kind == Kind::Text)
}

impl Reference {
    /// The item's or question's label (a measure is labelled by its title elsewhere).
    pub fn label(&self) -> Text {
        match self {
            Reference::Item { reference: "1.1" } => Text::new("1.1 概述", "1.1 Overview"),
            Reference::Item { .. } => Text::new(
                "1.2 数据、流程和支撑资产",
                "1.2 Data, processes and supporting assets",
            ),
            Reference::Question(q) => Text::new(
                format!("{} {}", q.number(), q.zh),
                format!("{} {}", q.number(), q.en),
            ),
            Reference::Measure { id } => {
                Text::new(format!("3.1 措施 {id}"), format!("3.1 Measure {id}"))
            }
            Reference::Risk(r) => Text::new(
                format!("{} {}", r.reference(), r.zh),
                format!("{} {}", r.reference(), r.en),
            ),
        }
    }

    /// The DPO Desk question notes about the evaluated thing land on.
    pub fn home(&self) -> &'static str {
        match self {
            Reference::Item { reference: "1.1" } => "pia04_context",
            Reference::Item { .. } => "pia04_lifecycle",
            Reference::Question(q) => q.host,
            Reference::Measure { .. } | Reference::Risk(_) => RISKS,
        }
    }
}

/// Where notes about an unresolvable reference land.
pub const UNKNOWN_HOME: &str = GENERAL;

#[cfg(test)]
mod tests {
    use super::*;

    fn question_id(reference: &str) -> Option<u32> {
        match resolve(reference) {
            Some(Reference::Question(q)) => Some(q.id),
            _ => None,
        }
    }

    #[test]
    fn section_two_references_name_their_question() {
        assert_eq!(question_id("2.1.211"), Some(211));
        assert_eq!(question_id("2.1.215"), Some(215));
        assert_eq!(question_id("2.2.221"), Some(221));
        assert_eq!(question_id("2.2.227"), Some(227));
        // The rank form of earlier files names the same question.
        assert_eq!(question_id("2.1.1"), Some(211));
        assert_eq!(question_id("2.2.6"), Some(226));
        // A question of another item, or one that does not exist, is refused.
        assert_eq!(question_id("2.1.221"), None);
        assert_eq!(question_id("2.1.216"), None);
        assert_eq!(question_id("2.3.231"), None);
        assert_eq!(question_id("2.1"), None);
    }

    #[test]
    fn the_other_forms_resolve() {
        assert!(matches!(
            resolve("1.1"),
            Some(Reference::Item { reference: "1.1" })
        ));
        assert!(matches!(
            resolve("1.2"),
            Some(Reference::Item { reference: "1.2" })
        ));
        assert!(matches!(resolve("3.3"), Some(Reference::Risk(r)) if r.item == 3));
        assert!(matches!(resolve("3.1.17"), Some(Reference::Measure { id }) if id == "17"));
        assert!(resolve("3.1.").is_none());
        assert!(resolve("3.5").is_none());
        assert!(resolve("4.2").is_none());
        assert_eq!(
            resolve("2.2.226").map(|r| r.home()),
            Some("pia04_processors_assessed")
        );
        assert_eq!(resolve("3.1.7").map(|r| r.home()), Some(RISKS));
        assert_eq!(resolve("1.2").map(|r| r.home()), Some("pia04_lifecycle"));
    }
}
