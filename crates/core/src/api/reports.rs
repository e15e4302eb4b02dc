//! Wire types: reports.

use super::*;

/// The language(s) of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportLanguage {
    Zh,
    En,
    Bi,
}

impl From<ReportLanguage> for ReportLang {
    fn from(l: ReportLanguage) -> ReportLang {
        match l {
            ReportLanguage::Zh => ReportLang::Zh,
            ReportLanguage::En => ReportLang::En,
            ReportLanguage::Bi => ReportLang::Bi,
        }
    }
}

/// The file a report is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFileFormat {
    Pdf,
    Docx,
}

impl From<ReportFileFormat> for crate::report::ReportFormat {
    fn from(f: ReportFileFormat) -> crate::report::ReportFormat {
        match f {
            ReportFileFormat::Pdf => crate::report::ReportFormat::Pdf,
            ReportFileFormat::Docx => crate::report::ReportFormat::Docx,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Memo,
    Vendor,
    Pia,
    Transfer,
}

/// A report kept in the vault (its bytes stay there; the UI sees what it is).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportInfo {
    pub id: String,
    pub kind: ReportKind,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub lang: ReportLanguage,
    /// Always present (`pdf` for reports kept before DOCX existed); optional on the wire only so
    /// that UI code written before it keeps compiling.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub format: Option<ReportFileFormat>,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    pub generated_by: String,
    pub generated_at: String,
}

impl From<vault::ReportRecord> for ReportInfo {
    fn from(r: vault::ReportRecord) -> ReportInfo {
        ReportInfo {
            kind: match r.kind.as_str() {
                "pia" => ReportKind::Pia,
                "vendor" => ReportKind::Vendor,
                "transfer" => ReportKind::Transfer,
                _ => ReportKind::Memo,
            },
            lang: match r.lang.as_str() {
                "zh" => ReportLanguage::Zh,
                "en" => ReportLanguage::En,
                _ => ReportLanguage::Bi,
            },
            format: Some(match r.format.as_str() {
                "docx" => ReportFileFormat::Docx,
                _ => ReportFileFormat::Pdf,
            }),
            id: r.id,
            assessment_id: r.assessment_id,
            client_id: r.client_id,
            sha256: r.sha256,
            size: r.size,
            generated_by: r.generated_by,
            generated_at: r.generated_at,
        }
    }
}

/// Which report to generate: one assessment's, or (with only `client_id`) the client memo over
/// the client's current data-source assessments.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportRequest {
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub lang: ReportLanguage,
    /// PDF when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub format: Option<ReportFileFormat>,
}

impl ReportRequest {
    fn format(&self) -> crate::report::ReportFormat {
        self.format.map(Into::into).unwrap_or_default()
    }
}

/// A report generated, recorded in the vault and saved where the user chose. The webview is told
/// the file's name, never asked for a path.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportSaved {
    pub report: ReportInfo,
    pub file_name: String,
    #[ts(type = "number")]
    pub pages: usize,
    /// Characters the font could not draw (each printed as a visible [?]).
    pub missing: Vec<String>,
}

/// Builds, draws and records the report a request names, dated `date` (the door's clock).
pub fn generate_report<S: Store>(
    store: &mut S,
    actor: &str,
    request: &ReportRequest,
    date: &str,
) -> crate::Result<crate::report::GeneratedReport> {
    let drawn = draw_report(store, actor, request, date)?;
    keep_report(store, actor, drawn)
}

/// Builds and draws the report a request names without keeping it: a door draws it while the
/// user chooses where to save it, then keeps it ([`keep_report`]) or, when they cancel, drops it.
pub fn draw_report<R: Read>(
    store: &R,
    actor: &str,
    request: &ReportRequest,
    date: &str,
) -> crate::Result<crate::report::DrawnReport> {
    fn given(id: &Option<String>) -> Option<&str> {
        id.as_deref().map(str::trim).filter(|id| !id.is_empty())
    }
    let lang = request.lang.into();
    let format = request.format();
    match (given(&request.assessment_id), given(&request.client_id)) {
        (Some(id), _) => crate::report::draw_report(store, actor, id, lang, format, date),
        (None, Some(client)) => crate::report::draw_memo(store, actor, client, lang, format, date),
        (None, None) => Err(Error::InvalidInput {
            field: "client",
            reason: Invalid::NoSubject,
        }),
    }
}

/// Records a report drawn by [`draw_report`] in the vault with its audit entry.
pub fn keep_report<S: Store>(
    store: &mut S,
    actor: &str,
    drawn: crate::report::DrawnReport,
) -> crate::Result<crate::report::GeneratedReport> {
    crate::report::keep(store, actor, drawn)
}

/// The file name the save dialog suggests: the assessment's title (or the client's name for the
/// memo), the kind and the language, with characters no file system accepts replaced, and the
/// format's extension.
pub fn suggested_file_name<R: Read>(store: &R, request: &ReportRequest) -> crate::Result<String> {
    let lang = ReportLang::from(request.lang).as_str();
    let stem = match (&request.assessment_id, &request.client_id) {
        (Some(id), _) if !id.trim().is_empty() => {
            let record = store.assessment(id)?;
            let kind = crate::report::kind_for(record.kind).as_str();
            format!("{}-{kind}-{lang}", record.title)
        }
        (_, Some(client)) => format!("{}-memo-{lang}", store.client(client)?.name),
        _ => format!("report-{lang}"),
    };
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('.');
    Ok(format!(
        "{}.{}",
        if clean.is_empty() { "report" } else { clean },
        request.format().as_str()
    ))
}

