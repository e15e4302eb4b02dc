//! `dpodesk assess …`: start, answer, show, list, submit, sign off, re-open and compare
//! assessments. Each subcommand calls one `api` use case and prints; scoring and lifecycle rules
//! live in core.

use std::path::Path;

use dpodesk_core::api::{self, Decision, NewAssessmentRequest, SignOffRequest};
use dpodesk_core::assessment::Answer;
use dpodesk_core::error::AnswerProblem;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};
use dpodesk_core::{Error, Lang};

use crate::assess_questions as questions;
use crate::assess_show as show;
use crate::cli::{AssessCommand, Cli, DecisionArg};
use crate::error::CliError;
use crate::unlock::Opened;
use crate::{json_out, table};

pub fn run(cli: &Cli, command: &AssessCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| {
        let mut store = store;
        run_on(cli, &mut store, command, lang)?;
        store.close()
    })
}

fn run_on<S: api::Store>(
    cli: &Cli,
    store: &mut S,
    command: &AssessCommand,
    lang: Lang,
) -> Result<(), CliError> {
    let actor = cli.actor();
    match command {
        AssessCommand::New {
            template,
            template_file,
            title,
            client,
            subject,
        } => {
            let template = chosen_template(cli, store, template.as_deref(), template_file, lang)?;
            let request = new_request(store, &template, title, client, subject)?;
            let created =
                api::create_assessment(store, std::slice::from_ref(&template), &actor, &request)?;
            println!("{}", created.id);
        }
        AssessCommand::Answer { id, file } => answer(store, &actor, id, file, lang)?,
        AssessCommand::Questions { id, json, skeleton } => {
            let read = api::read_assessment(store, id)?;
            let shown = questions::Shown::new(&read.template, &read.answers, &read.linked);
            if *json {
                println!("{}", json_out::list(&questions::json(&shown, lang)));
            } else if *skeleton {
                print!("{}", questions::skeleton(&read.record, &shown, lang));
            } else {
                questions::print(&read.record, &shown, lang);
            }
        }
        AssessCommand::Show { id, json } => {
            let read = api::read_assessment(store, id)?;
            if *json {
                println!("{}", json_out::object(&api::assessment_document(&read)));
            } else {
                show::print_outcome(&read.record, &read.outcome, &read.sign_offs, lang);
                if let Some(route) = &read.transfer_route {
                    crate::assess_route::print_route(route, lang);
                }
                crate::assess_route::print_linked(&read.linked_transfers, lang);
            }
        }
        AssessCommand::List { json } => list(store, *json, lang)?,
        AssessCommand::Submit { id } => submit(store, &actor, id, lang)?,
        AssessCommand::Signoff {
            id,
            name,
            role,
            decision,
            comment,
            attest,
            with_reservations,
            if_version,
        } => {
            let request = SignOffRequest {
                version: if_version.clone(),
                assessment_id: id.clone(),
                name: name.clone(),
                role: role.clone(),
                decision: match decision {
                    DecisionArg::Approve => Decision::Approve,
                    DecisionArg::Reject => Decision::Reject,
                },
                comment: comment.clone().unwrap_or_default(),
                attestations: attest.clone(),
                with_reservations: *with_reservations,
            };
            sign_off(store, &actor, &request, lang)?;
        }
        AssessCommand::Reopen { id } => {
            println!("{}", api::reopen_assessment(store, &actor, id)?.id);
        }
        AssessCommand::Evidence { id, question, file } => {
            evidence(store, &actor, id, question, file)?;
        }
        AssessCommand::Comment(c) => crate::comment_cmd::run(store, &actor, c, lang)?,
        AssessCommand::Link { id, linked } => {
            api::link_assessment(store, &actor, id, linked)?;
            println!("{} → {}", id, linked);
        }
        AssessCommand::KeepUntil(args) => {
            let kind = dpodesk_core::api::KeptKind::Assessment;
            crate::retention_cmd::keep_until(cli, store, kind, args, lang)?;
        }
        AssessCommand::Diff { older, newer, json } => {
            if *json {
                println!(
                    "{}",
                    json_out::object(&api::version_diff(store, older, newer)?)
                );
            } else {
                print_diff(&api::answers_diff(store, older, newer)?, lang);
            }
        }
    }
    Ok(())
}

fn sign_off<S: api::Store>(
    store: &mut S,
    actor: &str,
    request: &SignOffRequest,
    lang: Lang,
) -> Result<(), CliError> {
    let (signoff, record) = api::sign(store, actor, request)?;
    println!(
        "{}: {} ({} {})",
        request.assessment_id,
        record.status.as_str(),
        lang.pick("答案指纹", "answers sha256"),
        signoff.answers_sha256
    );
    if !signoff.reservations.is_empty() {
        let open: Vec<&str> = signoff
            .reservations
            .iter()
            .map(|p| p.question_id.as_str())
            .collect();
        println!(
            "{} ({}): {}",
            lang.pick(
                "附保留意见：签批时仍待核实的事项",
                "with reservations: points open when signed"
            ),
            open.len(),
            open.join(", ")
        );
    }
    Ok(())
}

