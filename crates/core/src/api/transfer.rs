//! The route of a transfer assessment on the wire: each side that applies, its outcome as a
//! stable word and in words, its citations with their verification marks, the duties owed
//! whatever the route, and for an undetermined route the open questions. Built from
//! `crate::transfer`, which names the routes; `assess show` and the wizard view both carry it.

use super::*;
use crate::transfer::{self, Cited, Duty, EuRoute, PrcRoute};

/// One provision a route rests on.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RouteCitationView {
    pub key: String,
    /// As lawyers write it; the key itself when the register does not know it.
    pub article: Bilingual,
    /// `official`, `secondary` or `unverified` (shown as [verify]).
    pub status: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RouteDutyView {
    /// `recipient_notice`, `separate_consent`, `impact_assessment`,
    /// `transfer_impact_assessment`, `eu_representative`.
    pub kind: String,
    /// Whether the answers say it is met; absent while not answered.
    pub met: Option<bool>,
    pub text: Bilingual,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenFactView {
    pub question_id: String,
    pub text: Bilingual,
}

/// One side's route.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RouteSideView {
    /// PRC: `exempt`, `contract_or_certification`, `security_assessment`, `undetermined`;
    /// EU: `no_transfer`, `adequacy`, `scc`, `scc_not_available`, `derogation`, `undetermined`.
    pub route: String,
    /// The route in one sentence.
    pub text: Bilingual,
    /// PRC exemption grounds (`art5_4_below_threshold` …), security-assessment triggers
    /// (`ciio`, `important_data`, `people`, `sensitive_people`), EU no-transfer reason or
    /// derogations: the details behind `route`.
    pub grounds: Vec<String>,
    /// Why an exemption is "likely — verify" (`reach_of_art4`, `zone_list_in_force`).
    pub likely_verify: Option<String>,
    /// The SCC module (1–4) of an `scc` route.
    pub scc_module: Option<u8>,
    /// The transfer should not start or continue: EU, the transfer impact assessment finds the
    /// destination's law impinges with no working measure; PRC, the mechanism the route requires
    /// (security assessment, standard contract or certification) is answered as missing.
    pub should_not_proceed: bool,
    pub cite: Vec<RouteCitationView>,
    pub duties: Vec<RouteDutyView>,
    /// The questions still to answer, for an undetermined route.
    pub missing: Vec<OpenFactView>,
    /// EU: the day the destination's law and practice were last checked.
    pub laws_checked_on: Option<String>,
}

/// Both sides; a side is absent where its regime does not apply.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TransferRouteView {
    pub prc: Option<RouteSideView>,
    pub eu: Option<RouteSideView>,
}

fn citations(cite: &[Cited], law: &LawRegister) -> Vec<RouteCitationView> {
    cite.iter()
        .map(|c| {
            let provision = law.get(c.key);
            RouteCitationView {
                key: c.key.to_owned(),
                article: provision.map_or_else(
                    || Bilingual {
                        zh: c.key.to_owned(),
                        en: c.key.to_owned(),
                    },
                    |p| (&p.article).into(),
                ),
                status: match c.status {
                    Some(crate::law::Verification::Official) => "official",
                    Some(crate::law::Verification::Secondary) => "secondary",
                    _ => "unverified",
                }
                .to_owned(),
            }
        })
        .collect()
}

fn duties(duties: &[Duty]) -> Vec<RouteDutyView> {
    duties
        .iter()
        .map(|d| RouteDutyView {
            kind: d.kind.as_str().to_owned(),
            met: d.met,
            text: (&transfer::duty_text(d)).into(),
        })
        .collect()
}

fn open_facts(missing: &[&str], template: &Template) -> Vec<OpenFactView> {
    missing
        .iter()
        .map(|id| OpenFactView {
            question_id: (*id).to_owned(),
            text: template.question(id).map_or_else(
                || Bilingual {
                    zh: (*id).to_owned(),
                    en: (*id).to_owned(),
                },
                |q| (&q.text).into(),
            ),
        })
        .collect()
}

