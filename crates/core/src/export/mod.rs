//! Spreadsheet exports: the registers (data sources, vendors with their review dates, actions) and
//! one assessment's answers and findings, as CSV or XLSX, with Chinese or English headers.
//!
//! One table builder (`tables`) reads the vault into a [`Table`] — headers in the reader's
//! language, typed cells — and two writers draw it (`csv`, `xlsx`), so both formats always hold
//! the same rows. An export takes personal data out of the vault by the user's choice, so
//! [`export`] records it in the audit log (what, which format and language, how many rows; never
//! a value) before handing the bytes back; nothing is written to disk here.

mod csv;
mod tables;
mod xlsx;

use crate::error::Result;
use crate::i18n::Lang;
use crate::id::new_id;
use crate::vault::AuditEvent;
use crate::vault::store::{Read, Store};

pub use self::csv::to_csv;
pub use self::xlsx::to_xlsx;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// `YYYY-MM-DD`: a date cell in XLSX.
    Date(String),
    /// RFC 3339 UTC (`2025-07-20T09:30:00.000Z`): a date-and-time cell in XLSX.
    DateTime(String),
}

impl Value {
    /// The cell as CSV text: dates as written, so they read back unchanged.
    pub fn as_text(&self) -> &str {
        match self {
            Value::Text(t) | Value::Date(t) | Value::DateTime(t) => t,
        }
    }
}

/// A column: its header in the export's language and its width in XLSX (characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub width: f64,
}

/// What an export holds: a named sheet of typed rows under worded headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The XLSX sheet name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn headers(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.header.as_str()).collect()
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportSubject {
    /// The data-source register, or one client's (by name or id).
    DataSources {
        client: Option<String>,
        include_archived: bool,
    },
    /// The vendor register with next review dates, or one client's.
    Vendors {
        client: Option<String>,
        include_archived: bool,
    },
    /// The action register, or one client's (its own and its assessments' actions).
    Actions { client: Option<String> },
    /// One assessment: each shown question with its answer, then each finding.
    Answers { assessment: String },
}

impl ExportSubject {
    /// As the audit log names it.
    pub fn as_str(&self) -> &'static str {
        match self {
            ExportSubject::DataSources { .. } => "data_sources",
            ExportSubject::Vendors { .. } => "vendors",
            ExportSubject::Actions { .. } => "actions",
            ExportSubject::Answers { .. } => "answers",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// The file extension, also the audit log's word.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// An export drawn and recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub rows: usize,
    pub format: ExportFormat,
    /// The audit chain head after the export's own entry: shown to the user, who keeps it as an
    /// anchor outside the vault (a CSV has nowhere to print it).
    pub audit: crate::vault::AuditHead,
}

/// Reads what `subject` names from the vault into a table worded in `lang`.
pub fn table<R: Read>(store: &R, subject: &ExportSubject, lang: Lang) -> Result<Table> {
    match subject {
        ExportSubject::DataSources {
            client,
            include_archived,
        } => tables::data_sources(store, client.as_deref(), *include_archived, lang),
        ExportSubject::Vendors {
            client,
            include_archived,
        } => tables::vendors(store, client.as_deref(), *include_archived, lang),
        ExportSubject::Actions { client } => tables::actions(store, client.as_deref(), lang),
        ExportSubject::Answers { assessment } => tables::answers(store, assessment, lang),
    }
}

/// Builds the table, draws it in `format` (an XLSX is dated `date`, `YYYY-MM-DD`: the door's
/// clock) and records the export in the audit log; the bytes come back only once recorded.
pub fn export<S: Store>(
    store: &mut S,
    actor: &str,
    subject: &ExportSubject,
    format: ExportFormat,
    lang: Lang,
    date: &str,
) -> Result<Exported> {
    let table = table(store, subject, lang)?;
    let bytes = match format {
        ExportFormat::Csv => to_csv(&table)?,
        ExportFormat::Xlsx => to_xlsx(&table, date)?,
    };
    // The client the table is about, whose audit chain's head the export carries.
    let (scope, client_id) = match subject {
        ExportSubject::DataSources { client, .. }
        | ExportSubject::Vendors { client, .. }
        | ExportSubject::Actions { client } => match client {
            Some(c) => {
                let id = crate::vault::resolve_client(&*store, c)?.id;
                (format!("client {id}"), Some(id))
            }
            None => ("all clients".to_owned(), None),
        },
        ExportSubject::Answers { assessment } => (
            format!("assessment {assessment}"),
            store.assessment_client(assessment)?,
        ),
    };
    // A store that cannot give that head (the team database's firm chain) refuses before the
    // export is recorded, not after.
    store.audit_head_of(client_id.as_deref())?;
    let id = new_id();
    let lang_code = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    crate::vault::record_leaving(
        store,
        AuditEvent {
            actor,
            action: "export.created",
            entity_type: "export",
            entity_id: &id,
            summary: &format!(
                "{} of {scope} as {} ({lang_code}), {} rows",
                subject.as_str(),
                format.as_str(),
                table.rows.len()
            ),
        },
    )?;
    Ok(Exported {
        bytes,
        rows: table.rows.len(),
        format,
        audit: store.audit_head_of(client_id.as_deref())?,
    })
}
