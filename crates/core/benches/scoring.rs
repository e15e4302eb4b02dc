//! Scoring speed: `assessment::score` over a 200-question data-source assessment (the bundled
//! template's 117 questions and rules, plus 83 more questions as a firm's custom template adds
//! them), every question answered. Goal: well under 1 ms, so the wizard can re-score on every
//! keystroke.

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use dpodesk_core::assessment::score;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, QuestionType, Template};

const QUESTIONS: usize = 200;

fn two_hundred_questions() -> Template {
    let law = LawRegister::bundled().expect("law");
    let mut t = template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "data-source")
        .expect("data-source template");
    let originals: Vec<_> = t
        .sections
        .iter()
        .flat_map(|s| s.questions.clone())
        .filter(|q| q.kind != QuestionType::Evidence)
        .collect();
    let have: usize = t.sections.iter().map(|s| s.questions.len()).sum();
    let mut extra = t.sections[0].clone();
    extra.id = "firm_extra".into();
    extra.show_if = None;
    extra.questions = originals
        .iter()
        .cycle()
        .take(QUESTIONS - have)
        .enumerate()
        .map(|(i, q)| {
            let mut q = q.clone();
            q.id = format!("firm_{i:03}_{}", q.id);
            q
        })
        .collect();
    t.sections.push(extra);
    t
}

fn bench(c: &mut Criterion) {
    let t = two_hundred_questions();
    let questions: usize = t.sections.iter().map(|s| s.questions.len()).sum();
    assert_eq!(questions, QUESTIONS);
    let mut rng = support::Rng::new(7);
    let answers = support::answers_for(&mut rng, &t, QUESTIONS);
    let outcome = score(&t, &answers, &[]);
    println!(
        "scoring: {questions} questions, {} answers, {} findings",
        answers.len(),
        outcome.findings.len()
    );
    let mut group = c.benchmark_group("scoring");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("score_200_questions", |b| {
        b.iter(|| score(black_box(&t), black_box(&answers), &[]))
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
