//! The demo: a fresh vault with a realistic sample client — four collection channels with their
//! data-source assessments (one of each rating), a WhatsApp vendor with its due-diligence
//! assessment, a PIA linked to them, sign-offs and corrective actions — and every report (client
//! memo, vendor report, PIA report) rendered in zh, en and bi. The quickest way for a newcomer to
//! see what the product does. The answers are embedded from `assets/demo/`.

use std::path::{Path, PathBuf};

use crate::assessment::parse_answers;
use crate::error::{Error, Result};
use crate::law::LawRegister;
use crate::report::{self, ReportFormat, ReportLang};
use crate::template::{self, Template};
use crate::vault::{
    ATTESTATIONS, ActionStatus, Decision, NewAction, NewAssessment, NewClient, NewDataSource,
    NewVendor, Passphrase, SignOffInput, Vault,
};

/// The demo vault's file name inside the demo folder.
pub const DEMO_VAULT_FILE: &str = "demo.dpvault";
/// The folder (inside the demo folder) the reports are written to.
pub const DEMO_REPORTS_DIR: &str = "reports";
/// The passphrase of the demo vault when the caller gives none. Public on purpose: the demo holds
/// no real data. It passes the strength rule (a test checks).
pub const DEMO_PASSPHRASE: &str = "demo harbour lantern forty-seven";
/// Who the demo's audit entries name.
pub const DEMO_ACTOR: &str = "DPO Desk demo";
/// The demo client, by name (for `dpodesk report --client`).
pub const DEMO_CLIENT: &str = "澜海消费电子 Lanhai Electronics";

const EC: &str = include_str!("../../../assets/demo/channel-ec-platform-orders.toml");
const AD: &str = include_str!("../../../assets/demo/channel-ad-lead-form.toml");
const WEB: &str = include_str!("../../../assets/demo/channel-web-newsletter.toml");
const BUY: &str = include_str!("../../../assets/demo/channel-buy-eu-list.toml");
const VENDOR: &str = include_str!("../../../assets/demo/vendor-whatsapp-bsp.toml");
const PIA: &str = include_str!("../../../assets/demo/pia-member-scoring.toml");

/// What [`create`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    pub vault: PathBuf,
    /// Every report written, in the order written.
    pub reports: Vec<PathBuf>,
    /// The assessments created (channels, vendor, PIA).
    pub assessments: Vec<String>,
}

fn find(templates: &[Template], id: &str) -> Result<Template> {
    templates
        .iter()
        .find(|t| t.id == id)
        .cloned()
        .ok_or_else(|| Error::Corrupted {
            detail: format!("the bundled template {id} is missing"),
        })
}

/// Creates the demo in `dir`: `dir/demo.dpvault` under `passphrase`, and the nine reports under
/// `dir/reports/`, dated `date` (`YYYY-MM-DD`). An existing demo vault is refused
/// ([`Error::VaultExists`]) unless `force`, which replaces it.
pub fn create(dir: &Path, passphrase: &Passphrase, date: &str, force: bool) -> Result<Demo> {
    passphrase.strength().map_err(Error::WeakPassphrase)?;
    let path = dir.join(DEMO_VAULT_FILE);
    if path.symlink_metadata().is_ok() {
        if !force {
            return Err(Error::VaultExists(path));
        }
        crate::vault::remove_vault_files(&path);
    }
    let mut vault = Vault::create(&path, passphrase, DEMO_ACTOR)?;
    let assessments = populate(&mut vault)?;

    let reports_dir = dir.join(DEMO_REPORTS_DIR);
    std::fs::create_dir_all(&reports_dir).map_err(|e| Error::io(&reports_dir, e))?;
    let mut reports = Vec::new();
    let (vendor, pia) = (&assessments[4], &assessments[5]);
    for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
        let jobs = [
            (
                "memo",
                report::generate_memo(
                    &mut vault,
                    DEMO_ACTOR,
                    DEMO_CLIENT,
                    lang,
                    ReportFormat::Pdf,
                    date,
                )?,
            ),
            (
                "vendor",
                report::generate_report(
                    &mut vault,
                    DEMO_ACTOR,
                    vendor,
                    lang,
                    ReportFormat::Pdf,
                    date,
                )?,
            ),
            (
                "pia",
                report::generate_report(
                    &mut vault,
                    DEMO_ACTOR,
                    pia,
                    lang,
                    ReportFormat::Pdf,
                    date,
                )?,
            ),
        ];
        for (name, report) in jobs {
            let file = reports_dir.join(format!("{name}-{}.pdf", lang.as_str()));
            crate::files::write_atomically(&file, &report.bytes)?;
            reports.push(file);
        }
    }
    vault.lock()?;
    Ok(Demo {
        vault: path,
        reports,
        assessments,
    })
}

