//! Wire types: the only types that cross IPC to the UI. Domain types stay free of IPC concerns; the
//! doors convert with the `From` impls here. TypeScript declarations are generated from these types
//! (ts-rs) into `ui/src/ipc/bindings.ts`; a test fails when the committed file drifts.
//!
//! One module per area (session, registers, assessments, review, actions, reports, law), all
//! re-exported here, so doors write `api::AssessmentView` and never see the split.

// `testing` writes an action through it as the store takes it.
pub(crate) mod action_writes;
mod actions;
mod assessing;
mod assessments;
mod audit;
mod channels;
mod comments;
mod dashboard;
mod diff;
mod erasure;
mod evidence;
mod exchange;
mod export;
mod findings;
mod group;
mod kinds;
mod law;
mod lifecycle;
mod links;
mod overview;
mod profile;
mod questions;
mod ratings;
mod registers;
mod reports;
mod retention;
mod review;
mod risk_map;
#[cfg(test)]
mod scope_tests;
mod search;
mod search_index;
mod session;
mod settings;
mod show_json;
mod signing;
pub(crate) mod summaries;
/// Team mode's administration (`dpodesk --team … team …`).
pub mod team;
mod team_session;
mod templates;
mod transfer;
mod vault_file;
mod vendor;

// What the area modules share; each takes it with `use super::*`.
use crate::assessment::{self, Answers, Cell, Outcome, check_answer, shown_question_ids};
use crate::error::{AnswerIssue, AnswerProblem, Error, ErrorKind, Invalid};
use crate::i18n::{Lang, Text};
use crate::law::LawRegister;
use crate::report::ReportLang;
use crate::template::{self as tpl, Template};
// The doors name the store only as a bound (`fn x<S: api::Store>`), to run one command on the vault or
// the team database.
pub use crate::vault::store::{Read, Store};
use crate::vault::{self, Guessable, VaultCheck, WeakReason};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

pub use actions::*;
pub use assessing::*;
pub use assessments::*;
pub use audit::*;
pub use channels::*;
pub use comments::*;
pub use dashboard::*;
pub use diff::*;
pub use erasure::*;
pub use evidence::*;
pub use exchange::*;
pub use export::*;
pub use findings::*;
pub use group::*;
pub use kinds::*;
pub use law::*;
pub use links::{LinkOption, link_options};
pub use overview::*;
pub use questions::*;
pub use ratings::*;
pub use registers::*;
pub use reports::*;
pub use retention::*;
pub use review::*;
pub use risk_map::*;
pub use search::*;
pub use search_index::*;
pub use session::*;
pub use settings::*;
pub use show_json::*;
pub use team_session::*;
pub use templates::*;
pub use transfer::*;
pub use vault_file::*;
pub use vendor::*;

