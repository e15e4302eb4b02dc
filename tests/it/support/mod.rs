//! Shared test helpers: temporary vaults, a raw keyed connection for checks that must bypass core,
//! file fingerprints, the requests a door sends (`api`'s types, filled for a test), the CLI as a
//! process (`cli`) and the matters tests start from (`matter`).

use std::path::{Path, PathBuf};

use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, SignOff};
use dpodesk_core::{Passphrase, Vault};
use sha2::{Digest, Sha256};

mod cli;
mod matter;

pub use cli::{Dpodesk, TeamCli, dpodesk, dpodesk_bin, ok, refused, stderr, stdout, succeeded};
pub use matter::*;

pub const PASSPHRASE: &str = "correct horse battery staple";
pub const OTHER_PASSPHRASE: &str = "violet tugboat juggles seven lanterns";
pub const ACTOR: &str = "Test DPO";

pub fn pass(text: &str) -> Passphrase {
    Passphrase::new(text.to_owned())
}

/// A fresh temp folder and the path of a vault inside it (not yet created).
pub fn vault_path() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.dpvault");
    (dir, path)
}

pub fn create_vault(path: &Path) -> Vault {
    api::create_vault(path, &pass(PASSPHRASE), ACTOR).expect("create vault")
}

/// A connection that keys the file itself, for checks and tamperings that must go around core.
pub fn raw_connection(path: &Path, passphrase: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("open raw");
    conn.pragma_update(None, "cipher_log_level", "NONE")
        .expect("log level");
    conn.key(None::<&str>, passphrase.as_bytes(), false)
        .expect("key");
    conn
}

pub fn sha256_file(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).expect("read file")))
}

pub fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `needle` occurs anywhere in the bytes of `path` (a missing file holds nothing).
pub fn file_contains(path: &Path, needle: &str) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let needle = needle.as_bytes();
    bytes.windows(needle.len()).any(|window| window == needle)
}

/// The items of a CLI `--json` list (format 2: `{"format": 2, "items": [...]}`), checking the
/// format.
pub fn json_items(text: &str) -> serde_json::Value {
    let document: serde_json::Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(document["format"], 2, "{text}");
    document["items"].clone()
}

/// The CLI's arguments for signing off assessment `id` as Li Wang, DPO, with `decision`
/// (`approve` or `reject`), before any attestation.
pub fn signoff_args<'a>(id: &'a str, decision: &'a str) -> Vec<&'a str> {
    vec![
        "assess",
        "signoff",
        id,
        "--name",
        "Li Wang",
        "--role",
        "DPO",
        "--decision",
        decision,
    ]
}

/// The CLI's arguments for approving assessment `id` as Li Wang, DPO, with the four
/// attestations an approval needs (spelled here as the CLI's contract, not read from core).
pub fn approve_args(id: &str) -> Vec<&str> {
    let mut args = signoff_args(id, "approve");
    for attestation in ATTESTATION_WORDS {
        args.extend(["--attest", attestation]);
    }
    args
}

/// The client `id` (archived too), as a door reads it back.
pub fn client_info(vault: &Vault, id: &str) -> api::ClientInfo {
    api::clients(vault, true)
        .expect("clients")
        .into_iter()
        .find(|c| c.id == id)
        .expect("client")
}

/// The data source `id` (archived too), as a door reads it back.
pub fn data_source_info(vault: &Vault, id: &str) -> api::DataSourceInfo {
    api::data_sources(vault, None, true)
        .expect("data sources")
        .into_iter()
        .find(|s| s.id == id)
        .expect("data source")
}

/// The vendor `id` (archived too), as a door reads it back.
pub fn vendor_info(vault: &Vault, id: &str) -> api::VendorInfo {
    api::vendors(vault, None, None, true)
        .expect("vendors")
        .into_iter()
        .find(|v| v.id == id)
        .expect("vendor")
}

/// The edit form of client `id` filled with what it holds now: a door's update sends every
/// field, and the test changes the ones it edits.
pub fn client_edit(vault: &Vault, id: &str) -> api::UpdateClientRequest {
    let c = client_info(vault, id);
    api::UpdateClientRequest {
        id: c.id,
        name: c.name,
        matter: c.matter,
        contact: c.contact,
        notes: c.notes,
        version: None,
    }
}

/// The edit form of data source `id` filled with what it holds now.
pub fn data_source_edit(vault: &Vault, id: &str) -> api::UpdateDataSourceRequest {
    let s = data_source_info(vault, id);
    api::UpdateDataSourceRequest {
        id: s.id,
        name: s.name,
        channel: s.channel,
        platform: s.platform,
        notes: s.notes,
        version: None,
    }
}

/// The edit form of vendor `id` filled with what it holds now (no review date is blank).
pub fn vendor_edit(vault: &Vault, id: &str) -> api::UpdateVendorRequest {
    let v = vendor_info(vault, id);
    api::UpdateVendorRequest {
        id: v.id,
        name: v.name,
        country: v.country,
        service: v.service,
        contact: v.contact,
        next_review: v.next_review.unwrap_or_default(),
        notes: v.notes,
        version: None,
    }
}

