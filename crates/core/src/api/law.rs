//! Wire types: the law register.

use super::*;
use crate::law::Verification;

/// Where GDPR and PIPL differ on a point a provision concerns.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DifferenceView {
    pub id: String,
    pub title: Bilingual,
    pub explanation: Bilingual,
    pub gdpr: Vec<String>,
    pub pipl: Vec<String>,
}

/// A provision of the law register, as the citation panel shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProvisionView {
    pub key: String,
    pub article: Bilingual,
    pub title: Bilingual,
    pub gist: Bilingual,
    /// Not confirmed at all: the UI marks it [verify].
    pub verify: bool,
    /// How it was verified: `official`, `secondary` or `unverified`.
    pub status: String,
    /// The official text's address, shown as text to copy (the app opens nothing).
    pub source: Option<String>,
    /// `YYYY-MM-DD`, only where a person checked it on that day.
    pub checked: Option<String>,
    pub note: Option<Bilingual>,
    pub differences: Vec<DifferenceView>,
}

impl ProvisionView {
    /// The provision with this key and the GDPR ↔ PIPL differences that concern it.
    pub fn lookup(law: &LawRegister, key: &str) -> Option<ProvisionView> {
        let p = law.get(key)?;
        let keys = [p.key.clone()];
        Some(ProvisionView {
            key: p.key.clone(),
            article: (&p.article).into(),
            title: (&p.title).into(),
            gist: (&p.gist).into(),
            verify: p.verify(),
            status: match p.status {
                Verification::Official => "official",
                Verification::Secondary => "secondary",
                Verification::Unverified => "unverified",
            }
            .to_owned(),
            source: p.source.clone(),
            checked: p.checked.clone(),
            note: p.note.as_ref().map(Into::into),
            differences: law
                .differences_for(&keys)
                .map(|d| DifferenceView {
                    id: d.id.clone(),
                    title: (&d.title).into(),
                    explanation: (&d.explanation).into(),
                    gdpr: d.gdpr.clone(),
                    pipl: d.pipl.clone(),
                })
                .collect(),
        })
    }
}
