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
            let answers = parse_answers(&file.display().to_string(), &text, &template)?;
            let changed = vault.save_answers(&actor, id, &answers)?;
            println!(
                "{} {changed} {}",
                lang.pick("已保存", "saved"),
                lang.pick("个答案", if changed == 1 { "answer" } else { "answers" })
            );
        }
        AssessCommand::Show { id, json } => {
            let record = vault.assessment(id)?;
            let outcome = vault.outcome(id)?;
            if *json {
                println!(
                    "{}",
                    outcome_json(&record, &outcome, &vault.fingerprint(id)?)
                );
            } else {
                print_outcome(&record, &outcome, lang);
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
                            .map(|o| o.ratings.overall.as_str())
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
                            .map(|o| o.ratings.overall.label().get(lang).to_owned())
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
            let missing = vault.outcome(id)?.unanswered_required;
            println!("{}: {}", record.id, record.status.as_str());
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
            };
            let signoff = vault.sign_off(&actor, id, &input)?;
            println!(
                "{}: {} ({} {})",
                id,
                vault.assessment(id)?.status.as_str(),
                lang.pick("答案指纹", "answers sha256"),
                signoff.answers_sha256
            );
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
    let findings: Vec<Value> = outcome
        .findings
        .iter()
        .map(|f| {
            json!({
                "id": f.id, "source": f.source, "severity": f.severity.as_str(), "regime": f.regime,
                "title": { "zh": f.title.zh, "en": f.title.en },
                "recommendation": { "zh": f.recommendation.zh, "en": f.recommendation.en },
                "cite": f.cite, "requirements": f.requirements,
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
        "rating": {
            "overall": outcome.ratings.overall.as_str(),
            "eu": outcome.ratings.eu.map(|r| r.as_str()),
            "prc": outcome.ratings.prc.map(|r| r.as_str()),
        },
        "findings": findings,
        "coverage": outcome.coverage,
        "tier": outcome.tier.map(|t| t.as_str()),
        "pia": outcome.pia,
        "risks": outcome.risks,
        "unanswered_required": outcome.unanswered_required,
        "fingerprint": fingerprint,
    })
}

fn print_outcome(record: &AssessmentRecord, outcome: &Outcome, lang: Lang) {
    let rating = |r: Option<dpodesk_core::assessment::Rating>| {
        r.map_or_else(|| "—".to_owned(), |r| r.label().get(lang).to_owned())
    };
    println!("{}  [{}]", record.title, record.id);
    println!(
        "{} {} {} · {} {} · {} {}",
        lang.pick("模板", "template"),
        record.template_id,
        record.template_version,
        lang.pick("状态", "status"),
        record.status.as_str(),
        lang.pick("版本", "version"),
        record.version
    );
    println!(
        "{}: {} (EU: {}, PRC: {})",
        lang.pick("评级", "rating"),
        outcome.ratings.overall.label().get(lang),
        rating(outcome.ratings.eu),
        rating(outcome.ratings.prc)
    );
    if let Some(coverage) = &outcome.coverage {
        println!(
            "{}: {:.1}% ({} {}, {} {}, {} {})",
            lang.pick("条款覆盖率", "clause coverage"),
            coverage.percent,
            lang.pick("具备", "present"),
            coverage.present,
            lang.pick("部分", "partial"),
            coverage.partial,
            lang.pick("缺失", "missing"),
            coverage.missing
        );
    }
    if let Some(tier) = outcome.tier {
        println!(
            "{}: {}",
            lang.pick("供应商风险等级", "vendor tier"),
            tier.as_str()
        );
    }
    if let Some(pia) = &outcome.pia {
        println!(
            "{}: {:?} ({})",
            lang.pick("是否需要影响评估", "PIA"),
            pia.need,
            pia.reasons.join(", ")
        );
    }
    println!(
        "{} ({}):",
        lang.pick("发现", "findings"),
        outcome.findings.len()
    );
    for f in &outcome.findings {
        println!(
            "  {:<8} {}  {}  [{}]",
            f.severity.as_str().to_uppercase(),
            f.id,
            f.title.get(lang),
            f.cite.join(", ")
        );
    }
    for risk in &outcome.risks {
        let point = |p: Option<dpodesk_core::assessment::RiskPoint>| {
            p.map_or_else(
                || "—".to_owned(),
                |p| format!("{}×{} {:?}", p.impact, p.likelihood, p.level),
            )
        };
        println!(
            "  {} {}: {} → {}",
            lang.pick("风险", "risk"),
            risk.title,
            point(risk.inherent),
            point(risk.residual)
        );
    }
    if !outcome.unanswered_required.is_empty() {
        println!(
            "{} ({}): {}",
            lang.pick("未回答的必答问题", "unanswered required"),
            outcome.unanswered_required.len(),
            outcome.unanswered_required.join(", ")
        );
    }
}
