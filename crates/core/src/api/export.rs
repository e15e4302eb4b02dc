//! Wire types of spreadsheet exports: which register or assessment, in which format. The table,
//! its headers in the user's language and the audit entry are core's (`crate::export`).

use super::*;
use crate::export::{ExportFormat, ExportSubject};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    DataSources,
    Vendors,
    Actions,
    Answers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

/// An export to save: a register (all, or one client's) or one assessment's answers and findings.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportRequest {
    pub kind: ExportKind,
    pub client_id: Option<String>,
    pub assessment_id: Option<String>,
    pub format: SheetFormat,
}

/// Where an export was written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportSaved {
    pub file_name: String,
    #[ts(type = "number")]
    pub rows: usize,
    /// The audit chain head after the export was recorded, to note down outside the vault.
    #[ts(type = "number")]
    pub audit_entries: u64,
    pub audit_head: String,
}

impl ExportRequest {
    /// What core exports; an answers export without an assessment is refused.
    pub fn subject(&self) -> crate::Result<ExportSubject> {
        Ok(match self.kind {
            ExportKind::DataSources => ExportSubject::DataSources {
                client: self.client_id.clone(),
                include_archived: false,
            },
            ExportKind::Vendors => ExportSubject::Vendors {
                client: self.client_id.clone(),
                include_archived: false,
            },
            ExportKind::Actions => ExportSubject::Actions {
                client: self.client_id.clone(),
            },
            ExportKind::Answers => ExportSubject::Answers {
                assessment: self.assessment_id.clone().ok_or(Error::InvalidInput {
                    field: "assessment",
                    reason: Invalid::Empty,
                })?,
            },
        })
    }

    pub fn format(&self) -> ExportFormat {
        match self.format {
            SheetFormat::Csv => ExportFormat::Csv,
            SheetFormat::Xlsx => ExportFormat::Xlsx,
        }
    }

    /// A file name to offer in the save dialog, e.g. `actions-2026-11-25.xlsx`.
    pub fn suggested_file_name(&self, date: &str) -> String {
        let stem = match self.kind {
            ExportKind::DataSources => "data-sources",
            ExportKind::Vendors => "vendors",
            ExportKind::Actions => "actions",
            ExportKind::Answers => "answers",
        };
        format!("{stem}-{date}.{}", self.format().as_str())
    }
}