/// The reports kept for one assessment, or a client's memos (those filed under the client and no
/// single assessment), newest first.
pub fn reports<R: Read>(
    store: &R,
    assessment_id: Option<&str>,
    client_id: Option<&str>,
) -> crate::Result<Vec<ReportInfo>> {
    Ok(store
        .reports()?
        .into_iter()
        .filter(|r| match (assessment_id, client_id) {
            (Some(a), _) => r.assessment_id.as_deref() == Some(a),
            (None, Some(c)) => r.assessment_id.is_none() && r.client_id.as_deref() == Some(c),
            (None, None) => true,
        })
        .map(Into::into)
        .collect())
}

/// A kept report's exact bytes, with what it is and the file name to suggest for saving it again;
/// `None` when the vault holds no report with this id.
pub fn report_copy<R: Read>(
    store: &R,
    id: &str,
) -> crate::Result<Option<(ReportInfo, String, Vec<u8>)>> {
    let Some(info) = reports(store, None, None)?.into_iter().find(|r| r.id == id) else {
        return Ok(None);
    };
    let request = ReportRequest {
        assessment_id: info.assessment_id.clone(),
        client_id: info.client_id.clone(),
        lang: info.lang,
        format: info.format,
    };
    let suggested = suggested_file_name(store, &request)?;
    Ok(store
        .report_content(id)?
        .map(|bytes| (info, suggested, bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{NewAssessment, NewClient, Passphrase};

    /// A vault with one client and its data-source assessment (`List`), and that assessment's id.
    fn vault_with_one_assessment(dir: &std::path::Path) -> (Vault, String) {
        let passphrase = Passphrase::new("correct horse battery staple".to_owned());
        let mut vault = Vault::create(&dir.join("v.dpvault"), &passphrase, "t").expect("vault");
        let law = LawRegister::bundled().expect("law");
        let template = tpl::bundled(&law)
            .expect("templates")
            .into_iter()
            .find(|t| t.id == "data-source")
            .expect("template");
        let client = vault
            .add_client(
                "t",
                &NewClient {
                    name: "Acme".into(),
                    ..NewClient::default()
                },
            )
            .expect("client");
        let created = vault
            .create_assessment(
                "t",
                &template,
                NewAssessment {
                    title: "List".into(),
                    client_id: Some(client.id),
                    ..NewAssessment::default()
                },
            )
            .expect("assessment");
        (vault, created.id)
    }

    /// The app draws while its save dialog is open: drawing records nothing (a cancelled dialog
    /// leaves no report and no audit entry); keeping records the very bytes drawn.
    #[test]
    fn a_drawn_report_is_kept_only_when_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut vault, id) = vault_with_one_assessment(dir.path());
        let request = ReportRequest {
            assessment_id: Some(id.clone()),
            client_id: None,
            lang: ReportLanguage::Bi,
            format: None,
        };
        let entries = vault.audit_entries().expect("count");
        let drawn = draw_report(&vault, "t", &request, "2026-01-01").expect("drawn");
        assert!(reports(&vault, Some(&id), None).expect("none").is_empty());
        assert_eq!(vault.audit_entries().expect("count"), entries);
        let kept = keep_report(&mut vault, "t", drawn.clone()).expect("kept");
        assert!(kept.bytes.starts_with(b"%PDF-"));
        assert!(kept.pages > 0);
        let listed = reports(&vault, Some(&id), None).expect("listed");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].sha256, kept.record.sha256);
        assert_eq!(vault.audit_entries().expect("count"), entries + 1);
        let (_, _, bytes) = report_copy(&vault, &listed[0].id)
            .expect("copy")
            .expect("kept");
        assert_eq!(bytes, kept.bytes);
    }

    #[test]
    fn a_docx_request_is_drawn_kept_and_saved_again_as_docx() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut vault, id) = vault_with_one_assessment(dir.path());
        let request = ReportRequest {
            assessment_id: Some(id.clone()),
            client_id: None,
            lang: ReportLanguage::En,
            format: Some(ReportFileFormat::Docx),
        };
        assert_eq!(
            suggested_file_name(&vault, &request).expect("name"),
            "List-memo-en.docx"
        );
        let generated = generate_report(&mut vault, "t", &request, "2026-01-01").expect("docx");
        assert!(generated.bytes.starts_with(b"PK\x03\x04"), "a zip package");
        let kept = reports(&vault, Some(&id), None).expect("kept");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].format, Some(ReportFileFormat::Docx));
        let (_, name, bytes) = report_copy(&vault, &kept[0].id)
            .expect("copy")
            .expect("kept");
        assert_eq!(name, "List-memo-en.docx");
        assert_eq!(bytes, generated.bytes);
    }
}
