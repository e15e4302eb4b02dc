//! [`export`]: one client's matter into a new `.dpodesk` file. The file is written
//! under a temporary name beside the target (ciphertext only) and linked into place once complete
//! and synced, so the target either does not exist or holds a whole bundle; an existing file is
//! never overwritten.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::ExportInfo;
use super::contents::{Head, Manifest, chain_head};
use super::crypto::{BundleKey, SealWriter, random};
use super::format::{self, FORMAT_VERSION, Header, KdfParams};
use crate::error::{Error, Result};
use crate::vault::bundle_store::Collected;
use crate::vault::store::Store;
use crate::vault::{AuditEvent, AuditHead, Passphrase, SCHEMA_VERSION, resolve_client};

/// Writes the matter of `client` (its name or id) to the new file `out`, encrypted under
/// `passphrase`, which must pass the same strength rule as a vault's. The store's audit chain
/// must verify first; the export itself is recorded in it afterwards. A store that cannot hand
/// out a matter in the bundle's form refuses before any file is made. On a team database the
/// chain verified and reported is the client's own.
pub fn export<S: Store>(
    store: &mut S,
    actor: &str,
    client: &str,
    out: &Path,
    passphrase: &Passphrase,
    kdf: KdfParams,
) -> Result<ExportInfo> {
    passphrase.strength().map_err(Error::WeakPassphrase)?;
    if out.symlink_metadata().is_ok() {
        return Err(Error::VaultExists(out.to_path_buf()));
    }
    let client = resolve_client(&*store, client)?;
    let reader: &S = store;
    let temp = temp_beside(out)?;
    let written = reader
        .read_matter(&client.id, |collected, blob| {
            // Inside the store's read of the matter: the chain verified is the one exported.
            let source = reader.verify_audit_of(&client.id)?;
            let salt = random::<16>()?;
            let key = BundleKey::derive(passphrase.as_bytes(), &kdf, &salt)?;
            let header = Header {
                version: FORMAT_VERSION,
                kdf,
                salt,
                nonce: random::<7>()?,
                key_check: key.check(),
            };
            let manifest = Manifest {
                format: u32::from(FORMAT_VERSION),
                schema: SCHEMA_VERSION,
                bundle_id: crate::id::new_id(),
                exported_by: actor.to_owned(),
                exported_at: crate::time::now(),
                client_id: client.id.clone(),
                source_head: Head {
                    count: source.count,
                    hash: source.head_hash.clone(),
                },
                chain: Head {
                    count: 0,
                    hash: String::new(),
                },
                tables: Vec::new(),
                audit: Vec::new(),
            };
            write_bundle(&temp, &key, &header, manifest, collected, blob)
                .map_err(|e| e.instead_of(&temp, out))
        })
        .and_then(|summary| {
            // Link, not rename: linking fails if `out` appeared meanwhile, so nothing is
            // overwritten, and the name appears only once the file is complete and synced.
            std::fs::hard_link(&temp, out).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::VaultExists(out.to_path_buf())
                } else {
                    Error::io(out, e)
                }
            })?;
            sync_dir(out);
            Ok(summary)
        });
    let _ = std::fs::remove_file(&temp);
    let summary = written?;
    let size = std::fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
    let chain = AuditHead {
        count: summary.chain.count,
        head_hash: summary.chain.hash.clone(),
    };
    crate::vault::record_leaving(
        store,
        AuditEvent {
            actor,
            action: "bundle.exported",
            entity_type: "client",
            entity_id: &client.id,
            summary: &format!(
                "bundle {}: {} rows, {} audit entries, chain head {}",
                summary.bundle_id, summary.rows, chain.count, chain.head_hash
            ),
        },
    )?;
    let vault_head = store.audit_head_of(Some(&client.id))?;
    Ok(ExportInfo {
        path: out.to_path_buf(),
        size,
        bundle_id: summary.bundle_id,
        client_id: client.id,
        rows: summary.rows,
        evidence: summary.evidence,
        reports: summary.reports,
        chain,
        vault_head,
    })
}

struct Written {
    bundle_id: String,
    chain: Head,
    rows: u64,
    evidence: u64,
    reports: u64,
}

/// Writes header, manifest, blobs and end frame of the matter the store read through the
/// sealing writer into `temp`, then syncs it.
fn write_bundle(
    temp: &Path,
    key: &BundleKey,
    header: &Header,
    mut manifest: Manifest,
    collected: Collected,
    blob: &mut dyn FnMut(&str, &str) -> Result<Vec<u8>>,
) -> Result<Written> {
    let io = |e: std::io::Error| Error::io(temp, e);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .map_err(io)?;
    manifest.chain = chain_head(&collected.audit);
    manifest.tables = collected.tables;
    manifest.audit = collected.audit;
    let rows = manifest.tables.iter().map(|t| t.rows.len() as u64).sum();
    let count = |name: &str| {
        collected
            .blobs
            .iter()
            .filter(|(table, _)| *table == name)
            .count() as u64
    };
    let (evidence, reports) = (count("evidence"), count("reports"));

    let mut sealed = SealWriter::new(BufWriter::new(file), key, header).map_err(io)?;
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(&manifest)
            .map_err(|e| Error::io(temp, std::io::Error::other(e.to_string())))?,
    );
    format::write_frame_header(&mut sealed, format::TAG_MANIFEST, json.len() as u64).map_err(io)?;
    sealed.write_all(&json).map_err(io)?;
    for (table, id) in &collected.blobs {
        let content = zeroize::Zeroizing::new(blob(table, id)?);
        format::write_frame_header(&mut sealed, format::TAG_BLOB, content.len() as u64)
            .map_err(io)?;
        sealed.write_all(&content).map_err(io)?;
    }
    format::write_frame_header(&mut sealed, format::TAG_END, 0).map_err(io)?;
    let file = sealed
        .finish()
        .map_err(io)?
        .into_inner()
        .map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    Ok(Written {
        bundle_id: manifest.bundle_id,
        chain: manifest.chain,
        rows,
        evidence,
        reports,
    })
}

/// A fresh hidden name in the folder of `path`, so the final link stays on one filesystem.
fn temp_beside(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::io(path, std::io::Error::other("not a file path")))?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(".export-{}.tmp", crate::id::new_id()));
    Ok(path.with_file_name(temp))
}

/// Makes the link durable (best effort: not every platform can sync a directory).
fn sync_dir(path: &Path) {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = std::fs::File::open(parent).and_then(|dir| dir.sync_all());
    }
}
