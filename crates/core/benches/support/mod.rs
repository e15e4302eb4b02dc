//! What the vault benchmarks share: the generated 10,000-assessment vault and where it is cached.
//!
//! The generator writes through core's own public write paths — `api::create_vault`, `add_client`,
//! `add_data_source`, `add_vendor`, `create_assessment`, `answer_from_file` — so every row carries its
//! audit entry and its search-index entry exactly as a user's would (one transaction per assessment
//! created and per assessment answered). No bulk path exists. Content is seeded and bilingual:
//! client and channel names, titles, and answers of every question type of the bundled templates
//! (choices, numbers, dates, free text in Chinese and English, repeatable-group rows), so search,
//! loading and listing see realistic data. The same generator fills the unencrypted peer database
//! through `Vault::open_unencrypted` (feature `bench`), so both hold the same kind of rows, and the
//! team database of the team benchmark (`benches/team.rs`): [`Sink`] is any store.
//!
//! The result is cached under `target/bench-data/`, keyed by [`GENERATOR_VERSION`] and the sizes,
//! so a second `cargo xtask bench` reuses it. `cargo xtask gen-vault` runs the same code.

#![allow(dead_code)]
#![cfg_attr(not(feature = "bench"), allow(unused_imports))]

use std::path::{Path, PathBuf};
use std::time::Instant;

use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, Answers, Cell, Row};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Kind, Question, QuestionType, Section, Template};
use dpodesk_core::{Passphrase, Vault};

mod sink;
pub mod team_cache;
pub mod team_grow;
pub use sink::Sink;

/// Bump when the generated content changes, so cached vaults are made anew.
// 7: written through api (answers checked as an answers file; channel answers pre-filled).
pub const GENERATOR_VERSION: u32 = 7;
pub const PASSPHRASE: &str = "bench harbour lantern forty-seven";
pub const ACTOR: &str = "bench";
/// The title of the one assessment with [`BIG_ANSWERS`] answers (the "load" benchmark).
pub const BIG_TITLE: &str = "大型评估 Large assessment (300 answers)";
pub const BIG_ANSWERS: usize = 300;
/// A two-character term that occurs in about one answer text in a thousand.
pub const RARE_TERM: &str = "名单";

/// How big a vault to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub assessments: usize,
    pub answers: usize,
}

impl Size {
    /// 10,000 assessments and 1,000,000 answers, or what `DPODESK_BENCH_ASSESSMENTS` and
    /// `DPODESK_BENCH_ANSWERS` say (for a quick trial run).
    pub fn from_env() -> Size {
        let get = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().replace('_', "").parse().ok())
                .unwrap_or(default)
        };
        Size {
            assessments: get("DPODESK_BENCH_ASSESSMENTS", 10_000),
            answers: get("DPODESK_BENCH_ANSWERS", 1_000_000),
        }
    }
}

/// `target/bench-data/` (or `DPODESK_BENCH_DATA`).
pub fn data_dir() -> PathBuf {
    std::env::var_os("DPODESK_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
            target.join("bench-data")
        })
}

/// The cached vault (`plain`: the unencrypted peer) for `size`.
pub fn cached_path(size: Size, plain: bool) -> PathBuf {
    let ext = if plain { "plain.sqlite" } else { "dpvault" };
    data_dir().join(format!(
        "vault-g{GENERATOR_VERSION}-{}x{}.{ext}",
        size.assessments, size.answers
    ))
}

pub fn passphrase() -> Passphrase {
    Passphrase::new(PASSPHRASE.to_owned())
}

#[cfg(feature = "bench")]
/// The cached vault for `size`, generated first when missing (a half-written one never counts: it
/// is generated under a temporary name and renamed when complete).
pub fn ensure(size: Size, plain: bool) -> PathBuf {
    let path = cached_path(size, plain);
    if !path.is_file() {
        std::fs::create_dir_all(data_dir()).expect("bench data dir");
        let partial = path.with_extension("partial");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        generate(&partial, size, plain);
        std::fs::rename(&partial, &path).expect("rename generated vault");
    }
    path
}

