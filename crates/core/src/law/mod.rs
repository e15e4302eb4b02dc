//! The law register: every provision a template may cite, with a stable key (`PIPL-21`,
//! `GDPR-28-3-h`, `GBT35273-9.1`, `EPD-13-1`), its citation as lawyers write it in both languages,
//! a short title, a one-line gist in our own words, the official text's address, and how it was
//! verified (official / secondary / unverified, with a date only where a person truly checked it:
//! nothing here can be checked online, so no date is ever guessed). It also carries the GDPR ↔ PIPL map of where the two laws
//! differ, so a finding can say so. Data lives in `assets/templates/law.toml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

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
    /// How the provision's wording and number were checked.
    pub status: Verification,
    /// The official text's address, shown as text to copy (the app opens nothing). Absent only
    /// for `PLAT-TERMS`, the general note on platform terms, which has no one publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `YYYY-MM-DD`: the day a person checked it against `source`. Never guessed: absent unless
    /// someone truly did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// What to check, for an unverified provision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// How a provision was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Read in an official text.
    Official,
    /// Checked only through mirrors or reputable summaries.
    Secondary,
    /// Not confirmed: the source material marks it to be checked.
    Unverified,
}

impl Provision {
    /// Marked `[verify]` in the app and the reports: not confirmed at all.
    pub fn verify(&self) -> bool {
        self.status == Verification::Unverified
    }

    /// Not verified against an official text (secondary or unverified).
    pub fn not_official(&self) -> bool {
        self.status != Verification::Official
    }
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
    /// The register's own version, printed in every report.
    version: String,
    provision: Vec<Provision>,
    #[serde(default)]
    difference: Vec<Difference>,
}

/// The provisions by key, and the differences between the two laws.
#[derive(Debug, Clone, PartialEq)]
pub struct LawRegister {
    version: String,
    provisions: BTreeMap<String, Provision>,
    differences: Vec<Difference>,
}

impl LawRegister {
    /// The register shipped with the app. It is compiled-in data, so it is parsed once per
    /// process and handed out as copies (a copy costs a fraction of a parse).
    pub fn bundled() -> Result<LawRegister> {
        Ok(LawRegister::shared()?.clone())
    }

    /// The register shipped with the app, parsed once per process. A parse error is not kept:
    /// the next call parses again and reports it (the tests make sure it never happens).
    pub fn shared() -> Result<&'static LawRegister> {
        static PARSED: OnceLock<LawRegister> = OnceLock::new();
        if let Some(law) = PARSED.get() {
            return Ok(law);
        }
        let law = LawRegister::parse("law.toml", BUNDLED_LAW)?;
        Ok(PARSED.get_or_init(|| law))
    }

    /// Parses and checks a register: unique keys, both languages, differences that resolve.
    pub fn parse(file: &str, text: &str) -> Result<LawRegister> {
        let parsed: LawFile =
            toml::from_str(text).map_err(|e| crate::error::toml_error(file, text, &e))?;
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
            problems.extend(provenance_problems(&provision));
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
                problems: problems.into_iter().map(Into::into).collect(),
            });
        }
        Ok(LawRegister {
            version: parsed.version,
            provisions,
            differences: parsed.difference,
        })
    }

    pub fn version(&self) -> &str {
        &self.version
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
/// What a provision must say about where it comes from and how it was checked.
fn provenance_problems(p: &Provision) -> Vec<String> {
    let mut problems = Vec::new();
    match &p.source {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            problems.push(format!("provision {}: source must be a web address", p.key));
        }
        None if p.key != "PLAT-TERMS" => {
            problems.push(format!(
                "provision {}: source (official text address) missing",
                p.key
            ));
        }
        _ => {}
    }
    if let Some(date) = &p.checked {
        if p.status == Verification::Unverified {
            problems.push(format!(
                "provision {}: an unverified provision has no check date",
                p.key
            ));
        }
        if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
            problems.push(format!("provision {}: checked must be YYYY-MM-DD", p.key));
        }
    }
    if p.status == Verification::Unverified && p.note.is_none() {
        problems.push(format!(
            "provision {}: an unverified provision says what to check (note)",
            p.key
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(fields: &str) -> Result<LawRegister> {
        LawRegister::parse(
            "law.toml",
            &format!(
                "version = \"t\"\n[[provision]]\nkey = \"GDPR-6-1\"\nregime = \"gdpr\"\n\
                 article = {{ zh = \"a\", en = \"a\" }}\ntitle = {{ zh = \"t\", en = \"t\" }}\n\
                 gist = {{ zh = \"g\", en = \"g\" }}\n{fields}\n"
            ),
        )
    }

    #[test]
    fn a_provision_says_where_it_comes_from_and_never_dates_an_unverified_check() {
        let ok = register(
            "status = \"official\"\nsource = \"https://eur-lex.europa.eu/eli/reg/2016/679/oj\"\nchecked = \"2026-11-30\"",
        );
        assert_eq!(ok.expect("valid").version(), "t");
        let problems = |fields: &str| match register(fields) {
            Err(Error::InvalidTemplate { problems, .. }) => problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            other => panic!("refused expected, got {other:?}"),
        };
        assert!(problems("status = \"secondary\"").contains("source"));
        assert!(problems("status = \"official\"\nsource = \"eur-lex\"").contains("web address"));
        let dated = problems(
            "status = \"unverified\"\nsource = \"https://x.org\"\nchecked = \"2026-01-01\"\nnote = { zh = \"n\", en = \"n\" }",
        );
        assert!(dated.contains("no check date"), "{dated}");
        assert!(problems("status = \"unverified\"\nsource = \"https://x.org\"").contains("note"));
        assert!(
            problems("status = \"official\"\nsource = \"https://x.org\"\nchecked = \"30/11/2026\"")
                .contains("YYYY-MM-DD")
        );
    }

    #[test]
    fn the_bundled_register_has_a_version_and_a_source_for_every_provision() {
        let law = LawRegister::bundled().expect("law");
        assert!(!law.version().is_empty());
        for p in law.provisions() {
            assert!(p.source.is_some() || p.key == "PLAT-TERMS", "{}", p.key);
        }
    }
}
