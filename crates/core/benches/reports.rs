//! Report rendering speed and size, every kind in zh, en and bi, for a small and a large (40+
//! pages) assessment, each built from its model and drawn to PDF:
//!
//! - PIA: the demo's member-scoring PIA; a loyalty programme in both regimes with 90 risks, each
//!   with measures, residual position and an action (built here).
//! - vendor: the demo's WhatsApp BSP; a global CRM vendor with 80 sub-processors in 30 countries.
//! - memo: the demo client's four channels; a client memo over those plus the 18 data-source
//!   scenario fact patterns of `tests/fixtures/scenarios/` (22 channels).
//!
//! Each case's model is also written as HTML (`report::html`, the same font by `@font-face`) to
//! `target/bench-data/reports/`, with its page count and PDF size in
//! `target/bench-data/reports-facts.json`: `cargo xtask bench` times WeasyPrint turning that HTML
//! into a PDF in the same run and prints the ratios. Goal: under 300 ms and under 1 MB a report.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dpodesk_core::assessment::canonical_sha256;
use dpodesk_core::assessment::{parse_answers, score};
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::html::{self, HtmlOptions};
use dpodesk_core::report::{self, Channel, Document, MemoSource, ReportLang, Source};
use dpodesk_core::template::{self, Template};
use dpodesk_core::vault::{AssessmentRecord, Profile, Status};

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

fn source(law: &LawRegister, t: Template, answers_toml: &str, title: &str) -> Source {
    let answers = parse_answers("bench.toml", answers_toml, &t).expect("answers");
    Source {
        record: record(&format!("bench-{}", t.id), &t, title),
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
        cnil: None,
        linked_transfers: Vec::new(),
    }
}

const PIA_SMALL: &str = include_str!("../../../assets/demo/pia-member-scoring.toml");
const VENDOR_SMALL: &str = include_str!("../../../assets/demo/vendor-whatsapp-bsp.toml");
const DEMO_CHANNELS: [&str; 4] = [
    include_str!("../../../assets/demo/channel-ec-platform-orders.toml"),
    include_str!("../../../assets/demo/channel-ad-lead-form.toml"),
    include_str!("../../../assets/demo/channel-web-newsletter.toml"),
    include_str!("../../../assets/demo/channel-buy-eu-list.toml"),
];

/// A global CRM vendor: the demo vendor's answers with 80 sub-processors across 30 countries, a
/// few of them not yet approved (each becomes a finding).
fn vendor_large_answers() -> String {
    const COUNTRIES: [&str; 30] = [
        "Ireland",
        "Germany",
        "France",
        "Netherlands",
        "Sweden",
        "Finland",
        "Poland",
        "Spain",
        "Italy",
        "Belgium",
        "Austria",
        "Denmark",
        "United States",
        "Canada",
        "Brazil",
        "Mexico",
        "India",
        "Singapore",
        "Japan",
        "South Korea",
        "Australia",
        "New Zealand",
        "Hong Kong SAR",
        "United Kingdom",
        "Switzerland",
        "Norway",
        "Israel",
        "South Africa",
        "UAE",
        "Philippines",
    ];
    const SERVICES: [(&str, &str); 8] = [
        ("Hosting", "全部客户数据 all customer data"),
        (
            "Message delivery",
            "手机号、消息内容 phone numbers, message content",
        ),
        ("Customer support", "工单与联系人 tickets and contacts"),
        ("Analytics", "使用日志 usage logs"),
        ("Email delivery", "邮箱地址 email addresses"),
        ("Backup", "加密备份 encrypted backups"),
        ("Payment", "账单联系人 billing contacts"),
        ("Translation", "消息内容 message content"),
    ];
    let mut a: String = VENDOR_SMALL
        .split("[[ve14_subprocessors]]")
        .next()
        .unwrap_or_default()
        .to_owned();
    for i in 0..80 {
        let (service, data) = SERVICES[i % SERVICES.len()];
        let _ = write!(
            a,
            "\n[[ve14_subprocessors]]\nname = \"Sub-processor {n}: {service} partner {country}\"\n\
             country = \"{country}\"\nservice = \"{service}\"\ndata_categories = \"{data}\"\n\
             approved = \"{approved}\"\n",
            n = i + 1,
            country = COUNTRIES[i % COUNTRIES.len()],
            approved = if i % 9 == 4 { "no" } else { "yes" },
        );
    }
    a
}

/// The [answers] table of a scenario fixture, as an answers file.
fn scenario_answers(text: &str) -> String {
    let table: toml::Table = toml::from_str(text).expect("scenario");
    let answers = table.get("answers").cloned().expect("[answers]");
    toml::to_string(&answers).expect("answers")
}

