//! Where the generator writes: any store, through `api`'s use cases as a door makes them.

use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, Answers};
use dpodesk_core::error::AnswerProblem;
use dpodesk_core::template::Template;

use super::ACTOR;

/// Where the generator writes: any store (the vault, or the team database in the team
/// benchmark), through `api`'s use cases as a door makes them, so every row carries its audit
/// and search-index entries. Each call returns the new row's id (for answers, how many).
pub trait Sink {
    fn client(&mut self, request: api::NewClientRequest) -> String;
    fn data_source(&mut self, request: api::NewDataSourceRequest) -> String;
    fn vendor(&mut self, request: api::NewVendorRequest) -> String;
    fn assessment(&mut self, template: &Template, request: api::NewAssessmentRequest) -> String;
    fn answer(&mut self, id: &str, answers: &Answers) -> usize;
}

impl<S: api::Store> Sink for S {
    fn client(&mut self, request: api::NewClientRequest) -> String {
        api::add_client(self, ACTOR, request).expect("client").id
    }

    fn data_source(&mut self, request: api::NewDataSourceRequest) -> String {
        api::add_data_source(self, ACTOR, request)
            .expect("source")
            .id
    }

    fn vendor(&mut self, request: api::NewVendorRequest) -> String {
        api::add_vendor(self, ACTOR, request).expect("vendor").id
    }

    fn assessment(&mut self, template: &Template, request: api::NewAssessmentRequest) -> String {
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
