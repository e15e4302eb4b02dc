//! Reports a lawyer can hand to a client: the client memo, the PIA report and the vendor
//! due-diligence report, in Chinese, English or both.
//!
//! Two stages, kept apart: `model` says what a report contains (plain blocks, already worded in
//! the report language, built by `memo` / `pia` / `vendor` from an assessment, its template snapshot and
//! its outcome), and `pdf` draws a model (`docx` walks the same model into a Word document).
//! Nothing here reads a clock: the report date is a parameter, so the same input gives the same bytes.

mod cnil_chapter;
pub(crate) mod common;
pub mod docx;
mod generate;
pub mod html;
mod memo;
mod memo_findings;
mod memo_sections;
mod memo_table;
pub mod model;
pub mod pdf;
mod pia;
#[cfg(test)]
mod placeholder_tests;
mod register;
mod scope;
#[cfg(test)]
mod scope_tests;
mod sign_off_block;
mod transfer;
mod vendor;
pub mod wording;

pub use crate::vault::ReportFormat;
pub use common::{Source, answer_text, value_text};
pub use generate::{
    DrawnReport, GeneratedReport, draw_memo, draw_report, generate_memo, generate_report, keep,
};
pub use memo::{Channel, MemoSource};
pub use model::{Block, Document, ReportKind, ReportLang, Tone};

use crate::error::{Error, Invalid, Result};
use crate::law::LawRegister;
use crate::template::Kind;
use crate::vault::DataSourceFilter;
use crate::vault::store::Read;

/// The vault setting that names the person reports are from. When unset, a report says the
/// author is not recorded: the audit actor (an OS user name, or a placeholder) is no author.
pub const PROFILE_NAME_SETTING: &str = crate::vault::PROFILE_NAME;

/// The report kind an assessment of this kind gets.
pub fn kind_for(kind: Kind) -> ReportKind {
    match kind {
        Kind::Pia => ReportKind::Pia,
        Kind::Vendor => ReportKind::Vendor,
        Kind::DataSource => ReportKind::Memo,
        Kind::Transfer => ReportKind::Transfer,
    }
}

/// Reads what a single-assessment report needs from the vault.
pub fn source<R: Read>(store: &R, id: &str, date: &str, _actor: &str) -> Result<Source> {
    let record = store.assessment(id)?;
    let client = record
        .client_id
        .as_deref()
        .map(|c| store.client(c))
        .transpose()?;
    let vendor = record
        .vendor_id
        .as_deref()
        .map(|v| store.vendor(v))
        .transpose()?;
    let profile = crate::vault::profile(store)?;
    Ok(Source {
        template: crate::assessment::stored::assessment_template(store, id)?,
        answers: crate::assessment::stored::answers(store, id)?,
        outcome: crate::assessment::stored::outcome(store, id)?,
        fingerprint: crate::assessment::stored::fingerprint(store, id)?,
        sign_offs: crate::assessment::stored::sign_offs(store, id)?,
        law: LawRegister::bundled()?,
        client,
        vendor,
        author: profile.name.clone(),
        profile,
        date: date.to_owned(),
        cnil: store
            .cnil_document(id)?
            .map(|kept| crate::cnil::parse(kept.as_bytes()))
            .transpose()?,
        linked_transfers: linked_transfers(store, id)?,
        record,
    })
}

/// The transfer assessments `id` links to, each at the version its link follows.
fn linked_transfers<R: Read>(store: &R, id: &str) -> Result<Vec<common::LinkedTransfer>> {
    let links = crate::assessment::stored::linked_outcomes(store, id)?;
    if links.iter().all(|l| l.kind != Kind::Transfer) {
        return Ok(Vec::new());
    }
    let all = store.assessments()?;
    let mut out = Vec::new();
    for link in links.iter().filter(|l| l.kind == Kind::Transfer) {
        if let Some((record, signed)) = crate::transfer::follow(&all, &link.assessment_id) {
            out.push(common::LinkedTransfer {
                title: record.title.clone(),
                version: record.version,
                signed,
                template: crate::assessment::stored::assessment_template(store, &record.id)?,
                answers: crate::assessment::stored::answers(store, &record.id)?,
            });
        }
    }
    Ok(out)
}

