//! Report rendering speed and size: a 40+ page bilingual PIA report (a scenario with many risks
//! and actions, built here) and the bilingual client memo over the demo's four channels, each
//! built from its model and drawn to PDF. Run with `cargo bench -p dpodesk-core` (or
//! `cargo xtask bench`); the page count and PDF size are printed before the timings.
//! Goal on a 2-core machine: under 300 ms and under 1 MB per report.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dpodesk_core::assessment::{parse_answers, score};
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::{self, Channel, Document, MemoSource, ReportLang, Source};
use dpodesk_core::template::{self, Template};
use dpodesk_core::vault::{AssessmentRecord, Profile, Status, canonical_sha256};

const RISKS: usize = 90;
const DATE: &str = "2025-07-20";

const CATEGORIES: [&str; 8] = [
    "illegitimate_access",
    "unwanted_modification",
    "disappearance",
    "unlawful_list_trading",
    "re_identification",
    "harassment_complaints",
    "cross_border_access",
    "other",
];
const DECISIONS: [&str; 4] = [
    "fix_now",
    "fix_by_deadline",
    "fix_after_cost_benefit",
    "accept",
];

/// A large PIA: a loyalty programme on WeCom and WhatsApp in both regimes, with many risks (each
/// with measures and a residual position) and one action per risk.
fn pia_answers() -> String {
    let mut a = String::from(
        r#"pia01_regime = "both"
pia01_pipl55 = ["sensitive", "automated_decision", "entrust_provide_publish", "abroad"]
pia01_gdpr35 = ["none"]
pia01_wp248 = ["evaluation_scoring", "systematic_monitoring", "large_scale", "matching_combining", "innovative_technology"]
pia01_scale = 4000000
pia02_before_processing = "yes"
pia04_context = "全国会员计划迁入企业微信与 WhatsApp，按购买记录与浏览行为分层推送。Nationwide loyalty programme moved to WeCom and WhatsApp, with offers chosen by purchase history and browsing."
pia05_proportionate = "partial"
pia13_residual_high = "yes"
pia03_dpo_opinion = "favourable_with_conditions"
pia03_dpo_opinion_text = "须先落实高风险措施；模型每年复核；退出请求24小时内生效。High-risk measures first; yearly model review; opt-outs honoured within 24 hours."
pia16_retention_years = 5
"#,
    );
    for i in 0..RISKS {
        let impact = i % 4 + 1;
        let likelihood = (i / 4) % 4 + 1;
        let _ = write!(
            a,
            r#"
[[pia10_risks]]
title = "风险 {n}：会员分层数据在{place}被未授权导出并用于营销骚扰。Risk {n}: member segments exported without authorisation from {place_en} and used for unwanted marketing."
category = "{cat}"
impact = {impact}
likelihood = {likelihood}
measures = "多因素认证、最小权限、导出上限与水印、季度访问复核（第 {n} 项）。MFA, least privilege, export caps and watermarks, quarterly access reviews (item {n})."
residual_impact = {ri}
residual_likelihood = {rl}
owner = "IT security"
"#,
            n = i + 1,
            place = ["客服后台", "门店终端", "数据仓库", "外包团队"][i % 4],
            place_en = [
                "the service desk",
                "store terminals",
                "the data warehouse",
                "the outsourced team"
            ][i % 4],
            cat = CATEGORIES[i % CATEGORIES.len()],
            ri = impact.saturating_sub(1).max(1),
            rl = likelihood.saturating_sub(1).max(1),
        );
    }
    for i in 0..RISKS {
        let _ = write!(
            a,
            r#"
[[pia12_plan]]
risk = "风险 {n} Risk {n}"
decision = "{d}"
owner = "信息安全负责人 Head of IT security"
deadline = "2026-{m:02}-15"
"#,
            n = i + 1,
            d = DECISIONS[i % DECISIONS.len()],
            m = i % 12 + 1,
        );
    }
    a
}

