//! A client's work at a glance, and the same across clients (the portfolio): one row per channel,
//! vendor and PIA with its current version's ratings, progress, actions, last sign-off, next
//! review and the next step. Everything a row says is decided here, so the screen only draws it.

use std::collections::HashMap;

use super::*;

/// What the row's button does next: start the first assessment, go on answering, sign off a
/// submitted one, or open a finished one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    Assess,
    Continue,
    Review,
    Open,
}

/// The current version of the row's assessment.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RowAssessment {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub status: Status,
    pub ratings: RatingsView,
    /// Required questions answered, of those shown: progress never counts optional questions.
    #[ts(type = "number")]
    pub required_answered: usize,
    #[ts(type = "number")]
    pub required_total: usize,
    pub updated_at: String,
}

/// The newest sign-off of any version of the row's assessment.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LastSignOff {
    pub decision: Decision,
    pub name: String,
    /// YYYY-MM-DD.
    pub date: String,
    #[ts(type = "number")]
    pub version: i64,
}

/// One channel, vendor or PIA.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OverviewRow {
    pub kind: Kind,
    /// The data source or vendor of the register; `None` for a PIA (and for an assessment
    /// filed under the client without a register entry).
    pub entry_id: Option<String>,
    pub client_id: String,
    pub client_name: String,
    /// The register entry's name, or the PIA's title.
    pub name: String,
    /// What the entry is: the channel type and platforms (by the template's labels), or the
    /// vendor's country and service.
    pub detail: Vec<Bilingual>,
    pub assessment: Option<RowAssessment>,
    #[ts(type = "number")]
    pub open_actions: usize,
    #[ts(type = "number")]
    pub overdue_actions: usize,
    pub last_sign_off: Option<LastSignOff>,
    /// YYYY-MM-DD: the vendor's review date, or the date a PIA names for its next review.
    pub next_review: Option<String>,
    pub next_step: NextStep,
}

/// A client's overview: its rows, channels first, then vendors, then PIAs.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ClientOverview {
    pub client: ClientInfo,
    pub rows: Vec<OverviewRow>,
}

/// One client's overview on `today` (YYYY-MM-DD, the door's date). Reads the stored summaries
/// of the assessments, after scoring and storing those still missing (`summaries::catch_up`).
pub fn client_overview<S: Store>(
    store: &mut S,
    law: &LawRegister,
    client_id: &str,
    today: &str,
) -> crate::Result<ClientOverview> {
    let client = store.client(client_id)?;
    super::summaries::catch_up(store)?;
    let rows = Rows::read(&*store, law, today)?.of_client(&client)?;
    Ok(ClientOverview {
        client: client.into(),
        rows,
    })
}

/// Every active client's rows, client by client in the register's order, from the stored
/// summaries as [`client_overview`].
pub fn portfolio<S: Store>(
    store: &mut S,
    law: &LawRegister,
    today: &str,
) -> crate::Result<Vec<OverviewRow>> {
    super::summaries::catch_up(store)?;
    let rows = Rows::read(&*store, law, today)?;
    let mut all = Vec::new();
    for client in store.clients(false)? {
        all.extend(rows.of_client(&client)?);
    }
    Ok(all)
}

/// What every row is built from, read once and indexed: a portfolio has thousands of rows.
struct Rows<'v, R: Read> {
    vault: &'v R,
    today: String,
    catalogue: ChannelCatalogue,
    records: Vec<vault::AssessmentRecord>,
    /// Client id → the indexes of its current versions.
    current: HashMap<String, Vec<usize>>,
    /// Assessment id → the record indexes of every version of its chain (itself included).
    chains: HashMap<String, Vec<usize>>,
    /// Assessment id → its pending actions.
    pending: HashMap<String, Vec<vault::Action>>,
    summaries: HashMap<String, assessment::Summary>,
    /// Assessment id → its newest sign-off (one query for all, not one per version).
    signed: HashMap<String, vault::LatestSignOff>,
}

impl<'v, R: Read> Rows<'v, R> {
    fn read(vault: &'v R, law: &LawRegister, today: &str) -> crate::Result<Rows<'v, R>> {
        let records = vault.assessments()?;
        let by_id: HashMap<String, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let versions = assessment::Versions::new(
            records
                .iter()
                .map(|r| (r.id.as_str(), r.previous_id.as_deref())),
        );
        let mut current: HashMap<String, Vec<usize>> = HashMap::new();
        let mut chains: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, record) in records.iter().enumerate() {
            if !versions.is_current(&record.id) {
                continue;
            }
            if let Some(client) = &record.client_id {
                current.entry(client.clone()).or_default().push(i);
            }
            let mut chain = vec![i];
            let mut at = i;
            while let Some(prev) = records[at].previous_id.as_ref().and_then(|p| by_id.get(p)) {
                // A cycle cannot be written, but a damaged file must not hang the screen.
                if chain.contains(prev) {
                    break;
                }
                chain.push(*prev);
                at = *prev;
            }
            chains.insert(record.id.clone(), chain);
        }
        let mut pending: HashMap<String, Vec<vault::Action>> = HashMap::new();
        for action in vault.actions(&vault::ActionFilter::default())? {
            if !action.status.is_pending() {
                continue;
            }
            if let Some(id) = action.assessment_id.clone() {
                pending.entry(id).or_default().push(action);
            }
        }
        Ok(Rows {
            vault,
            today: today.to_owned(),
            catalogue: ChannelCatalogue::of(load_library(vault, law)?.templates()),
            summaries: super::summaries::read(vault)?,
            signed: vault.latest_sign_offs()?,
            current,
            chains,
            pending,
            records,
        })
    }