/// Builds the report model for one assessment: the PIA report for a PIA, the vendor report for a
/// vendor assessment, and for a data-source assessment a memo over that one channel (the client's
/// whole memo is [`memo_source`] + [`build_memo`]).
pub fn build(src: &Source, lang: ReportLang) -> Document {
    let mut doc = match src.record.kind {
        Kind::Pia => pia::build(src, lang),
        Kind::Vendor => vendor::build(src, lang),
        Kind::DataSource => memo::build(&MemoSource::single(src), lang),
        Kind::Transfer => transfer::build(src, lang),
    };
    // A linked transfer's route is a section of its own, just before the last one (the appendix).
    let linked = transfer::linked_blocks(src, lang);
    if !linked.is_empty() {
        let at = doc
            .blocks
            .iter()
            .rposition(|b| matches!(b, Block::Heading { level: 1, .. }))
            .unwrap_or(doc.blocks.len());
        let section =
            std::iter::once(common::heading(lang, &transfer::LINKED_SECTION)).chain(linked);
        doc.blocks.splice(at..at, section);
        // The linked routes' citations join the appendix, so every citation printed has its entry.
        let keys = transfer::linked_keys(src).into_iter().collect();
        let extra = common::provisions_for(keys, &src.law, lang);
        let extra = extra.into_iter().find_map(|b| match b {
            Block::Provisions(p) => Some(p.entries),
            _ => None,
        });
        let table = doc.blocks.iter_mut().rev().find_map(|b| match b {
            Block::Provisions(p) => Some(p),
            _ => None,
        });
        if let (Some(table), Some(extra)) = (table, extra) {
            for entry in extra {
                if !table.entries.iter().any(|e| e.key == entry.key) {
                    table.entries.push(entry);
                }
            }
            table.entries.sort_by(|a, b| a.key.cmp(&b.key));
        }
    }
    doc
}