#[cfg(feature = "bench")]
/// Opens a generated database: the vault with its passphrase, or the plain peer.
pub fn open(path: &Path, plain: bool) -> Vault {
    if plain {
        Vault::open_unencrypted(path).expect("open plain")
    } else {
        dpodesk_core::api::open_vault(path, &passphrase()).expect("open vault")
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same vault content.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRMS: [&str; 12] = [
    "华东商贸",
    "澜海电子",
    "青禾健康",
    "北辰物流",
    "星桥教育",
    "云杉零售",
    "南湖美妆",
    "金穗食品",
    "远帆旅行",
    "明川金融",
    "海岳汽车",
    "松石家居",
];
const FIRMS_EN: [&str; 12] = [
    "Eastern Trading",
    "Lanhai Electronics",
    "Qinghe Health",
    "Beichen Logistics",
    "Starbridge Education",
    "Yunshan Retail",
    "Nanhu Beauty",
    "Jinsui Foods",
    "Yuanfan Travel",
    "Mingchuan Finance",
    "Haiyue Motors",
    "Songshi Home",
];
const CHANNELS: [(&str, &str, &str); 8] = [
    ("EC", "天猫旗舰店订单", "Tmall"),
    ("AD", "抖音广告线索表单", "Douyin"),
    ("QR", "门店扫码入会", "WeChat"),
    ("WEB", "官网会员注册", "Website"),
    ("IMP", "企业微信咨询", "WeCom"),
    ("BUY", "外购营销名单", "Broker"),
    ("EV", "展会名片收集", "Trade fair"),
    ("REF", "合作伙伴推荐", "Partner"),
];
const VENDORS: [(&str, &str); 6] = [
    ("Mailwave SMS", "短信群发 SMS campaigns"),
    ("腾云 SCRM", "客户关系管理 CRM"),
    ("Brightcall", "外呼中心 outbound calls"),
    ("数澜分析", "用户画像 analytics"),
    ("CloudPost", "邮件营销 email marketing"),
    ("快递通", "物流配送 delivery"),
];
/// Sentences answers are made of; 同意 and 个人信息 are common, 名单 rare (see [`RARE_TERM`]).
const ZH: [&str; 16] = [
    "用户在注册页面勾选同意后才接收营销信息",
    "个人信息仅用于订单履行与售后服务",
    "我们每季度复核访问权限并记录导出操作",
    "客服人员不得将聊天记录转发至个人微信",
    "撤回同意的请求在二十四小时内生效",
    "数据存储在境内机房，备份加密保存",
    "供应商按委托处理协议处理个人信息",
    "敏感个人信息单独取得书面同意",
    "营销短信附带退订方式并记录退订",
    "会员等级依据消费金额自动计算",
    "合同约定供应商不得转委托第三方",
    "未成年人账户默认关闭个性化推荐",
    "日志保留六个月后自动删除",
    "跨境传输前完成个人信息保护影响评估",
    "门店终端每日同步至总部系统",
    "活动结束后三十日内删除抽奖信息",
];
const EN: [&str; 16] = [
    "Customers tick an unticked consent box before any marketing message is sent.",
    "Personal information is used only to fulfil orders and for after-sales service.",
    "Access rights are reviewed quarterly and every export is logged.",
    "Agents may not forward chat histories to personal accounts.",
    "Withdrawals of consent take effect within 24 hours.",
    "Data is stored in mainland data centres; backups are encrypted.",
    "The vendor processes personal information under a written entrustment agreement.",
    "Separate written consent is obtained for sensitive personal information.",
    "Every marketing SMS carries an opt-out and opt-outs are recorded.",
    "Membership tiers are computed automatically from spending.",
    "The contract forbids sub-entrustment without prior approval.",
    "Personalised recommendations are off by default for minors' accounts.",
    "Logs are kept for six months, then deleted automatically.",
    "A PIA is completed before any cross-border transfer.",
    "Store terminals synchronise with head office daily.",
    "Prize-draw entries are deleted within 30 days after the campaign.",
];

fn sentence(rng: &mut Rng) -> String {
    let i = rng.below(ZH.len());
    let mut text = format!("{}。{}", ZH[i], EN[i]);
    if rng.below(1000) == 0 {
        text.push_str(" 购买的营销名单已停止使用。The purchased list is no longer used.");
    }
    text
}

fn text_answer(rng: &mut Rng) -> String {
    let n = 1 + rng.below(2);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn choice_values(q: &Question) -> Vec<String> {
    if !q.choices.is_empty() {
        q.choices.iter().map(|c| c.value.clone()).collect()
    } else if let Some(options) = &q.options {
        options.clone()
    } else {
        vec!["yes".into(), "no".into(), "partial".into(), "na".into()]
    }
}

fn cell(rng: &mut Rng, kind: QuestionType, values: &[String]) -> Cell {
    match kind {
        QuestionType::Number | QuestionType::Likelihood | QuestionType::Severity => {
            Cell::Number((1 + rng.below(4)) as f64)
        }
        QuestionType::MultiChoice if !values.is_empty() => {
            Cell::List(vec![rng.pick(values).clone()])
        }
        QuestionType::SingleChoice | QuestionType::Ynp if !values.is_empty() => {
            Cell::Text(rng.pick(values).clone())
        }
        QuestionType::Date => Cell::Text(format!("2026-{:02}-15", 1 + rng.below(12))),
        _ => Cell::Text(sentence(rng)),
    }
}

/// A plausible answer to `q`.
pub fn answer(rng: &mut Rng, q: &Question) -> Answer {
    match q.kind {
        QuestionType::Ynp => Answer::Text(rng.pick(&["yes", "no", "partial", "na"]).to_string()),
        QuestionType::SingleChoice => Answer::Text(rng.pick(&choice_values(q)).clone()),
        QuestionType::MultiChoice => {
            let values = choice_values(q);
            let n = 1 + rng.below(values.len().clamp(1, 3));
            let mut picked: Vec<String> = (0..n).map(|_| rng.pick(&values).clone()).collect();
            picked.sort();
            picked.dedup();
            Answer::List(picked)
        }
        QuestionType::Text => Answer::Text(text_answer(rng)),
        QuestionType::Date => Answer::Text(format!(
            "2025-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        QuestionType::Number => Answer::Number((1 + rng.below(500_000)) as f64),
        QuestionType::Likelihood | QuestionType::Severity => {
            Answer::Number((1 + rng.below(4)) as f64)
        }
        QuestionType::Evidence => Answer::List(Vec::new()),
        QuestionType::Group => {
            let rows = (0..1 + rng.below(4))
                .map(|_| {
                    q.columns
                        .iter()
                        .map(|c| (c.id.clone(), cell(rng, c.kind, &choice_values_col(c))))
                        .collect::<Row>()
                })
                .collect();
            Answer::Rows(rows)
        }
    }
}

fn choice_values_col(c: &template::Column) -> Vec<String> {
    if !c.choices.is_empty() {
        c.choices.iter().map(|ch| ch.value.clone()).collect()
    } else {
        c.options.clone().unwrap_or_default()
    }
}

/// Answers to the first `n` answerable questions of `t`.
pub fn answers_for(rng: &mut Rng, t: &Template, n: usize) -> Answers {
    t.sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|q| q.kind != QuestionType::Evidence)
        .take(n)
        .map(|q| (q.id.clone(), answer(rng, q)))
        .collect()
}

/// A firm's custom template with [`BIG_ANSWERS`] questions: the bundled data-source template plus
/// a section of extra free-text questions (firms add their own checklists).
pub fn big_template(ds: &Template) -> Template {
    let mut t = ds.clone();
    t.id = "firm-checklist".into();
    let base = t
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .find(|q| q.kind == QuestionType::Text)
        .cloned()
        .expect("a text question");
    let have = t
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|q| q.kind != QuestionType::Evidence)
        .count();
    let mut extra = Section {
        id: "firm_extra".into(),
        title: base.text.clone(),
        description: None,
        show_if: None,
        questions: Vec::new(),
    };
    for i in 0..BIG_ANSWERS.saturating_sub(have) {
        let mut q = base.clone();
        q.id = format!("firm_x{i:03}");
        q.show_if = None;
        extra.questions.push(q);
    }
    t.sections.push(extra);
    t
}

fn bundled() -> (Template, Template, Template) {
    let law = LawRegister::bundled().expect("law");
    let all = template::bundled(&law).expect("templates");
    let find = |id: &str| all.iter().find(|t| t.id == id).cloned().expect(id);
    (find("data-source"), find("vendor-entrustment"), find("pia"))
}

#[cfg(feature = "bench")]
/// Fills a new database at `path` (encrypted, or the plain peer) with `size` worth of content.
pub fn generate(path: &Path, size: Size, plain: bool) {
    let started = Instant::now();
    let mut vault = if plain {
        Vault::create_unencrypted(path).expect("create plain")
    } else {
        dpodesk_core::api::create_vault(path, &passphrase(), ACTOR).expect("create vault")
    };
    let written = fill(&mut vault, size);
    dpodesk_core::api::lock_vault(vault).expect("close");
    eprintln!(
        "generated {} ({} assessments, {written} answers) in {:.0} s",
        path.display(),
        size.assessments,
        started.elapsed().as_secs_f64()
    );
}

/// The generator's client number `c` (from 0): its name ends with `c + 1`.
pub fn client(c: usize) -> api::NewClientRequest {
    let f = c % FIRMS.len();
    api::NewClientRequest {
        name: format!(
            "{}{} {} {}",
            FIRMS[f],
            c / FIRMS.len() + 1,
            FIRMS_EN[f],
            c + 1
        ),
        matter: format!("{} 年度合规审查 annual review", 2020 + c % 6),
        contact: format!("dpo{c}@example.com"),
        notes: String::new(),
    }
}

/// Writes `size` worth of seeded content into `sink`; returns how many answers were written.
pub fn fill<S: Sink>(sink: &mut S, size: Size) -> usize {
    let started = Instant::now();
    let (ds, vendor, pia) = bundled();
    let big = big_template(&ds);
    let mut rng = Rng::new(0x5EED_0000 + u64::from(GENERATOR_VERSION));

    // 40 assessments per client: 36 on its 8 channels, 2 on its vendors, 2 PIAs. Vendor and PIA
    // assessments answer every question; channel assessments share what is left evenly (at most
    // their template's 107), and the last ones stop at the exact total.
    let clients = size.assessments.div_ceil(40).max(1);
    let mut client_ids = Vec::new();
    let mut sources = Vec::new();
    let mut vendors = Vec::new();
    for c in 0..clients {
        let client = sink.client(client(c));
        for (code, name, platform) in CHANNELS {
            let s = sink.data_source(api::NewDataSourceRequest {
                client_id: client.clone(),
                name: name.into(),
                channel: code.into(),
                platform: platform.into(),
                notes: String::new(),
            });
            sources.push((client.clone(), s, name));
        }
        for (name, service) in VENDORS.iter().take(4) {
            // What the vendor form sends when only the name and the service are filled in.
            let v = sink.vendor(api::NewVendorRequest {
                client_id: client.clone(),
                name: (*name).into(),
                country: String::new(),
                service: (*service).into(),
                contact: String::new(),
                next_review: String::new(),
                notes: String::new(),
            });
            vendors.push((client.clone(), v, *name));
        }
        client_ids.push(client);
    }

    let capacity = |t: &Template| {
        t.sections
            .iter()
            .flat_map(|s| &s.questions)
            .filter(|q| q.kind != QuestionType::Evidence)
            .count()
    };
    let (channels, others): (Vec<usize>, Vec<usize>) =
        (1..size.assessments).partition(|i| i % 40 < 36);
    let fixed: usize = others
        .iter()
        .map(|i| capacity(if i % 40 < 38 { &vendor } else { &pia }))
        .sum::<usize>()
        + BIG_ANSWERS;
    let per_channel = size
        .answers
        .saturating_sub(fixed)
        .div_ceil(channels.len().max(1));
    let mut written = 0usize;
    for i in 0..size.assessments {
        let c = i / 40;
        let slot = i % 40;
        let client_id = client_ids[c.min(client_ids.len() - 1)].clone();
        // The new-assessment form's request: a title, the client, and the data source or vendor
        // assessed (none for a PIA); its template is the one passed beside it.
        let (template, title, client_id, subject_id, n) = if i == 0 {
            (&big, BIG_TITLE.to_owned(), client_id, None, BIG_ANSWERS)
        } else if slot < 36 {
            let (cid, sid, name) = &sources[(c * 8 + slot % 8).min(sources.len() - 1)];
            (
                &ds,
                format!("{name} 渠道评估 channel assessment #{i}"),
                cid.clone(),
                Some(sid.clone()),
                usize::MAX,
            )
        } else if slot < 38 {
            let (cid, vid, name) = &vendors[(c * 4 + slot % 4).min(vendors.len() - 1)];
            (
                &vendor,
                format!("{name} 供应商尽职调查 vendor due diligence #{i}"),
                cid.clone(),
                Some(vid.clone()),
                usize::MAX,
            )
        } else {
            (
                &pia,
                format!("会员计划个人信息保护影响评估 Loyalty PIA #{i}"),
                client_id,
                None,
                usize::MAX,
            )
        };
        let request = api::NewAssessmentRequest {
            template_id: template.id.clone(),
            title,
            client_id: Some(client_id),
            subject_id,
        };
        let record = sink.assessment(template, request);
        let remaining = size.answers.saturating_sub(written);
        let n = if template.id == ds.id {
            n.min(per_channel)
        } else {
            n
        };
        let answers = answers_for(&mut rng, template, n.min(remaining));
        written += sink.answer(&record, &answers);
        if (i + 1) % 1000 == 0 {
            eprintln!(
                "  generated {} assessments, {written} answers ({:.0} s)",
                i + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "filled {} assessments, {written} answers, {clients} clients in {:.0} s",
        size.assessments,
        started.elapsed().as_secs_f64()
    );
    written
}

/// The id of the 300-answer assessment, and of an ordinary data-source assessment (for saves), on
/// either back-end.
pub fn fixture_ids<R: dpodesk_core::api::Read>(store: &R) -> (String, String) {
    let all = store.assessments().expect("list");
    let big = all
        .iter()
        .find(|a| a.title == BIG_TITLE)
        .map(|a| a.id.clone())
        .expect("big assessment");
    let ordinary = all
        .iter()
        .find(|a| a.kind == Kind::DataSource && !a.title.starts_with(BIG_TITLE))
        .map(|a| a.id.clone())
        .expect("an ordinary assessment");
    (big, ordinary)
}