fn evidence<S: api::Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    question: &str,
    file: &Path,
) -> Result<(), CliError> {
    let content = std::fs::read(file).map_err(|source| CliError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let evidence = api::add_evidence(store, actor, id, question, &name, &content)?;
    println!(
        "{} {} ({} bytes, sha256 {})",
        evidence.id, evidence.file_name, evidence.size, evidence.sha256
    );
    Ok(())
}

/// The template a new assessment starts from: a file, or an id of the library in use.
fn chosen_template<R: api::Read>(
    cli: &Cli,
    store: &R,
    id: Option<&str>,
    file: &Option<std::path::PathBuf>,
    lang: Lang,
) -> Result<Template, CliError> {
    let law = LawRegister::bundled()?;
    match (id, file) {
        (_, Some(file)) => Ok(template::load_file(file, &law)?),
        (Some(id), None) => crate::templates_cmd::library(cli, &law, store, lang)?
            .get(id)
            .cloned()
            .ok_or_else(|| CliError::UnknownTemplate(id.to_owned())),
        (None, None) => Err(CliError::UnknownTemplate(String::new())),
    }
}

/// The app's request from the command line's names: the client by name or id, the subject (a
/// data source or vendor of that client) by name. The rules on them are core's.
fn new_request<R: api::Read>(
    store: &R,
    template: &Template,
    title: &str,
    client: &Option<String>,
    subject: &Option<String>,
) -> Result<NewAssessmentRequest, CliError> {
    let client_id = client
        .as_deref()
        .map(|c| api::resolve_client(store, c))
        .transpose()?
        .map(|c| c.id);
    let subject_id = match subject {
        Some(name) => Some(
            api::subject_named(store, template, client_id.as_deref(), name)?
                .ok_or_else(|| CliError::UnknownSubject(name.clone()))?,
        ),
        None => None,
    };
    Ok(NewAssessmentRequest {
        template_id: template.id.clone(),
        title: title.to_owned(),
        client_id,
        subject_id,
    })
}

fn answer<S: api::Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    file: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    let text = std::fs::read_to_string(file).map_err(|source| CliError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let changed = match api::answer_from_file(store, actor, id, &file.display().to_string(), &text)
    {
        Ok(changed) => changed,
        Err(Error::Answers { file, problems }) => {
            // Every problem of the file at once, one per line, before the summary.
            eprintln!(
                "{}: {} {}",
                file.as_deref().unwrap_or_default(),
                problems.len(),
                lang.pick("处问题：", "problems:")
            );
            for problem in &problems {
                let hint = match problem.problem {
                    AnswerProblem::EvidenceIsAttached => lang.pick(
                        "（用 `dpodesk assess evidence` 附加）",
                        " (attach it with `dpodesk assess evidence`)",
                    ),
                    _ => "",
                };
                eprintln!("  {}{hint}", problem.message(lang));
            }
            return Err(Error::Answers { file, problems }.into());
        }
        Err(e) => return Err(e.into()),
    };
    println!(
        "{} {changed} {}",
        lang.pick("已保存", "saved"),
        lang.pick("个答案", if changed == 1 { "answer" } else { "answers" })
    );
    Ok(())
}

/// Every assessment, newest first, with its current rating; a scoring failure is an error.
fn list<R: api::Read>(store: &R, json: bool, lang: Lang) -> Result<(), CliError> {
    let summaries = api::assessment_summaries(store, None)?;
    if json {
        println!("{}", json_out::list(&summaries));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = summaries
        .into_iter()
        .map(|s| {
            vec![
                s.id,
                s.kind.as_str().to_owned(),
                s.status.as_str().to_owned(),
                s.version.to_string(),
                lang.pick(&s.rating.wording.zh, &s.rating.wording.en)
                    .to_owned(),
                s.title,
            ]
        })
        .collect();
    let headers = match lang {
        Lang::Zh => ["标识", "类型", "状态", "版本", "评级", "标题"],
        Lang::En => ["ID", "KIND", "STATUS", "VERSION", "RATING", "TITLE"],
    };
    table::print(&headers, &rows, lang.pick("尚无评估", "no assessments yet"));
    Ok(())
}

fn submit<S: api::Store>(store: &mut S, actor: &str, id: &str, lang: Lang) -> Result<(), CliError> {
    let (record, outcome) = api::submit(store, actor, id)?;
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
    Ok(())
}

fn print_diff(diff: &dpodesk_core::assessment::Diff, lang: Lang) {
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
    for (sign, list) in [("+", &diff.findings_added), ("-", &diff.findings_removed)] {
        for f in list {
            println!(
                "{sign} [{}] {} {}",
                f.severity.as_str(),
                f.id,
                lang.pick(&f.title_zh, &f.title_en)
            );
        }
    }
}

fn show_answer(answer: Option<&Answer>) -> String {
    answer.map_or_else(
        || "—".to_owned(),
        |a| serde_json::to_string(a).unwrap_or_default(),
    )
}