/// Fills a fresh vault with the sample client; returns the assessment ids: the four channels,
/// the vendor assessment, then the PIA.
pub(crate) fn populate(vault: &mut Vault) -> Result<Vec<String>> {
    let a = DEMO_ACTOR;
    let law = LawRegister::bundled()?;
    let templates = template::bundled(&law)?;
    vault.set_profile(
        a,
        Some("Lin Xiao 林晓"),
        Some("Data Protection Officer 数据保护官"),
        Some("Hengcheng Law Firm 衡澄律师事务所"),
    )?;
    let client = vault.add_client(
        a,
        &NewClient {
            name: DEMO_CLIENT.to_owned(),
            matter: "私域营销合规审查 Private-traffic marketing review".to_owned(),
            contact: "Chen Jing 陈静, Head of Legal".to_owned(),
            notes: "Shenzhen consumer-electronics brand selling in the PRC and the EU.".to_owned(),
        },
    )?;
    let mut ids = add_channels(vault, &templates, &client.id)?;
    let vendor_id = add_vendor(vault, &templates, &client.id)?;
    ids.push(vendor_id.clone());
    let pia_id = add_pia(
        vault,
        &templates,
        &client.id,
        [&ids[1], &ids[2], &vendor_id],
    )?;
    ids.push(pia_id.clone());
    sign_off_samples(vault, [&ids[1], &vendor_id, &pia_id])?;
    add_actions(vault, &client.id, &ids)?;
    Ok(ids)
}

/// The four data sources, each with its channel assessment answered.
fn add_channels(vault: &mut Vault, templates: &[Template], client: &str) -> Result<Vec<String>> {
    let a = DEMO_ACTOR;
    let ds_template = find(templates, "data-source")?;
    let mut ids = Vec::new();
    for (name, channel, platform, title, answers) in [
        (
            "天猫/京东店铺订单 Tmall & JD store orders",
            "EC",
            "WeCom",
            "天猫/京东订单导入企业微信 Store orders into WeCom groups",
            EC,
        ),
        (
            "Meta 线索广告 Meta lead ads (NL, BE)",
            "AD",
            "WhatsApp",
            "Meta 线索广告 Meta lead form",
            AD,
        ),
        (
            "官网订阅 Website newsletter",
            "WEB",
            "Email",
            "官网订阅 Website newsletter",
            WEB,
        ),
        (
            "购买的欧盟号码 Bought EU mobile list",
            "BUY",
            "WhatsApp",
            "购买的欧盟号码名单 Bought EU number list",
            BUY,
        ),
    ] {
        let source = vault.add_data_source(
            a,
            &NewDataSource {
                client_id: client.to_owned(),
                name: name.to_owned(),
                channel: channel.to_owned(),
                platform: platform.to_owned(),
                notes: String::new(),
            },
        )?;
        ids.push(answer(
            vault,
            &ds_template,
            NewAssessment {
                title: title.to_owned(),
                client_id: Some(client.to_owned()),
                data_source_id: Some(source.id),
                vendor_id: None,
            },
            answers,
        )?);
    }

    Ok(ids)
}

/// The WhatsApp provider in the register, and its entrustment assessment answered.
fn add_vendor(vault: &mut Vault, templates: &[Template], client: &str) -> Result<String> {
    let a = DEMO_ACTOR;
    let vendor = vault.add_vendor(
        a,
        &NewVendor {
            client_id: client.to_owned(),
            name: "Emerald Messaging Ltd".to_owned(),
            country: "IE".to_owned(),
            service: "WhatsApp Business API (BSP)".to_owned(),
            contact: "privacy@emerald-messaging.example".to_owned(),
            next_review: Some("2026-06-30".to_owned()),
            notes: String::new(),
        },
    )?;
    let vendor_id = answer(
        vault,
        &find(templates, "vendor-entrustment")?,
        NewAssessment {
            title: "Emerald Messaging 委托处理 WhatsApp BSP entrustment".to_owned(),
            client_id: Some(client.to_owned()),
            data_source_id: None,
            vendor_id: Some(vendor.id.clone()),
        },
        VENDOR,
    )?;

    Ok(vendor_id)
}