    fn of_client(&self, client: &vault::Client) -> crate::Result<Vec<OverviewRow>> {
        let current: Vec<&vault::AssessmentRecord> = self
            .current
            .get(&client.id)
            .map(|ids| ids.iter().map(|&i| &self.records[i]).collect())
            .unwrap_or_default();
        let mut rows = Vec::new();
        let sources = self.vault.data_sources(&vault::DataSourceFilter {
            client_id: Some(client.id.clone()),
            include_archived: false,
        })?;
        for source in sources {
            let record = newest(&current, |r| {
                r.data_source_id.as_deref() == Some(&source.id)
            });
            let mut detail = vec![self.catalogue.channel_label(&source.channel)];
            detail.extend(self.catalogue.platform_labels(&source.platform));
            detail.retain(|d| !d.en.is_empty());
            rows.push(self.row(
                client,
                tpl::Kind::DataSource,
                Some(source.id),
                source.name,
                detail,
                record,
                None,
            )?);
        }
        let vendors = self.vault.vendors(&vault::VendorFilter {
            client_id: Some(client.id.clone()),
            ..vault::VendorFilter::default()
        })?;
        for vendor in vendors {
            let record = newest(&current, |r| r.vendor_id.as_deref() == Some(&vendor.id));
            let detail = [vendor.country, vendor.service]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| Bilingual {
                    zh: s.clone(),
                    en: s,
                })
                .collect();
            rows.push(self.row(
                client,
                tpl::Kind::Vendor,
                Some(vendor.id),
                vendor.name,
                detail,
                record,
                vendor.next_review,
            )?);
        }
        // Assessments without a register entry: every PIA, and any other filed directly.
        for record in current.iter().filter(|r| {
            r.kind == tpl::Kind::Pia || (r.data_source_id.is_none() && r.vendor_id.is_none())
        }) {
            let next_review = match record.kind {
                tpl::Kind::Pia => self.summary(&record.id)?.next_review,
                _ => None,
            };
            rows.push(self.row(
                client,
                record.kind,
                None,
                record.title.clone(),
                Vec::new(),
                Some(record),
                next_review,
            )?);
        }
        Ok(rows)
    }

    fn summary(&self, id: &str) -> crate::Result<assessment::Summary> {
        super::summaries::of(self.vault, &self.summaries, id)
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        client: &vault::Client,
        kind: tpl::Kind,
        entry_id: Option<String>,
        name: String,
        detail: Vec<Bilingual>,
        record: Option<&vault::AssessmentRecord>,
        next_review: Option<String>,
    ) -> crate::Result<OverviewRow> {
        let chain: &[usize] = record
            .and_then(|r| self.chains.get(&r.id))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let pending: Vec<&vault::Action> = chain
            .iter()
            .filter_map(|&i| self.pending.get(&self.records[i].id))
            .flatten()
            .collect();
        let mut last_sign_off: Option<LastSignOff> = None;
        let mut newest_at = "";
        for &i in chain {
            let version = &self.records[i];
            let Some(s) = self.signed.get(&version.id) else {
                continue;
            };
            // Newer versions come first in the chain: of equal times, the newer version's stays.
            if s.signed_at.as_str() > newest_at {
                newest_at = &s.signed_at;
                last_sign_off = Some(LastSignOff {
                    decision: match s.decision {
                        vault::Decision::Approve => Decision::Approve,
                        vault::Decision::Reject => Decision::Reject,
                    },
                    name: s.name.clone(),
                    date: s.signed_at.get(..10).unwrap_or_default().to_owned(),
                    version: version.version,
                });
            }
        }
        let assessment = match record {
            Some(r) => {
                let summary = self.summary(&r.id)?;
                // A table cell has room for the band and its certainty, not the points to
                // verify that the assessment itself lists.
                let badge = |rating| RatingBadge::with_certainty(rating, summary.certainty);
                Some(RowAssessment {
                    id: r.id.clone(),
                    version: r.version,
                    status: r.status.into(),
                    ratings: RatingsView {
                        eu: summary.ratings.eu.map(badge),
                        prc: summary.ratings.prc.map(badge),
                        overall: badge(summary.ratings.overall),
                    },
                    required_answered: summary.required_answered(),
                    required_total: summary.required_shown,
                    updated_at: r.updated_at.clone(),
                })
            }
            None => None,
        };
        let next_step = match record.map(|r| r.status) {
            None => NextStep::Assess,
            Some(vault::Status::Draft) => NextStep::Continue,
            Some(vault::Status::InReview) => NextStep::Review,
            Some(vault::Status::Approved | vault::Status::Rejected) => NextStep::Open,
        };
        Ok(OverviewRow {
            kind: kind.into(),
            entry_id,
            client_id: client.id.clone(),
            client_name: client.name.clone(),
            name,
            detail,
            assessment,
            open_actions: pending.len(),
            overdue_actions: pending.iter().filter(|a| a.is_overdue(&self.today)).count(),
            last_sign_off,
            next_review,
            next_step,
        })
    }
}

/// The most recently updated of the client's current assessments that match (a channel can
/// have been assessed twice from scratch; the newer one is the one at work).
fn newest<'a>(
    current: &[&'a vault::AssessmentRecord],
    matches: impl Fn(&vault::AssessmentRecord) -> bool,
) -> Option<&'a vault::AssessmentRecord> {
    current
        .iter()
        .copied()
        .filter(|r| matches(r))
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
}
