//! `dpodesk assess …`: start, answer, show, list, submit, sign off, re-open and compare
//! assessments. Each subcommand calls core and prints; scoring and lifecycle rules live in core.

use dpodesk_core::assessment::{Answer, Outcome, parse_answers};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Kind, Template};
use dpodesk_core::vault::{
    AssessmentRecord, DataSourceFilter, Decision, NewAssessment, SignOffInput, VendorFilter,
};
use dpodesk_core::{Lang, Vault};
use serde_json::{Value, json};

use crate::assess_questions as questions;
use crate::assess_show as show;
use crate::cli::{AssessCommand, Cli, DecisionArg};
use crate::error::CliError;
use crate::{table, unlock};

pub fn run(cli: &Cli, command: &AssessCommand, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    let actor = cli.actor();
    match command {
        AssessCommand::New {
            template,
            template_file,
            title,
            client,
            subject,
        } => {
            let law = LawRegister::bundled()?;
            let template = match (template, template_file) {
                (_, Some(file)) => template::load_file(file, &law)?,
                (Some(id), None) => crate::templates_cmd::library(cli, &law, &vault, lang)?
                    .get(id)
                    .cloned()
                    .ok_or_else(|| CliError::UnknownTemplate(id.to_owned()))?,
                (None, None) => return Err(CliError::UnknownTemplate(String::new())),
            };
            let new = new_assessment(
                &vault,
                &template,
                title,
                client.as_deref(),
                subject.as_deref(),
            )?;
            let record = vault.create_assessment(&actor, &template, new)?;
            println!("{}", record.id);
        }
        AssessCommand::Answer { id, file } => {
            let template = vault.assessment_template(id)?;
            let text = std::fs::read_to_string(file).map_err(|source| CliError::Read {
                path: file.clone(),
                source,
            })?;
            let answers = match parse_answers(&file.display().to_string(), &text, &template) {
                Ok(answers) => answers,
                Err(dpodesk_core::Error::InvalidAnswers { file, problems }) => {
                    // Every problem of the file at once, one per line, before the summary.
                    eprintln!(
                        "{file}: {} {}",
                        problems.len(),
                        lang.pick("处问题：", "problems:")
                    );
                    for problem in &problems {
                        eprintln!("  {problem}");
                    }
                    return Err(dpodesk_core::Error::InvalidAnswers { file, problems }.into());
                }
                Err(e) => return Err(e.into()),
            };
            let changed = vault.save_answers(&actor, id, &answers)?;
            println!(
                "{} {changed} {}",
                lang.pick("已保存", "saved"),
                lang.pick("个答案", if changed == 1 { "answer" } else { "answers" })
            );
        }
        AssessCommand::Questions { id, json, skeleton } => {
            let record = vault.assessment(id)?;
            let template = vault.assessment_template(id)?;
            let answers = vault.answers(id)?;
            let linked = vault.linked_outcomes(id)?;
            let shown = questions::Shown::new(&template, &answers, &linked);
            if *json {
                println!("{}", questions::json(&shown, lang));
            } else if *skeleton {
                print!("{}", questions::skeleton(&record, &shown, lang));
            } else {
                questions::print(&record, &shown, lang);
            }
        }
        AssessCommand::Show { id, json } => {
            let record = vault.assessment(id)?;
            let outcome = vault.outcome(id)?;
            let sign_offs = vault.sign_offs(id)?;
            if *json {
                let mut value = outcome_json(&record, &outcome, &vault.fingerprint(id)?);
                value["sign_offs"] = show::sign_offs_json(&sign_offs, &outcome);
                println!("{value}");
            } else {
                show::print_outcome(&record, &outcome, &sign_offs, lang);
            }
        }
        AssessCommand::List { json } => {
            let records = vault.assessments()?;
            if *json {
                let list: Vec<Value> = records
                    .iter()
                    .map(|r| {
                        let rating = vault
                            .outcome(&r.id)
                            .map(|o| o.rating_word())
                            .unwrap_or("unknown");
                        json!({
                            "id": r.id, "kind": r.kind.as_str(), "title": r.title,
                            "status": r.status.as_str(), "version": r.version,
                            "previous_id": r.previous_id, "client_id": r.client_id,
                            "rating": rating, "updated_at": r.updated_at,
                        })
                    })
                    .collect();
                println!("{}", Value::Array(list));
            } else {
                let rows: Vec<Vec<String>> = records
                    .iter()
                    .map(|r| {
                        let rating = vault
                            .outcome(&r.id)
                            .map(|o| {
                                o.standing
                                    .short_wording(o.ratings.overall)
                                    .get(lang)
                                    .to_owned()
                            })
                            .unwrap_or_default();
                        vec![
                            r.id.clone(),
                            r.kind.as_str().to_owned(),
                            r.status.as_str().to_owned(),
                            r.version.to_string(),
                            rating,
                            r.title.clone(),
                        ]
                    })
                    .collect();
                let headers = match lang {
                    Lang::Zh => ["标识", "类型", "状态", "版本", "评级", "标题"],
                    Lang::En => ["ID", "KIND", "STATUS", "VERSION", "RATING", "TITLE"],
                };
                table::print(&headers, &rows, lang.pick("尚无评估", "no assessments yet"));
            }
        }
        AssessCommand::Submit { id } => {
            let record = vault.submit_assessment(&actor, id)?;
            let outcome = vault.outcome(id)?;
            println!("{}: {}", record.id, record.status.as_str());
            let points: Vec<&str> = outcome
                .standing
                .points
                .iter()
                .map(|p| p.question_id.as_str())
                .collect();
            if !points.is_empty() {
                println!(
                    "{}: {}",
                    lang.pick(
                        "待核实事项（签批将附保留意见）",
                        "points to verify (a sign-off now is with reservations)"
                    ),
                    points.join(", ")
                );
            }
            let missing = outcome.unanswered_required;
            if !missing.is_empty() {
                println!(
                    "{}: {}",
                    lang.pick("仍未回答的必答问题", "required questions still unanswered"),
                    missing.join(", ")
                );
            }
        }
        AssessCommand::Signoff {
            id,
            name,
            role,
            decision,
            comment,
            attest,
            with_reservations,
        } => {
            let decision = match decision {
                DecisionArg::Approve => Decision::Approve,
                DecisionArg::Reject => Decision::Reject,
            };
            let input = SignOffInput {
                name,
                role,
                decision,
                comment: comment.as_deref().unwrap_or(""),
                attestations: attest,
                with_reservations: *with_reservations,
            };
            let signoff = vault.sign_off(&actor, id, &input)?;
            println!(
                "{}: {} ({} {})",
                id,
                vault.assessment(id)?.status.as_str(),
                lang.pick("答案指纹", "answers sha256"),
                signoff.answers_sha256
            );
            if !signoff.reservations.is_empty() {
                println!(
                    "{} ({}): {}",
                    lang.pick(
                        "附保留意见：签批时仍待核实的事项",
                        "with reservations: points open when signed"
                    ),
                    signoff.reservations.len(),
                    signoff
                        .reservations
                        .iter()
                        .map(|p| p.question_id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        AssessCommand::Reopen { id } => {
            let record = vault.reopen_assessment(&actor, id)?;
            println!("{}", record.id);
        }
        AssessCommand::Evidence { id, question, file } => {
            let content = std::fs::read(file).map_err(|source| CliError::Read {
                path: file.clone(),
                source,
            })?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let evidence = vault.add_evidence(&actor, id, question, &name, &content)?;
            println!(
                "{} {} ({} bytes, sha256 {})",
                evidence.id, evidence.file_name, evidence.size, evidence.sha256
            );
        }
        AssessCommand::Link { id, linked } => {
            vault.link_assessment(&actor, id, linked)?;
            println!("{} → {}", id, linked);
        }
        AssessCommand::KeepUntil(args) => {
            let kind = dpodesk_core::api::KeptKind::Assessment;
            return crate::retention_cmd::keep_until(cli, vault, kind, args, lang);
        }
        AssessCommand::Diff { older, newer, json } => {
            let before = (vault.answers(older)?, vault.outcome(older)?);
            let after = (vault.answers(newer)?, vault.outcome(newer)?);
            let diff = dpodesk_core::assessment::diff((&before.0, &before.1), (&after.0, &after.1));
            if *json {
                let answers: Vec<Value> = diff
                    .answers
                    .iter()
                    .map(|c| json!({ "question_id": c.question_id, "before": c.before, "after": c.after }))
                    .collect();
                let findings = |list: &[dpodesk_core::assessment::FindingChange]| -> Vec<Value> {
                    list.iter().map(|f| json!({ "id": f.id, "severity": f.severity.as_str(), "title": { "zh": f.title_zh, "en": f.title_en } })).collect()
                };
                println!(
                    "{}",
                    json!({
                        "answers": answers,
                        "findings_added": findings(&diff.findings_added),
                        "findings_removed": findings(&diff.findings_removed),
                        "rating": { "before": diff.rating_before.as_str(), "after": diff.rating_after.as_str() },
                    })
                );
            } else {
                println!(
                    "{}: {} → {}",
                    lang.pick("评级", "rating"),
                    diff.rating_before.label().get(lang),
                    diff.rating_after.label().get(lang)
                );
                for change in &diff.answers {
                    println!(
                        "~ {}: {} → {}",
                        change.question_id,
                        show_answer(change.before.as_ref()),
                        show_answer(change.after.as_ref())
                    );
                }
                for f in &diff.findings_added {
                    println!(
                        "+ [{}] {} {}",
                        f.severity.as_str(),
                        f.id,
                        lang.pick(&f.title_zh, &f.title_en)
                    );
                }
                for f in &diff.findings_removed {
                    println!(
                        "- [{}] {} {}",
                        f.severity.as_str(),
                        f.id,
                        lang.pick(&f.title_zh, &f.title_en)
                    );
                }
            }
        }
    }
    vault.lock()?;
    Ok(())
}

/// The register entries the new assessment belongs to: the client, and for a data-source or
/// vendor template the data source or vendor named `subject` under that client.
fn new_assessment(
    vault: &Vault,
    template: &Template,
    title: &str,
    client: Option<&str>,
    subject: Option<&str>,
) -> Result<NewAssessment, CliError> {
    let client = client.map(|c| vault.resolve_client(c)).transpose()?;
    let mut new = NewAssessment {
        title: title.to_owned(),
        client_id: client.as_ref().map(|c| c.id.clone()),
        ..NewAssessment::default()
    };
    let Some(subject) = subject else {
        return Ok(new);
    };
    let client = client.ok_or(CliError::SubjectNeedsClient)?;
    let matches = |name: &str| name.trim().eq_ignore_ascii_case(subject.trim());
    match template.kind {
        Kind::DataSource => {
            let filter = DataSourceFilter {
                client_id: Some(client.id.clone()),
                ..DataSourceFilter::default()
            };
            let source = vault
                .data_sources(&filter)?
                .into_iter()
                .find(|s| matches(&s.name))
                .ok_or_else(|| CliError::UnknownSubject(subject.to_owned()))?;
            new.data_source_id = Some(source.id);
        }
        Kind::Vendor => {
            let filter = VendorFilter {
                client_id: Some(client.id.clone()),
                ..VendorFilter::default()
            };
            let vendor = vault
                .vendors(&filter)?
                .into_iter()
                .find(|v| matches(&v.name))
                .ok_or_else(|| CliError::UnknownSubject(subject.to_owned()))?;
            new.vendor_id = Some(vendor.id);
        }
        Kind::Pia => return Err(CliError::SubjectNeedsClient),
    }
    Ok(new)
}

fn show_answer(answer: Option<&Answer>) -> String {
    answer.map_or_else(
        || "—".to_owned(),
        |a| serde_json::to_string(a).unwrap_or_default(),
    )
}

fn outcome_json(record: &AssessmentRecord, outcome: &Outcome, fingerprint: &str) -> Value {
    let wording = outcome.rating_wording();
    let band_label = outcome.standing.band_label(outcome.ratings.overall);
    let points: Vec<Value> = outcome
        .standing
        .points
        .iter()
        .map(|p| json!({ "question_id": p.question_id, "text": { "zh": p.text.zh, "en": p.text.en }, "rules": p.rules }))
        .collect();
    let findings: Vec<Value> = outcome
        .findings
        .iter()
        .map(|f| {
            json!({
                "id": f.id, "source": f.source, "severity": f.severity.as_str(), "regime": f.regime,
                "title": { "zh": f.title.zh, "en": f.title.en },
                "recommendation": { "zh": f.recommendation.zh, "en": f.recommendation.en },
                "cite": f.cite, "requirements": f.requirements,
                "consequences": f.consequences.iter()
                    .map(|t| json!({ "zh": t.zh, "en": t.en })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "id": record.id,
        "title": record.title,
        "kind": record.kind.as_str(),
        "status": record.status.as_str(),
        "version": record.version,
        "previous_id": record.previous_id,
        "template": { "id": record.template_id, "version": record.template_version },
        // `overall` is never "compliant" while nothing decisive is answered: it reads
        // "undetermined" then; `band` is what the given answers reach in every case.
        "rating": {
            "overall": outcome.rating_word(),
            "band": outcome.ratings.overall.as_str(),
            // The band as a person reads it: "no issue found so far" while points are open.
            "band_label": { "zh": band_label.zh, "en": band_label.en },
            "certainty": outcome.standing.certainty.as_str(),
            "could_reach": outcome.standing.could_reach.map(|r| r.as_str()),
            "wording": { "zh": wording.zh, "en": wording.en },
            "eu": outcome.standing.regime_word(outcome.ratings.eu),
            "prc": outcome.standing.regime_word(outcome.ratings.prc),
        },
        "points_to_verify": points,
        "findings": findings,
        "coverage": outcome.coverage,
        "tier": outcome.tier.map(|t| t.as_str()),
        "pia": outcome.pia.as_ref().map(|p| json!({ "need": p.need.as_str(), "reasons": p.reasons })),
        "risks": outcome.risks,
        "unanswered_required": outcome.unanswered_required,
        "fingerprint": fingerprint,
    })
}
