//! Which side of the two regimes a provision sits on, read from its key. A key's prefix names its
//! family (`GDPR-`, `PIPL-`, `GBT35273-`, `PLAT-` …); [`LawRegister::parse`](super::LawRegister)
//! refuses a provision whose prefix and declared regime disagree, so pure code (scoring, the
//! regime filter) can place a key without holding the register.

use super::LawRegime;

/// The side of the EU ↔ PRC divide a family of rules belongs to. Platform terms are contracts of
/// neither: they apply where the assessment names the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Eu,
    Prc,
    Platform,
}

impl LawRegime {
    pub fn side(self) -> Side {
        match self {
            LawRegime::Gdpr | LawRegime::Epd | LawRegime::EuGuidance | LawRegime::MemberState => {
                Side::Eu
            }
            LawRegime::Pipl | LawRegime::Gbt35273 | LawRegime::Gbt39335 | LawRegime::PrcOther => {
                Side::Prc
            }
            LawRegime::Platform => Side::Platform,
        }
    }
}

/// Key prefixes (the text before the first `-`) and the family they name.
const PREFIXES: &[(&str, LawRegime)] = &[
    ("GDPR", LawRegime::Gdpr),
    ("EPD", LawRegime::Epd),
    ("CJEU", LawRegime::EuGuidance),
    ("EDPB", LawRegime::EuGuidance),
    ("EECC", LawRegime::EuGuidance),
    ("SCC", LawRegime::EuGuidance),
    ("WP248", LawRegime::EuGuidance),
    ("WP260", LawRegime::EuGuidance),
    // National laws of EU member states, by ISO country code.
    ("FR", LawRegime::MemberState),
    ("DE", LawRegime::MemberState),
    ("IT", LawRegime::MemberState),
    ("ES", LawRegime::MemberState),
    ("IE", LawRegime::MemberState),
    ("NL", LawRegime::MemberState),
    ("PIPL", LawRegime::Pipl),
    ("GBT35273", LawRegime::Gbt35273),
    ("GBT39335", LawRegime::Gbt39335),
    ("ADL", LawRegime::PrcOther),
    ("CAC", LawRegime::PrcOther),
    ("CC", LawRegime::PrcOther),
    ("CL", LawRegime::PrcOther),
    ("CRPL", LawRegime::PrcOther),
    ("CSL", LawRegime::PrcOther),
    ("ECL", LawRegime::PrcOther),
    ("MIIT", LawRegime::PrcOther),
    ("MPL", LawRegime::PrcOther),
    ("NDSMR", LawRegime::PrcOther),
    ("SAMR", LawRegime::PrcOther),
    ("SPCI17", LawRegime::PrcOther),
    ("PLAT", LawRegime::Platform),
];

/// The family a provision key belongs to, by its prefix; `None` for a prefix nobody declared.
pub fn regime_of_key(key: &str) -> Option<LawRegime> {
    let prefix = key.split('-').next().unwrap_or(key);
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, regime)| *regime)
}

/// The side a provision key sits on; `None` for an unknown prefix.
pub fn side_of_key(key: &str) -> Option<Side> {
    regime_of_key(key).map(LawRegime::side)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LawRegister;

    #[test]
    fn every_bundled_provision_is_placed_by_its_key() {
        let law = LawRegister::bundled().expect("law");
        for p in law.provisions() {
            assert_eq!(regime_of_key(&p.key), Some(p.regime), "{}", p.key);
        }
        assert_eq!(side_of_key("GDPR-36-1"), Some(Side::Eu));
        assert_eq!(side_of_key("EDPB-05-2020"), Some(Side::Eu));
        assert_eq!(side_of_key("GBT35273-5.4-e"), Some(Side::Prc));
        assert_eq!(side_of_key("PLAT-WA-BMP"), Some(Side::Platform));
        assert_eq!(side_of_key("XYZ-1"), None);
    }
}
