//! The law register: every provision a template may cite, with a stable key (`PIPL-21`,
//! `GDPR-28-3-h`, `GBT35273-9.1`, `EPD-13-1`), its citation as lawyers write it in both languages,
//! a short title, a one-line gist in our own words, and a `verify` flag for provisions not yet
//! checked against an official text. It also carries the GDPR ↔ PIPL map of where the two laws
//! differ, so a finding can say so. Data lives in `assets/templates/law.toml`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::Text;

mod scope;
pub use scope::{Side, regime_of_key, side_of_key};

const BUNDLED_LAW: &str = include_str!("../../../../assets/templates/law.toml");

/// The family of rules a provision belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LawRegime {
    Gdpr,
    Epd,
    Pipl,
    Gbt35273,
    Gbt39335,
    PrcOther,
    EuGuidance,
    /// A national law of an EU member state (e.g. France's CPCE, Germany's UWG).
    MemberState,
    Platform,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub key: String,
    pub regime: LawRegime,
    /// The citation as lawyers write it: 《个人信息保护法》第二十一条 / PIPL Art. 21.
    pub article: Text,
    pub title: Text,
    pub gist: Text,
    #[serde(default)]
    pub verify: bool,
    /// What to check, for a provision marked `verify`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// Where GDPR and PIPL differ on the same question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difference {
    pub id: String,
    pub gdpr: Vec<String>,
    pub pipl: Vec<String>,
    pub title: Text,
    pub explanation: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LawFile {
    provision: Vec<Provision>,
    #[serde(default)]
    difference: Vec<Difference>,
}

/// The provisions by key, and the differences between the two laws.
#[derive(Debug, Clone, PartialEq)]
pub struct LawRegister {
    provisions: BTreeMap<String, Provision>,
    differences: Vec<Difference>,
}

impl LawRegister {
    /// The register shipped with the app.
    pub fn bundled() -> Result<LawRegister> {
        LawRegister::parse("law.toml", BUNDLED_LAW)
    }

    /// Parses and checks a register: unique keys, both languages, differences that resolve.
    pub fn parse(file: &str, text: &str) -> Result<LawRegister> {
        let parsed: LawFile =
            toml::from_str(text).map_err(|e| crate::template::toml_error(file, text, &e))?;
        let mut problems = Vec::new();
        let mut provisions = BTreeMap::new();
        for provision in parsed.provision {
            for (field, value) in [
                ("article", &provision.article),
                ("title", &provision.title),
                ("gist", &provision.gist),
            ] {
                if value.zh.trim().is_empty() || value.en.trim().is_empty() {
                    problems.push(format!(
                        "provision {}: {field} needs both zh and en",
                        provision.key
                    ));
                }
            }
            if regime_of_key(&provision.key) != Some(provision.regime) {
                problems.push(format!(
                    "provision {}: its key prefix does not name its regime {:?}",
                    provision.key, provision.regime
                ));
            }
            if let Some(old) = provisions.insert(provision.key.clone(), provision) {
                problems.push(format!("provision {} is defined twice", old.key));
            }
        }
        for difference in &parsed.difference {
            for key in difference.gdpr.iter().chain(&difference.pipl) {
                if !provisions.contains_key(key) {
                    problems.push(format!(
                        "difference {}: unknown provision {key}",
                        difference.id
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::InvalidTemplate {
                file: file.to_owned(),
                problems,
            });
        }
        Ok(LawRegister {
            provisions,
            differences: parsed.difference,
        })
    }

    pub fn get(&self, key: &str) -> Option<&Provision> {
        self.provisions.get(key)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.provisions.contains_key(key)
    }

    pub fn provisions(&self) -> impl Iterator<Item = &Provision> {
        self.provisions.values()
    }

    pub fn differences(&self) -> &[Difference] {
        &self.differences
    }

    /// The GDPR ↔ PIPL differences that concern any of these provisions.
    pub fn differences_for<'a>(
        &'a self,
        keys: &'a [String],
    ) -> impl Iterator<Item = &'a Difference> {
        self.differences
            .iter()
            .filter(move |d| d.gdpr.iter().chain(&d.pipl).any(|k| keys.contains(k)))
    }
}