/// The TypeScript declarations of every wire type, in one file's text.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::default();
    let mut out = String::from(
        "// Generated from crates/core/src/api/ by `cargo xtask bindings`; do not edit.\n\n",
    );
    for decl in [
        ErrorKind::decl(&cfg),
        ApiError::decl(&cfg),
        Lang::decl(&cfg),
        Guessable::decl(&cfg),
        WeakReason::decl(&cfg),
        Startup::decl(&cfg),
        PassphraseVerdict::decl(&cfg),
        LastTeam::decl(&cfg),
        TeamConnectRequest::decl(&cfg),
        TeamRole::decl(&cfg),
        TeamMember::decl(&cfg),
        DisplayNameRequest::decl(&cfg),
        VaultInfo::decl(&cfg),
        UnlockRequest::decl(&cfg),
        Bilingual::decl(&cfg),
        ClientInfo::decl(&cfg),
        NewClientRequest::decl(&cfg),
        DataSourceInfo::decl(&cfg),
        NewDataSourceRequest::decl(&cfg),
        VendorInfo::decl(&cfg),
        NewVendorRequest::decl(&cfg),
        Kind::decl(&cfg),
        Status::decl(&cfg),
        Rating::decl(&cfg),
        Certainty::decl(&cfg),
        RatingBadge::decl(&cfg),
        Severity::decl(&cfg),
        Regime::decl(&cfg),
        QuestionKind::decl(&cfg),
        TemplateInfo::decl(&cfg),
        AssessmentSummary::decl(&cfg),
        NewAssessmentRequest::decl(&cfg),
        AnswerValue::decl(&cfg),
        CellValue::decl(&cfg),
        SaveAnswerRequest::decl(&cfg),
        ChoiceView::decl(&cfg),
        QuestionView::decl(&cfg),
        SectionView::decl(&cfg),
        FindingView::decl(&cfg),
        OpenPointView::decl(&cfg),
        StandingView::decl(&cfg),
        RatingsView::decl(&cfg),
        OutcomeView::decl(&cfg),
        Decision::decl(&cfg),
        AttestationView::decl(&cfg),
        SignOffView::decl(&cfg),
        ReviewView::decl(&cfg),
        AssessmentView::decl(&cfg),
        SignOffRequest::decl(&cfg),
        ActionStatus::decl(&cfg),
        ActionStatusOption::decl(&cfg),
        ActionInfo::decl(&cfg),
        NewActionRequest::decl(&cfg),
        UpdateActionRequest::decl(&cfg),
        ReportLanguage::decl(&cfg),
        ReportKind::decl(&cfg),
        ReportFileFormat::decl(&cfg),
        ReportInfo::decl(&cfg),
        ReportRequest::decl(&cfg),
        ReportSaved::decl(&cfg),
        DifferenceView::decl(&cfg),
        ProvisionView::decl(&cfg),
        UpdateClientRequest::decl(&cfg),
        UpdateDataSourceRequest::decl(&cfg),
        UpdateVendorRequest::decl(&cfg),
        RegisterKind::decl(&cfg),
        StatusCounts::decl(&cfg),
        VendorReviewDue::decl(&cfg),
        RetentionDue::decl(&cfg),
        DashboardView::decl(&cfg),
        SeverityCounts::decl(&cfg),
        FindingGroupView::decl(&cfg),
        FindingsSummary::decl(&cfg),
        ChannelCatalogue::decl(&cfg),
        NextStep::decl(&cfg),
        RowAssessment::decl(&cfg),
        LastSignOff::decl(&cfg),
        OverviewRow::decl(&cfg),
        ClientOverview::decl(&cfg),
        ProfileView::decl(&cfg),
        StorageView::decl(&cfg),
        SettingsView::decl(&cfg),
        ChangePassphraseRequest::decl(&cfg),
        AuditCheckView::decl(&cfg),
        AuditChainView::decl(&cfg),
        BackupView::decl(&cfg),
        RestoreView::decl(&cfg),
        SessionStatus::decl(&cfg),
        ExportKind::decl(&cfg),
        SheetFormat::decl(&cfg),
        ExportRequest::decl(&cfg),
        ExportSaved::decl(&cfg),
        // wizard: risks, heat map, evidence, diff
        ColumnView::decl(&cfg),
        CatalogueEntryView::decl(&cfg),
        Tier::decl(&cfg),
        TierBadge::decl(&cfg),
        ClauseStatus::decl(&cfg),
        ClauseView::decl(&cfg),
        CoverageView::decl(&cfg),
        RiskLevel::decl(&cfg),
        RiskLevelView::decl(&cfg),
        RiskPointView::decl(&cfg),
        RiskView::decl(&cfg),
        RiskMapView::decl(&cfg),
        EvidenceInfo::decl(&cfg),
        CommentInfo::decl(&cfg),
        CommentThread::decl(&cfg),
        AnswerChangeView::decl(&cfg),
        FindingChangeView::decl(&cfg),
        VersionDiffView::decl(&cfg),
        SearchHitKind::decl(&cfg),
        SearchHitView::decl(&cfg),
        // template library: custom folder, import, export
        TemplateOrigin::decl(&cfg),
        TemplateEntryView::decl(&cfg),
        TemplateProblemKind::decl(&cfg),
        TemplateProblemView::decl(&cfg),
        TemplateLibraryView::decl(&cfg),
        TemplateImportView::decl(&cfg),
        TemplateExportRequest::decl(&cfg),
        // erasure
        ErasureView::decl(&cfg),
        // retention: keep-until dates and what is past them
        KeptKind::decl(&cfg),
        KeepUntilView::decl(&cfg),
        ErasureDue::decl(&cfg),
        // transfers: the route of a transfer assessment
        RouteCitationView::decl(&cfg),
        RouteDutyView::decl(&cfg),
        OpenFactView::decl(&cfg),
        RouteSideView::decl(&cfg),
        TransferRouteView::decl(&cfg),
        LinkedTransferView::decl(&cfg),
        LinkOption::decl(&cfg),
    ] {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// What the API's unit tests share: a fresh vault holding one new assessment.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::Passphrase;

    /// A temporary vault with one assessment of the bundled template `template_id`, its id, and
    /// the law register.
    pub fn one_assessment(
        template_id: &str,
        title: &str,
    ) -> (tempfile::TempDir, Vault, LawRegister, String) {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = Passphrase::new("correct horse battery staple".to_owned());
        let mut vault =
            Vault::create(&dir.path().join("v.dpvault"), &passphrase, "t").expect("vault");
        let law = LawRegister::bundled().expect("law");
        let templates = tpl::bundled(&law).expect("templates");
        let request = NewAssessmentRequest {
            template_id: template_id.into(),
            title: title.into(),
            client_id: None,
            subject_id: None,
        };
        let id = create_assessment(&mut vault, &templates, "t", &request)
            .expect("created")
            .id;
        (dir, vault, law, id)
    }
}

#[cfg(test)]
mod action_tests;
#[cfg(test)]
mod tests;
