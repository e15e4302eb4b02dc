//! `dpodesk assess show`: the outcome as a reader takes it — the rating in words with what open
//! points could still lead to, findings with their recommendations, the points to verify, and
//! each sign-off with the outcome it froze. Every word comes from core's wording tables; nothing
//! here prints a Rust debug name.

use dpodesk_core::Lang;
use dpodesk_core::api::{AssessmentRecord, Decision, SignOff};
use dpodesk_core::assessment::{Outcome, RiskPoint, frozen_wording, rescored_note, short_wording};
use dpodesk_core::report::wording as wd;

pub fn print_outcome(
    record: &AssessmentRecord,
    outcome: &Outcome,
    sign_offs: &[SignOff],
    lang: Lang,
) {
    print_rating(record, outcome, lang);
    print_findings_and_risks(outcome, lang);
    print_open_points(outcome, lang);
    for s in sign_offs {
        print_sign_off(s, outcome, lang);
    }
}

/// The assessment, its rating in words and per regime, and the instrument's own measures.
fn print_rating(record: &AssessmentRecord, outcome: &Outcome, lang: Lang) {
    let band = |r: Option<dpodesk_core::assessment::Rating>| {
        r.map_or_else(
            || lang.pick("不适用", "not applicable").to_owned(),
            |r| {
                short_wording(r, outcome.standing.certainty, None)
                    .get(lang)
                    .to_owned()
            },
        )
    };
    println!("{}  [{}]", record.title, record.id);
    println!(
        "{} {} {} · {} {} · {} {}",
        lang.pick("模板", "template"),
        record.template_id,
        record.template_version,
        lang.pick("状态", "status"),
        wd::status(record.status).text().get(lang),
        lang.pick("版本", "version"),
        record.version
    );
    println!(
        "{}: {} (EU: {}, PRC: {})",
        lang.pick("评级", "rating"),
        outcome.rating_wording().get(lang),
        band(outcome.ratings.eu),
        band(outcome.ratings.prc)
    );
    if let Some(coverage) = &outcome.coverage {
        println!(
            "{}: {} ({} {}, {} {}, {} {}, {} {})",
            lang.pick("条款覆盖率", "clause coverage"),
            wd::coverage(coverage).get(lang),
            lang.pick("具备", "present"),
            coverage.present,
            lang.pick("部分", "partial"),
            coverage.partial,
            lang.pick("缺失", "missing"),
            coverage.missing,
            lang.pick("尚未核查", "not yet checked"),
            coverage.unchecked
        );
    }
    if let Some(tier) = outcome.tier {
        println!(
            "{}: {}",
            lang.pick("供应商风险等级", "vendor tier"),
            wd::tier_as_known(tier, outcome.standing.certainty).get(lang)
        );
    }
    if let Some(pia) = &outcome.pia {
        println!(
            "{}: {}",
            lang.pick("是否需要开展影响评估", "PIA needed"),
            wd::pia_need(pia.need).text().get(lang)
        );
    }
}

fn print_findings_and_risks(outcome: &Outcome, lang: Lang) {
    println!(
        "{} ({}):",
        lang.pick("发现", "findings"),
        outcome.findings.len()
    );
    for f in &outcome.findings {
        println!(
            "  [{}] {}  {}  [{}]",
            wd::severity(f.severity).text().get(lang),
            f.id,
            f.title.get(lang),
            f.cite.join(", ")
        );
        // One root cause, its consequences under it (the findings its theme grouped).
        for c in &f.consequences {
            println!(
                "      ↳ {}: {}",
                lang.pick("同一原因的后果", "same root cause"),
                c.get(lang)
            );
        }
        println!(
            "      {}: {}",
            lang.pick("建议", "recommendation"),
            f.recommendation.get(lang)
        );
    }
    for risk in &outcome.risks {
        let point = |p: Option<RiskPoint>| {
            p.map_or_else(
                || "—".to_owned(),
                |p| {
                    format!(
                        "{}×{} {}",
                        p.impact,
                        p.likelihood,
                        wd::risk_level(p.level).text().get(lang)
                    )
                },
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
}

/// The points to verify, then required questions still open that are no such point.
fn print_open_points(outcome: &Outcome, lang: Lang) {
    let points = &outcome.standing.points;
    if !points.is_empty() {
        println!(
            "{} ({}):",
            lang.pick("待核实事项", "points to verify"),
            points.len()
        );
        for p in points {
            println!("  - {}: {}", p.question_id, p.text.get(lang));
        }
    }
    let open_required: Vec<&str> = outcome
        .unanswered_required
        .iter()
        .map(String::as_str)
        .filter(|id| !points.iter().any(|p| p.question_id == *id))
        .collect();
    if !open_required.is_empty() {
        println!(
            "{} ({}): {}",
            lang.pick(
                "其他未回答的必答问题",
                "other required questions unanswered"
            ),
            open_required.len(),
            open_required.join(", ")
        );
    }
}

fn print_sign_off(s: &SignOff, today: &Outcome, lang: Lang) {
    let decision = match Decision::from(s.decision) {
        Decision::Approve if !s.reservations.is_empty() => {
            lang.pick("附保留意见批准", "approved with reservations")
        }
        Decision::Approve => lang.pick("批准", "approved"),
        Decision::Reject => lang.pick("驳回", "rejected"),
    };
    println!(
        "{}: {} ({}) · {} · {}",
        lang.pick("签批", "sign-off"),
        s.name,
        s.role,
        decision,
        s.signed_at
    );
    match &s.outcome {
        Some(frozen) => {
            println!(
                "  {}: {} · {} {}, {} {}",
                lang.pick("签批时的评级", "rating as signed"),
                frozen_wording(frozen).get(lang),
                lang.pick("评分引擎", "scoring engine"),
                s.engine_version,
                lang.pick("法规库", "law register"),
                s.law_version
            );
            if let Some(note) = rescored_note(frozen, today) {
                println!("  {}", note.get(lang));
            }
        }
        None => println!(
            "  {}",
            lang.pick(
                "（此签批早于评级冻结功能，未记录签批时的评级）",
                "(signed before outcomes were frozen: no rating was recorded with it)"
            )
        ),
    }
    for (i, p) in s.reservations.iter().enumerate() {
        if i == 0 {
            println!("  {}:", lang.pick("保留意见", "reservations"));
        }
        println!("    - {}: {}", p.question_id, p.text.get(lang));
    }
}