fn memo(law: &LawRegister, t: &Template, channels: &[String], lang: ReportLang) -> Document {
    let channels = channels
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let answers = parse_answers("bench.toml", text, t).expect("answers");
            Channel {
                record: record(&format!("bench-ds-{i}"), t, &format!("Channel {}", i + 1)),
                fingerprint: canonical_sha256(&t.id, &t.version, &answers, &[]),
                outcome: score(t, &answers, &[]),
                template: t.clone(),
                answers,
                data_source: None,
                linked_transfers: Vec::new(),
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
        lang,
    )
}

fn scenario_channels() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/scenarios/data-source");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("scenario dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| scenario_answers(&std::fs::read_to_string(p).expect("scenario")))
        .collect()
}

/// Every case: (name, document).
fn cases(law: &LawRegister, templates: &[Template]) -> Vec<(String, Document)> {
    let pia = find(templates, "pia");
    let vendor = find(templates, "vendor-entrustment");
    let ds = find(templates, "data-source");
    let small_channels: Vec<String> = DEMO_CHANNELS.iter().map(|s| (*s).to_owned()).collect();
    let mut large_channels = small_channels.clone();
    large_channels.extend(scenario_channels());
    let pia_small = source(
        law,
        pia.clone(),
        PIA_SMALL,
        "会员评分模型 Member scoring PIA",
    );
    let pia_large = source(
        law,
        pia,
        &pia_answers(),
        "会员计划影响评估 Loyalty programme PIA",
    );
    let vendor_small = source(law, vendor.clone(), VENDOR_SMALL, "WhatsApp BSP 尽职调查");
    let vendor_large = source(
        law,
        vendor,
        &vendor_large_answers(),
        "全球 CRM 供应商尽职调查 Global CRM vendor",
    );
    let mut out = Vec::new();
    for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
        let l = lang.as_str();
        out.push((format!("pia_small_{l}"), report::build(&pia_small, lang)));
        out.push((format!("pia_large_{l}"), report::build(&pia_large, lang)));
        out.push((
            format!("vendor_small_{l}"),
            report::build(&vendor_small, lang),
        ));
        out.push((
            format!("vendor_large_{l}"),
            report::build(&vendor_large, lang),
        ));
        out.push((
            format!("memo_small_{l}"),
            memo(law, &ds, &small_channels, lang),
        ));
        out.push((
            format!("memo_large_{l}"),
            memo(law, &ds, &large_channels, lang),
        ));
    }
    out
}

/// Writes each case's HTML and its PDF facts for the WeasyPrint peer.
fn write_peer_inputs(cases: &[(String, Document)]) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let font = root
        .join("assets/fonts/WenQuanYiMicroHei.ttf")
        .canonicalize()
        .expect("font");
    let font_url = format!("file://{}", font.display());
    let data = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("bench-data");
    let dir = data.join("reports");
    std::fs::create_dir_all(&dir).expect("reports dir");
    let mut facts = serde_json::Map::new();
    for (name, doc) in cases {
        let rendered = report::pdf::render(doc).expect("render");
        let html_path = dir.join(format!("{name}.html"));
        let page = html::render(
            doc,
            &HtmlOptions {
                font_url: Some(&font_url),
            },
        );
        std::fs::write(&html_path, &page).expect("write html");
        println!(
            "{name}: {} pages, {} bytes ({:.0} KiB) PDF, {} KiB HTML",
            rendered.pages,
            rendered.bytes.len(),
            rendered.bytes.len() as f64 / 1024.0,
            page.len() / 1024
        );
        facts.insert(
            name.clone(),
            serde_json::json!({
                "pages": rendered.pages,
                "pdf_bytes": rendered.bytes.len(),
                "html": html_path.display().to_string(),
            }),
        );
    }
    std::fs::write(
        data.join("reports-facts.json"),
        serde_json::Value::Object(facts).to_string(),
    )
    .expect("write facts");
}

fn bench(c: &mut Criterion) {
    let law = LawRegister::bundled().expect("law");
    let templates = template::bundled(&law).expect("templates");
    let cases = cases(&law, &templates);
    write_peer_inputs(&cases);
    let mut group = c.benchmark_group("reports");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(4));
    for (name, doc) in &cases {
        group.bench_function(name.as_str(), |b| {
            b.iter(|| report::pdf::render(black_box(doc)).expect("render"))
        });
    }
    group.bench_function("pia_large_bi_build_and_render", |b| {
        b.iter(|| {
            let pia = find(&templates, "pia");
            let src = source(
                &law,
                pia,
                &pia_answers(),
                "会员计划影响评估 Loyalty programme PIA",
            );
            report::pdf::render(&report::build(&src, ReportLang::Bi)).expect("render")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