/// The member-scoring PIA, linked to the assessments it rests on.
fn add_pia(
    vault: &mut Vault,
    templates: &[Template],
    client: &str,
    linked: [&String; 3],
) -> Result<String> {
    let a = DEMO_ACTOR;
    let pia_id = answer(
        vault,
        &find(templates, "pia")?,
        NewAssessment {
            title: "会员评分与 WhatsApp 精准推送 Member scoring for WhatsApp offers".to_owned(),
            client_id: Some(client.to_owned()),
            data_source_id: None,
            vendor_id: None,
        },
        PIA,
    )?;
    for linked in linked {
        vault.link_assessment(a, &pia_id, linked)?;
    }

    Ok(pia_id)
}

/// The lead form channel and the vendor approved, the PIA approved with conditions.
fn sign_off_samples(vault: &mut Vault, [channel, vendor_id, pia_id]: [&String; 3]) -> Result<()> {
    let a = DEMO_ACTOR;
    let attestations: Vec<String> = ATTESTATIONS.iter().map(|s| (*s).to_owned()).collect();
    for (id, name, role, comment) in [
        (channel, "Chen Jing 陈静", "Head of Legal", ""),
        (
            vendor_id,
            "Chen Jing 陈静",
            "Head of Legal",
            "Approved on condition that the DPA amendment is signed by 2025-09-30.",
        ),
        (
            pia_id,
            "Wang Lei 王磊",
            "Chief Marketing Officer",
            "Proceed; model review yearly, opt-out honoured within 24 hours.",
        ),
    ] {
        vault.submit_assessment(a, id)?;
        let input = SignOffInput {
            name,
            role,
            decision: Decision::Approve,
            comment,
            attestations: &attestations,
            // Whatever the demo leaves open is signed knowingly, as reservations.
            with_reservations: true,
        };
        vault.sign_off(a, id, &input)?;
    }

    Ok(())
}

/// One action per assessment, in every state.
fn add_actions(vault: &mut Vault, client: &str, ids: &[String]) -> Result<()> {
    let a = DEMO_ACTOR;
    let (vendor_id, pia_id) = (&ids[4], &ids[5]);
    for (assessment, title, owner, due, status) in [
        (
            &ids[3],
            "Stop WhatsApp broadcasts to the bought list and delete it 停止向购买名单群发并删除名单",
            "Head of e-commerce",
            "2025-08-01",
            ActionStatus::InProgress,
        ),
        (
            &ids[0],
            "Collect separate consent before WeCom invitations 邀请入群前取得单独同意",
            "CRM manager",
            "2025-09-15",
            ActionStatus::Open,
        ),
        (
            &ids[2],
            "Complete consent logs and apply unsubscribes within 2 days 补全同意记录并在2日内处理退订",
            "Web team lead",
            "2025-10-31",
            ActionStatus::Open,
        ),
        (
            vendor_id,
            "Sign the DPA amendment: 24-hour breach notice, on-site audit right 签署补充协议",
            "Procurement",
            "2025-09-30",
            ActionStatus::Open,
        ),
        (
            pia_id,
            "Add the personalisation switch to the app settings 在 App 设置中加入个性化开关",
            "Product owner",
            "2025-07-15",
            ActionStatus::Done,
        ),
    ] {
        vault.add_action(
            a,
            &NewAction {
                assessment_id: Some(assessment.clone()),
                client_id: Some(client.to_owned()),
                finding_id: String::new(),
                title: title.to_owned(),
                owner: owner.to_owned(),
                due_date: Some(due.to_owned()),
                status,
                note: String::new(),
                title_words: None,
                another: false,
            },
        )?;
    }
    Ok(())
}

fn answer(
    vault: &mut Vault,
    template: &Template,
    new: NewAssessment,
    text: &str,
) -> Result<String> {
    let record = vault.create_assessment(DEMO_ACTOR, template, new)?;
    let answers = parse_answers("demo answers", text, template)?;
    vault.save_answers(DEMO_ACTOR, &record.id, &answers)?;
    Ok(record.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_passphrase_passes_the_strength_rule() {
        assert!(
            Passphrase::new(DEMO_PASSPHRASE.to_owned())
                .strength()
                .is_ok()
        );
    }

    #[test]
    fn the_demo_answers_parse_against_their_templates() {
        let law = LawRegister::bundled().expect("law");
        let templates = template::bundled(&law).expect("templates");
        for (id, text) in [
            ("data-source", EC),
            ("data-source", AD),
            ("data-source", WEB),
            ("data-source", BUY),
            ("vendor-entrustment", VENDOR),
            ("pia", PIA),
        ] {
            let t = find(&templates, id).expect("template");
            parse_answers("demo", text, &t).expect("demo answers parse");
        }
    }
}