fn record(id: &str, t: &Template, title: &str) -> AssessmentRecord {
    AssessmentRecord {
        id: id.into(),
        kind: t.kind,
        template_id: t.id.clone(),
        template_version: t.version.clone(),
        title: title.into(),
        client_id: None,
        data_source_id: None,
        vendor_id: None,
        status: Status::InReview,
        version: 1,
        previous_id: None,
        created_by: "bench".into(),
        created_at: "2025-07-01T00:00:00.000Z".into(),
        updated_at: "2025-07-01T00:00:00.000Z".into(),
    }
}

fn profile() -> Profile {
    Profile {
        name: "Lin Xiao".into(),
        role: "Data Protection Officer".into(),
        firm: "Hengcheng Law Firm".into(),
    }
}

fn find(templates: &[Template], id: &str) -> Template {
    templates
        .iter()
        .find(|t| t.id == id)
        .cloned()
        .expect("template")
}

fn pia_document(law: &LawRegister, templates: &[Template]) -> Document {
    let t = find(templates, "pia");
    let answers = parse_answers("bench.toml", &pia_answers(), &t).expect("answers");
    let src = Source {
        record: record("bench-pia", &t, "会员计划影响评估 Loyalty programme PIA"),
        fingerprint: canonical_sha256(&t.id, &t.version, &answers, &[]),
        outcome: score(&t, &answers, &[]),
        template: t,
        answers,
        sign_offs: Vec::new(),
        law: law.clone(),
        client: None,
        vendor: None,
        author: "Lin Xiao".into(),
        profile: profile(),
        date: DATE.into(),
    };
    report::build(&src, ReportLang::Bi)
}

fn memo_document(law: &LawRegister, templates: &[Template]) -> Document {
    let t = find(templates, "data-source");
    let channels = [
        include_str!("../../../assets/demo/channel-ec-platform-orders.toml"),
        include_str!("../../../assets/demo/channel-ad-lead-form.toml"),
        include_str!("../../../assets/demo/channel-web-newsletter.toml"),
        include_str!("../../../assets/demo/channel-buy-eu-list.toml"),
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| {
        let answers = parse_answers("bench.toml", text, &t).expect("answers");
        Channel {
            record: record(&format!("bench-ds-{i}"), &t, &format!("Channel {}", i + 1)),
            fingerprint: canonical_sha256(&t.id, &t.version, &answers, &[]),
            outcome: score(&t, &answers, &[]),
            template: t.clone(),
            answers,
            data_source: None,
        }
    })
    .collect();
    report::build_memo(
        &MemoSource {
            client: None,
            from: profile(),
            date: DATE.into(),
            law: law.clone(),
            channels,
        },
        ReportLang::Bi,
    )
}

fn bench(c: &mut Criterion) {
    let law = LawRegister::bundled().expect("law");
    let templates = template::bundled(&law).expect("templates");
    let pia = pia_document(&law, &templates);
    let memo = memo_document(&law, &templates);
    for (name, doc) in [("pia_bi", &pia), ("memo_bi", &memo)] {
        let rendered = report::pdf::render(doc).expect("render");
        println!(
            "{name}: {} pages, {} bytes ({:.0} KiB)",
            rendered.pages,
            rendered.bytes.len(),
            rendered.bytes.len() as f64 / 1024.0
        );
    }
    let mut group = c.benchmark_group("reports");
    group.sample_size(20);
    group.measurement_time(std::time::Duration::from_secs(10));
    group.bench_function("pia_bi_render", |b| {
        b.iter(|| report::pdf::render(black_box(&pia)).expect("render"))
    });
    group.bench_function("pia_bi_build_and_render", |b| {
        b.iter(|| report::pdf::render(&pia_document(&law, &templates)).expect("render"))
    });
    group.bench_function("memo_bi_render", |b| {
        b.iter(|| report::pdf::render(black_box(&memo)).expect("render"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
