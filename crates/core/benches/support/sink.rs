//! Where the generator writes: any store, through `api`'s use cases as a door makes them.

use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, Answers};
use dpodesk_core::error::AnswerProblem;
use dpodesk_core::template::Template;
use dpodesk_core::vault::{NewAssessment, NewClient, NewDataSource, NewVendor};

use super::ACTOR;

/// The door's request for a generated client (the same on either back-end).
fn client_request(new: &NewClient) -> api::NewClientRequest {
    api::NewClientRequest {
        name: new.name.clone(),
        matter: new.matter.clone(),
        contact: new.contact.clone(),
        notes: new.notes.clone(),
    }
}

/// The door's request for a generated data source.
fn data_source_request(new: &NewDataSource) -> api::NewDataSourceRequest {
    api::NewDataSourceRequest {
        client_id: new.client_id.clone(),
        name: new.name.clone(),
        channel: new.channel.clone(),
        platform: new.platform.clone(),
        notes: new.notes.clone(),
    }
}

/// The door's request for a generated vendor.
fn vendor_request(new: &NewVendor) -> api::NewVendorRequest {
    api::NewVendorRequest {
        client_id: new.client_id.clone(),
        name: new.name.clone(),
        country: new.country.clone(),
        service: new.service.clone(),
        contact: new.contact.clone(),
        next_review: new.next_review.clone().unwrap_or_default(),
        notes: new.notes.clone(),
    }
}

/// Where the generator writes: any store (the vault, or the team database in the team
/// benchmark), through `api`'s use cases as a door makes them, so every row carries its audit
/// and search-index entries. Each call returns the new row's id (for answers, how many).
pub trait Sink {
    fn client(&mut self, new: &NewClient) -> String;
    fn data_source(&mut self, new: &NewDataSource) -> String;
    fn vendor(&mut self, new: &NewVendor) -> String;
    fn assessment(&mut self, template: &Template, new: NewAssessment) -> String;
    fn answer(&mut self, id: &str, answers: &Answers) -> usize;
}

impl<S: api::Store> Sink for S {
    fn client(&mut self, new: &NewClient) -> String {
        api::add_client(self, ACTOR, client_request(new))
            .expect("client")
            .id
    }

    fn data_source(&mut self, new: &NewDataSource) -> String {
        api::add_data_source(self, ACTOR, data_source_request(new))
            .expect("source")
            .id
    }

    fn vendor(&mut self, new: &NewVendor) -> String {
        api::add_vendor(self, ACTOR, vendor_request(new))
            .expect("vendor")
            .id
    }

    fn assessment(&mut self, template: &Template, new: NewAssessment) -> String {
        let request = api::NewAssessmentRequest {
            template_id: template.id.clone(),
            title: new.title,
            client_id: new.client_id,
            subject_id: new.data_source_id.or(new.vendor_id),
        };
        api::create_assessment(self, std::slice::from_ref(template), ACTOR, &request)
            .expect("assessment")
            .id
    }

    fn answer(&mut self, id: &str, answers: &Answers) -> usize {
        // Some generated choice answers are not among their question's choices (`partial` or
        // `na` where a question allows only yes or no); the answers file's check refuses them, so
        // such an answer is replaced by the question's first allowed value.
        let mut answers = answers.clone();
        let save = |store: &mut S, answers: &Answers| {
            api::answer_from_file(store, ACTOR, id, "generated.toml", &answers_file(answers))
        };
        if let Err(dpodesk_core::Error::Answers { problems, .. }) = save(self, &answers) {
            for issue in problems {
                let question = issue.question.expect("a refused answer names its question");
                match issue.problem {
                    AnswerProblem::NotOneOf { allowed, .. } if !allowed.is_empty() => {
                        let value = allowed[0].clone();
                        let fixed = match answers.get(&question) {
                            Some(Answer::List(_)) => Answer::List(vec![value]),
                            _ => Answer::Text(value),
                        };
                        answers.insert(question, fixed);
                    }
                    other => panic!("{question}: {other:?}"),
                }
            }
            save(self, &answers).expect("answers");
        }
        answers.len()
    }
}

/// `answers` as an answers file (TOML, one key per question), the form a door saves a set in.
fn answers_file(answers: &Answers) -> String {
    let table: toml::Table = answers
        .iter()
        .map(|(question, answer)| (question.clone(), answer.to_toml()))
        .collect();
    toml::to_string(&table).expect("answers as TOML")
}