/// A register entry's value as the door receives it, to compare two reads of one entry.
pub fn as_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("serializes")
}

/// Action `id` as a door lists it, without the assessment title and client name the list looks
/// up for display: the stored fields, to compare with [`action_fields`].
pub fn stored_action(vault: &Vault, id: &str) -> serde_json::Value {
    let info = api::actions(vault, None, None, "")
        .expect("actions")
        .into_iter()
        .find(|a| a.id == id)
        .expect("action");
    as_json(&api::ActionInfo {
        assessment_title: None,
        client_name: None,
        ..info
    })
}

/// What the door receives of `action` (its stored fields), to compare with [`stored_action`].
pub fn action_fields(action: &dpodesk_core::vault::Action) -> serde_json::Value {
    as_json(&api::ActionInfo::new(action.clone(), ""))
}

/// Saves `answers` as a door does, one `api::save_answer` each (the app saves answer by answer;
/// no door saves a whole set at once); returns how many changed what was stored.
pub fn save_answers(
    vault: &mut Vault,
    actor: &str,
    id: &str,
    answers: &dpodesk_core::assessment::Answers,
) -> dpodesk_core::Result<usize> {
    let law = dpodesk_core::law::LawRegister::bundled()?;
    let stored = api::read_assessment(&*vault, id)?.answers;
    let mut changed = 0;
    for (question, answer) in answers {
        if stored.get(question) != Some(answer) {
            changed += 1;
        }
        let request = api::SaveAnswerRequest {
            assessment_id: id.to_owned(),
            question_id: question.clone(),
            // A blank text is how the store keeps a cleared answer; a door clears with `None`.
            value: match answer {
                Answer::Text(text) if text.is_empty() => None,
                given => Some(api::AnswerValue::from(given)),
            },
            version: None,
        };
        api::save_answer(vault, &law, actor, &request)?;
    }
    Ok(changed)
}

/// A new assessment as the new-assessment form sends it, titled `title`, under no client and
/// about no subject yet; [`create_assessment`] names its template.
pub fn assessment_request(title: impl Into<String>) -> api::NewAssessmentRequest {
    api::NewAssessmentRequest {
        template_id: String::new(),
        title: title.into(),
        client_id: None,
        subject_id: None,
    }
}

/// Starts an assessment from `template` through `api::create_assessment`, as `request` asks.
pub fn create_assessment(
    vault: &mut Vault,
    actor: &str,
    template: &dpodesk_core::template::Template,
    request: api::NewAssessmentRequest,
) -> dpodesk_core::Result<api::AssessmentSummary> {
    let request = api::NewAssessmentRequest {
        template_id: template.id.clone(),
        ..request
    };
    api::create_assessment(vault, std::slice::from_ref(template), actor, &request)
}

/// The date the helpers below judge overdue actions on; no test here reads `overdue`.
const TODAY: &str = "2026-01-01";

/// A new action as the action form sends it, titled `title`, filed under nothing yet, with no
/// owner, due date or note.
pub fn action_request(title: impl Into<String>) -> api::NewActionRequest {
    api::NewActionRequest {
        assessment_id: None,
        client_id: None,
        finding_id: String::new(),
        title: title.into(),
        owner: String::new(),
        due_date: String::new(),
        note: String::new(),
        another: false,
    }
}

/// A change of action `id` that changes nothing yet: the test sets the fields it changes.
pub fn action_update(id: &str) -> api::UpdateActionRequest {
    api::UpdateActionRequest {
        id: id.to_owned(),
        status: None,
        title: None,
        owner: None,
        due_date: None,
        note: None,
        version: None,
    }
}

/// Adds an action through `api::add_action` (it starts open).
pub fn add_action(
    vault: &mut Vault,
    actor: &str,
    request: &api::NewActionRequest,
) -> dpodesk_core::Result<api::ActionInfo> {
    api::add_action(vault, actor, request, TODAY)
}

/// Changes an action through `api::update_action`.
pub fn update_action(
    vault: &mut Vault,
    actor: &str,
    request: &api::UpdateActionRequest,
) -> dpodesk_core::Result<api::ActionInfo> {
    api::update_action(vault, actor, request, TODAY)
}

/// What an approver attests to, all four, as the doors send them (spelled here as their
/// contract, not read from core).
const ATTESTATION_WORDS: [&str; 4] = [
    "processing_accurate",
    "risks_understood",
    "actions_endorsed",
    "implementation_committed",
];

/// The four attestations an approval needs, as the review screen sends them.
pub fn attestations() -> Vec<String> {
    ATTESTATION_WORDS.map(String::from).to_vec()
}

/// Signs off through `api::sign`, as the review screen sends it.
pub fn sign_off(
    vault: &mut Vault,
    actor: &str,
    request: &api::SignOffRequest,
) -> dpodesk_core::Result<SignOff> {
    api::sign(vault, actor, request).map(|(signed, _)| signed)
}