/// Reads what a client memo needs: the client (by name or id), the profile, and every current
/// data-source assessment filed under the client — current meaning no newer version was re-opened
/// from it — oldest first. A client with none is [`Invalid::NoChannels`].
pub fn memo_source<R: Read>(
    store: &R,
    client_name_or_id: &str,
    date: &str,
    _actor: &str,
) -> Result<MemoSource> {
    let client = crate::vault::resolve_client(store, client_name_or_id)?;
    let all = store.assessments()?;
    let versions = crate::assessment::Versions::new(
        all.iter()
            .map(|a| (a.id.as_str(), a.previous_id.as_deref())),
    );
    let data_sources = store.data_sources(&DataSourceFilter {
        client_id: Some(client.id.clone()),
        include_archived: true,
    })?;
    let mut records: Vec<_> = all
        .iter()
        .filter(|a| {
            a.kind == Kind::DataSource
                && a.client_id.as_deref() == Some(client.id.as_str())
                && versions.is_current(&a.id)
        })
        .collect();
    records.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
    if records.is_empty() {
        return Err(Error::InvalidInput {
            field: "client",
            reason: Invalid::NoChannels,
        });
    }
    let channels = records
        .into_iter()
        .map(|record| {
            Ok(Channel {
                template: crate::assessment::stored::assessment_template(store, &record.id)?,
                answers: crate::assessment::stored::answers(store, &record.id)?,
                outcome: crate::assessment::stored::outcome(store, &record.id)?,
                fingerprint: crate::assessment::stored::fingerprint(store, &record.id)?,
                linked_transfers: linked_transfers(store, &record.id)?,
                data_source: record
                    .data_source_id
                    .as_deref()
                    .and_then(|id| data_sources.iter().find(|d| d.id == id).cloned()),
                record: record.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(MemoSource {
        client: Some(client),
        from: crate::vault::profile(store)?,
        date: date.to_owned(),
        law: LawRegister::bundled()?,
        channels,
    })
}

/// Builds the client memo.
pub fn build_memo(src: &MemoSource, lang: ReportLang) -> Document {
    memo::build(src, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::canonical_sha256;
    use crate::assessment::{PiaVerdict, parse_answers, score};
    use crate::report::wording as wd;
    use crate::vault::{AssessmentRecord, Status};

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
            cnil: None,
            linked_transfers: Vec::new(),
            author: "DPO".into(),
            profile: crate::vault::Profile {
                name: "DPO".into(),
                role: "Data protection officer".into(),
                firm: "Firm LLP".into(),
            },
            date: "2025-07-20".into(),
        }
    }

    const PIA: &str = "pia01_regime = \"prc\"\npia01_pipl55 = [\"sensitive\"]\n";

    #[test]
    fn a_pia_report_has_its_sections_rating_citations_and_fingerprint() {
        let src = source("pia", PIA);
        for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
            let doc = build(&src, lang);
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
            assert!(text.contains(&lang.inline(&src.outcome.rating_wording())));
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
    fn a_pia_with_nothing_answered_is_an_undetermined_draft_with_its_screening_to_verify() {
        let src = source("pia", "");
        let regime = src.template.question("pia01_regime").expect("regime");
        for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
            let doc = build(&src, lang);
            assert_eq!(doc.draft, Some(lang.inline(&wd::DRAFT)));
            assert!(
                doc.sections()
                    .contains(&lang.inline(&wd::POINTS_TO_VERIFY).as_str())
            );
            let text = doc.plain_text();
            assert!(text.contains(&lang.block(&regime.text)), "{text}");
            assert!(text.contains(&lang.inline(&wd::pia_need(PiaVerdict::Undetermined))));
            assert!(!text.contains(&lang.inline(&wd::pia_need(PiaVerdict::NotRequired))));
            assert!(text.contains(&lang.block(&wd::RETENTION_YEARS_OPEN)));
        }
        let en = build(&src, ReportLang::En).plain_text();
        assert!(en.contains("Overall rating: undetermined; "), "{en}");
        assert!(!en.contains("compliant"), "{en}");
        assert!(!en.contains("Retention period decided"), "{en}");
        // Three years from an approval nobody gave: no end date is invented for it.
        assert!(en.contains(wd::RETENTION_NOTE_UNAPPROVED.en), "{en}");
        assert!(!en.contains("that is until at least"), "{en}");
    }

    #[test]
    fn an_approved_report_with_every_decisive_point_answered_carries_no_draft_mark() {
        let mut src = source("pia", PIA);
        assert!(build(&src, ReportLang::En).draft.is_some(), "unsigned");
        src.record.status = Status::Approved;
        let open = src.outcome.standing.has_open_points();
        assert_eq!(build(&src, ReportLang::En).draft.is_some(), open);
        src.outcome.standing = Default::default();
        assert_eq!(build(&src, ReportLang::En).draft, None);
    }

    #[test]
    fn a_bilingual_block_puts_chinese_first() {
        let doc = build(&source("pia", PIA), ReportLang::Bi);
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
        let doc = build(&src, ReportLang::En);
        assert!(doc.sections().contains(&wd::CLAUSES.en));
        let text = doc.plain_text();
        assert!(text.contains("| missing"), "a missing clause is marked");
        assert!(
            text.contains("| not yet checked"),
            "a clause nobody answered is not yet checked"
        );
        assert!(text.contains("PIPL Art. 21"), "{text}");
    }

    #[test]
    fn a_data_source_assessment_is_reported_as_a_one_channel_memo() {
        let src = source(
            "data-source",
            "ds01_channel = \"BUY\"\nds02_regime = \"prc\"\nds17_provenance = \"no\"\n",
        );
        for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
            let doc = build(&src, lang);
            assert_eq!(doc.kind, ReportKind::Memo);
            let sections = doc.sections();
            for heading in [
                wd::EXECUTIVE_SUMMARY,
                wd::CHANNEL_TABLE,
                wd::CHANNEL_ANALYSIS,
                wd::PRIORITY_RECOMMENDATIONS,
                wd::ASSUMPTIONS,
                wd::APPENDIX,
            ] {
                assert!(sections.contains(&lang.inline(&heading).as_str()));
            }
            let text = doc.plain_text();
            assert!(text.contains(&lang.inline(&src.outcome.rating_wording())));
            assert!(
                text.contains("DPO, Data protection officer, Firm LLP"),
                "{text}"
            );
            if lang != ReportLang::En {
                assert!(text.contains("《个人信息保护法》第十四条"), "{text}");
            }
            if lang != ReportLang::Zh {
                assert!(text.contains("PIPL Art. 14"));
            }
        }
    }

    #[test]
    fn memo_recommendations_are_deduplicated_and_most_severe_first() {
        let one = source(
            "data-source",
            "ds01_channel = \"BUY\"\nds17_provenance = \"no\"\nds17_consent_names_you = \"no\"\n",
        );
        let mut memo = MemoSource::single(&one);
        memo.channels.push(memo.channels[0].clone());
        let doc = build_memo(&memo, ReportLang::En);
        let table = doc
            .blocks
            .iter()
            .skip_while(|b| !matches!(b, Block::Heading { text, .. } if text == wd::PRIORITY_RECOMMENDATIONS.en))
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("recommendations table");
        let findings = &memo.channels[0].outcome.findings;
        assert!(!table.rows.is_empty() && table.rows.len() <= findings.len());
        assert!(
            table.rows.iter().all(|r| r[3].text == "#1, #2"),
            "one row names both channels"
        );
        let rank = |text: &str| {
            findings
                .iter()
                .map(|f| f.severity)
                .find(|s| wd::severity(*s).en == text)
                .expect("a severity word")
        };
        let printed: Vec<_> = table.rows.iter().map(|r| rank(&r[1].text)).collect();
        assert!(
            printed.windows(2).all(|w| w[0] >= w[1]),
            "most severe first"
        );
    }
}