impl TransferRouteView {
    /// The routes of a transfer assessment; `None` for another instrument.
    pub fn build(template: &Template, answers: &Answers, law: &LawRegister) -> Option<Self> {
        let routes = transfer::routes(template, answers, law)?;
        let prc = routes.prc.map(|side| {
            let (grounds, likely_verify) = match &side.route {
                PrcRoute::Exempt {
                    grounds,
                    likely_verify,
                } => (
                    grounds.iter().map(|g| g.as_str().to_owned()).collect(),
                    likely_verify.map(|v| v.as_str().to_owned()),
                ),
                PrcRoute::SecurityAssessment { why } => {
                    (why.iter().map(|t| t.as_str().to_owned()).collect(), None)
                }
                _ => (Vec::new(), None),
            };
            RouteSideView {
                route: side.route.as_str().to_owned(),
                text: (&transfer::prc_side_text(&side)).into(),
                grounds,
                likely_verify,
                scc_module: None,
                should_not_proceed: side.should_not_proceed,
                cite: citations(&side.cite, law),
                duties: duties(&side.duties),
                missing: open_facts(side.route.missing(), template),
                laws_checked_on: None,
            }
        });
        let eu = routes.eu.map(|side| {
            let (grounds, scc_module, should_not_proceed) = match &side.route {
                EuRoute::NoTransfer { why } => (vec![why.as_str().to_owned()], None, false),
                EuRoute::Derogation { which } => (
                    which.iter().map(|d| d.as_str().to_owned()).collect(),
                    None,
                    false,
                ),
                EuRoute::Scc {
                    module,
                    should_not_proceed,
                } => (Vec::new(), Some(module.number()), *should_not_proceed),
                _ => (Vec::new(), None, false),
            };
            RouteSideView {
                route: side.route.as_str().to_owned(),
                text: (&transfer::eu_text(&side.route)).into(),
                grounds,
                likely_verify: None,
                scc_module,
                should_not_proceed,
                cite: citations(&side.cite, law),
                duties: duties(&side.duties),
                missing: open_facts(side.route.missing(), template),
                laws_checked_on: side.laws_checked_on.clone(),
            }
        });
        Some(TransferRouteView { prc, eu })
    }
}

/// A transfer assessment another assessment links to, as the link follows it: its latest signed
/// (approved) version, else its current version (a draft or one in review), and which of the two.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LinkedTransferView {
    /// The id that was linked (possibly an older version).
    pub linked_id: String,
    /// The version the link follows now.
    pub assessment_id: String,
    pub title: String,
    #[ts(type = "number")]
    pub version: i64,
    /// `signed`: the latest approved version; `current`: no version is approved yet, so the
    /// current one (not signed off) is shown.
    pub follows: String,
    pub route: TransferRouteView,
}

/// The transfer assessments `id` links to, each as its link follows it.
pub fn linked_transfers<R: Read>(store: &R, id: &str) -> crate::Result<Vec<LinkedTransferView>> {
    let links = crate::assessment::stored::linked_outcomes(store, id)?;
    let transfers: Vec<_> = links
        .iter()
        .filter(|l| l.kind == tpl::Kind::Transfer)
        .collect();
    if transfers.is_empty() {
        return Ok(Vec::new());
    }
    let law = LawRegister::bundled()?;
    let all = store.assessments()?;
    let mut out = Vec::new();
    for link in transfers {
        let Some((record, signed)) = transfer::follow(&all, &link.assessment_id) else {
            continue;
        };
        let follows = if signed { "signed" } else { "current" };
        let template = crate::assessment::stored::assessment_template(store, &record.id)?;
        let answers = crate::assessment::stored::answers(store, &record.id)?;
        if let Some(route) = TransferRouteView::build(&template, &answers, &law) {
            out.push(LinkedTransferView {
                linked_id: link.assessment_id.clone(),
                assessment_id: record.id.clone(),
                title: record.title.clone(),
                version: record.version,
                follows: follows.to_owned(),
                route,
            });
        }
    }
    Ok(out)
}
