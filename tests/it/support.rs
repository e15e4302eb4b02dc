//! Shared test helpers: temporary vaults, a raw keyed connection for checks that must bypass core,
//! and file fingerprints.

use std::path::{Path, PathBuf};

use dpodesk_core::{Passphrase, Vault};
use sha2::{Digest, Sha256};

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
    Vault::create(path, &pass(PASSPHRASE), ACTOR).expect("create vault")
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
    for attestation in [
        "processing_accurate",
        "risks_understood",
        "actions_endorsed",
        "implementation_committed",
    ] {
        args.extend(["--attest", attestation]);
    }
    args
}
