//! Reports a lawyer can hand to a client: the PIA report, the vendor due-diligence report and (as
//! it lands) the client memo, in Chinese, English or both.
//!
//! Two stages, kept apart: `model` says what a report contains (plain blocks, already worded in
//! the report language, built by `pia` / `vendor` from an assessment, its template snapshot and
//! its outcome), and `pdf` draws a model. Nothing here reads a clock: the report date is a
//! parameter, so the same input gives the same bytes.

mod common;
pub mod model;
pub mod pdf;
mod pia;
mod vendor;
pub mod wording;

pub use common::Source;
pub use model::{Block, Document, ReportKind, ReportLang, Tone};

use crate::error::Result;
use crate::law::LawRegister;
use crate::template::Kind;
use crate::vault::Vault;

/// The vault setting that names the person reports are from; the actor when unset.
pub const PROFILE_NAME_SETTING: &str = "profile.name";

/// The report kind an assessment of this kind gets.
pub fn kind_for(kind: Kind) -> ReportKind {
    match kind {
        Kind::Pia => ReportKind::Pia,
        Kind::Vendor => ReportKind::Vendor,
        Kind::DataSource => ReportKind::Memo,
    }
}

/// Reads what a single-assessment report needs from the vault.
pub fn source(vault: &Vault, id: &str, date: &str, actor: &str) -> Result<Source> {
    let record = vault.assessment(id)?;
    let client = record
        .client_id
        .as_deref()
        .map(|c| vault.client(c))
        .transpose()?;
    let vendor = record
        .vendor_id
        .as_deref()
        .map(|v| vault.vendor(v))
        .transpose()?;
    let author = vault
        .setting(PROFILE_NAME_SETTING)?
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| actor.to_owned());
    Ok(Source {
        template: vault.assessment_template(id)?,
        answers: vault.answers(id)?,
        outcome: vault.outcome(id)?,
        fingerprint: vault.fingerprint(id)?,
        sign_offs: vault.sign_offs(id)?,
        law: LawRegister::bundled()?,
        client,
        vendor,
        author,
        date: date.to_owned(),
        record,
    })
}

/// Builds the report model for one assessment: the PIA report for a PIA, the vendor report for a
/// vendor assessment. A data-source assessment is reported in its client's memo, which takes all
/// of the client's current data-source assessments (not built yet: `None`).
pub fn build(src: &Source, lang: ReportLang) -> Option<Document> {
    match src.record.kind {
        Kind::Pia => Some(pia::build(src, lang)),
        Kind::Vendor => Some(vendor::build(src, lang)),
        Kind::DataSource => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{parse_answers, score};
    use crate::report::wording as wd;
    use crate::vault::{AssessmentRecord, Status, canonical_sha256};

    fn source(template_id: &str, answers: &str) -> Source {
        let law = LawRegister::bundled().expect("law");
        let template = crate::template::bundled(&law)
            .expect("templates")
            .into_iter()
            .find(|t| t.id == template_id)
            .expect("template");
        let answers = parse_answers("a.toml", answers, &template).expect("answers");
        let outcome = score(&template, &answers, &[]);
        Source {
            record: AssessmentRecord {
                id: "a1".into(),
                kind: template.kind,
                template_id: template.id.clone(),
                template_version: template.version.clone(),
                title: "测试 Test".into(),
                client_id: None,
                data_source_id: None,
                vendor_id: None,
                status: Status::Draft,
                version: 1,
                previous_id: None,
                created_by: "t".into(),
                created_at: "2025-01-01T00:00:00.000Z".into(),
                updated_at: "2025-01-01T00:00:00.000Z".into(),
            },
            fingerprint: canonical_sha256(&template.id, &template.version, &answers, &[]),
            template,
            answers,
            outcome,
            sign_offs: Vec::new(),
            law,
            client: None,
            vendor: None,
            author: "DPO".into(),
            date: "2025-07-20".into(),
        }
    }

    const PIA: &str = "pia01_regime = \"prc\"\npia01_pipl55 = [\"sensitive\"]\n";

    #[test]
    fn a_pia_report_has_its_sections_rating_citations_and_fingerprint() {
        let src = source("pia", PIA);
        for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
            let doc = build(&src, lang).expect("pia report");
            let sections = doc.sections();
            for heading in [
                wd::SCREENING,
                wd::RISKS,
                wd::HEAT_MAPS,
                wd::SIGN_OFF,
                wd::APPENDIX,
            ] {
                assert!(
                    sections.contains(&lang.inline(&heading).as_str()),
                    "{heading:?} in {sections:?}"
                );
            }
            let text = doc.plain_text();
            assert!(text.contains(&lang.inline(&wd::rating(src.outcome.ratings.overall))));
            if lang != ReportLang::En {
                assert!(text.contains("《个人信息保护法》第五十五条"), "{text}");
            }
            if lang != ReportLang::Zh {
                assert!(text.contains("PIPL Art. 55"));
            }
            assert!(
                matches!(doc.blocks.last(), Some(Block::Fingerprint { sha256, .. }) if *sha256 == src.fingerprint)
            );
        }
    }

    #[test]
    fn a_bilingual_block_puts_chinese_first() {
        let doc = build(&source("pia", PIA), ReportLang::Bi).expect("pia report");
        assert_eq!(
            doc.cover.title,
            format!("{}\n{}", wd::PIA_TITLE.zh, wd::PIA_TITLE.en)
        );
        assert!(doc.sections()[0].starts_with(wd::SUMMARY.zh));
    }

    #[test]
    fn a_vendor_report_lists_clauses_and_the_tier() {
        let src = source(
            "vendor-entrustment",
            "ve01_classification = \"entrusted_processor\"\nve14_subprocessing_clause = \"no\"\n",
        );
        let doc = build(&src, ReportLang::En).expect("vendor report");
        assert!(doc.sections().contains(&wd::CLAUSES.en));
        let text = doc.plain_text();
        assert!(text.contains("missing"), "a missing clause is marked");
        assert!(text.contains("PIPL Art. 21"), "{text}");
        assert!(build(&source("data-source", ""), ReportLang::En).is_none());
    }
}
