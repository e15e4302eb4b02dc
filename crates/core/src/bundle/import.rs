//! [`Vault::import_bundle`]: a bundle into this vault, all or nothing.
//!
//! 1. The header: the magic, then the version (a newer one is refused before anything else), then
//!    the key derivation. A key that does not match the header's key check is a wrong passphrase.
//! 2. First pass, before the vault is touched: every segment authenticated, the manifest checked
//!    (`contents::check`: rows belong to the one matter, the audit entries verify and chain to
//!    the named head), every evidence file and report hashed against its row, the end found.
//! 3. Second pass, in one transaction: each row inserted, or found equal (a no-op), or found
//!    different (refused, naming the row). Then the bundle's provenance and audit entries go into
//!    `bundle_imports` / `bundle_audit`, and one entry in this vault's audit log names the
//!    bundle's chain head. A bundle imported before with nothing new writes nothing at all.

use std::io::{Read, Write};
use std::path::Path;

use rusqlite::types::Value;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::contents::{self, Checked, Manifest, Table};
use super::crypto::{BundleKey, OpenReader, SealWriter, random, stream_error};
use super::format::{self, HEADER_LEN, Header, KdfParams, MAGIC, damaged};
use super::{Damage, ImportInfo, Newer};
use crate::error::{Error, Result};
use crate::vault::bundle_store::{Provenance, RowWrite, Upserted};
use crate::vault::store::{Store, Work};
use crate::vault::{AuditEvent, AuditHead, Passphrase, SCHEMA_VERSION};

/// The largest manifest and the largest single file an import reads: far above any real matter
/// (evidence is capped at 50 MB), low enough that a hostile length cannot exhaust memory.
const MAX_MANIFEST: u64 = 256 * 1024 * 1024;
const MAX_BLOB: u64 = 256 * 1024 * 1024;

/// Reads a bundle file's header without a passphrase: its format version and key derivation.
/// Refuses a file that is not a bundle and a newer format, so a door can say so before asking
/// for the passphrase.
pub fn inspect(path: &Path) -> Result<Header> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    format::read_header(&mut file)
}

/// Imports the matter in the bundle at `path`, which opens with `passphrase`, into any store in
/// one unit of work. Nothing is written unless the whole bundle authenticates and every row
/// either is new or already here unchanged.
pub fn import_bundle<S: Store>(
    store: &mut S,
    actor: &str,
    path: &Path,
    passphrase: &Passphrase,
) -> Result<ImportInfo> {
    let header = inspect(path)?;
    let key = BundleKey::derive(passphrase.as_bytes(), &header.kdf, &header.salt)?;
    if !key.matches(&header) {
        return Err(Error::BundleWrongPassphrase);
    }
    let (checked, manifest_sha) = {
        let mut reader = OpenReader::new(open_after_header(path)?, &key, &header);
        let checked = check_stream(&mut reader, header.version)?;
        reader.expect_end()?;
        checked
    };
    let mut reader = OpenReader::new(open_after_header(path)?, &key, &header);
    let mut work = store.begin()?;
    let applied = apply(&mut work, &mut reader, &checked, &manifest_sha)?;
    reader.expect_end()?;
    drop(reader);

    let manifest = &checked.manifest;
    let chain = AuditHead {
        count: manifest.chain.count,
        head_hash: manifest.chain.hash.clone(),
    };
    let recorded = work.bundle_recorded(&manifest.bundle_id)?;
    let already_imported = recorded && applied.added == 0;
    if already_imported {
        // Nothing new: leave the vault exactly as it was.
        drop(work);
    } else {
        let at = crate::time::now();
        if !recorded {
            record_provenance(&mut work, manifest, actor, &at)?;
        }
        work.append_audit(
                AuditEvent {
                    actor,
                    action: "bundle.imported",
                    entity_type: "client",
                    entity_id: &manifest.client_id,
                    summary: &format!(
                        "bundle {} exported by {} at {}: {} rows added, {} unchanged; bundle chain {} entries, head {}; exporting vault chain {} entries, head {}",
                        manifest.bundle_id,
                        manifest.exported_by,
                        manifest.exported_at,
                        applied.added,
                        applied.unchanged,
                        chain.count,
                        chain.head_hash,
                        manifest.source_head.count,
                        manifest.source_head.hash
                    ),
                },
                &at,
            )?;
        work.commit()?;
        crate::assessment::search_docs::index_imported(store, &matter_assessments(&checked))?;
    }
    Ok(ImportInfo {
        bundle_id: manifest.bundle_id.clone(),
        client_id: manifest.client_id.clone(),
        client_name: client_name(&checked),
        exported_by: manifest.exported_by.clone(),
        exported_at: manifest.exported_at.clone(),
        chain,
        added: applied.added,
        unchanged: applied.unchanged,
        already_imported,
        vault_head: store.audit_head_of(Some(&manifest.client_id))?,
    })
}

fn open_after_header(path: &Path) -> Result<std::io::BufReader<std::fs::File>> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut skip = [0u8; HEADER_LEN];
    file.read_exact(&mut skip)
        .map_err(|_| damaged(Damage::HeaderCut))?;
    Ok(std::io::BufReader::new(file))
}

/// The first pass over a decrypted stream: manifest, checks, every blob's hash, the end frame.
/// Returns the checked manifest and the SHA-256 of its bytes (the second pass must see the same).
fn check_stream(reader: &mut impl Read, version: u16) -> Result<(Checked, [u8; 32])> {
    let (manifest, sha) = read_manifest(reader)?;
    let checked = contents::check(manifest, version)?;
    for (id, sha256, size) in checked.expected_blobs() {
        let len = format::read_frame_header(reader, format::TAG_BLOB)?;
        if len > MAX_BLOB || size.is_some_and(|s| s != len) {
            return Err(damaged(Damage::Blob { id }));
        }
        let mut hasher = Sha256::new();
        let copied = std::io::copy(&mut reader.take(len), &mut hasher)
            .map_err(|e| stream_error(e, Damage::Layout))?;
        if copied != len {
            return Err(damaged(Damage::Layout));
        }
        if hex::encode(hasher.finalize()) != sha256 {
            return Err(damaged(Damage::Blob { id }));
        }
    }
    if format::read_frame_header(reader, format::TAG_END)? != 0 {
        return Err(damaged(Damage::Layout));
    }
    Ok((checked, sha))
}

fn read_manifest(reader: &mut impl Read) -> Result<(Manifest, [u8; 32])> {
    let len = format::read_frame_header(reader, format::TAG_MANIFEST)?;
    if len > MAX_MANIFEST {
        return Err(damaged(Damage::Layout));
    }
    let mut bytes = Zeroizing::new(Vec::new());
    reader
        .take(len)
        .read_to_end(&mut bytes)
        .map_err(|e| stream_error(e, Damage::Layout))?;
    if bytes.len() as u64 != len {
        return Err(damaged(Damage::Layout));
    }
    // serde's message could quote a value from the matter; only the place is kept.
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        damaged(Damage::Inconsistent(format!(
            "manifest ({:?} error at line {}, column {})",
            e.classify(),
            e.line(),
            e.column()
        )))
    })?;
    Ok((manifest, Sha256::digest(&bytes[..]).into()))
}

pub(super) struct Applied {
    pub(super) added: u64,
    pub(super) unchanged: u64,
}

impl Applied {
    fn count(&mut self, added: bool) {
        if added {
            self.added += 1;
        } else {
            self.unchanged += 1;
        }
    }
}

/// The second pass, inside the caller's transaction: rows first, then the evidence files and
/// reports as their bytes come off the stream.
fn apply(
    work: &mut impl Work,
    reader: &mut impl Read,
    checked: &Checked,
    manifest_sha: &[u8; 32],
) -> Result<Applied> {
    let mut applied = apply_rows(work, checked)?;
    let (_, sha) = read_manifest(reader)?;
    if &sha != manifest_sha {
        return Err(damaged(Damage::Inconsistent(
            "the file changed while it was being imported".to_owned(),
        )));
    }
    apply_blobs(work, checked, &mut applied, |_, id| {
        let len = format::read_frame_header(reader, format::TAG_BLOB)?;
        if len > MAX_BLOB {
            return Err(damaged(Damage::Blob { id: id.to_owned() }));
        }
        let mut content = Zeroizing::new(Vec::new());
        reader
            .take(len)
            .read_to_end(&mut content)
            .map_err(|e| stream_error(e, Damage::Layout))?;
        Ok(content)
    })?;
    if format::read_frame_header(reader, format::TAG_END)? != 0 {
        return Err(damaged(Damage::Layout));
    }
    Ok(applied)
}

/// Every row but the files', after checking that this store knows every column.
pub(super) fn apply_rows(work: &mut impl Work, checked: &Checked) -> Result<Applied> {
    work.defer_references()?;
    for table in &checked.tables {
        let known = work.table_columns(table.spec.name)?;
        if let Some(column) = table.columns.iter().find(|c| !known.contains(c)) {
            return Err(Error::BundleTooNew(Newer::Schema {
                found: checked.manifest.schema,
                known: SCHEMA_VERSION,
                table: table.spec.name.to_owned(),
                column: column.clone(),
            }));
        }
    }
    let mut applied = Applied {
        added: 0,
        unchanged: 0,
    };
    for snapshot in &checked.inline_snapshots {
        applied.count(work.add_snapshot(snapshot)? == Upserted::Added);
    }
    for table in checked.tables.iter().filter(|t| !t.spec.blob) {
        for row in &table.rows {
            applied.count(upsert(work, table, row, None)?);
        }
    }
    Ok(applied)
}

/// The rows that carry a file (evidence, reports, template snapshots), in the bundle's order,
/// each with the bytes `next` gives for its table and id, which must hash to the row's `sha256`.
pub(super) fn apply_blobs(
    work: &mut impl Work,
    checked: &Checked,
    applied: &mut Applied,
    mut next: impl FnMut(&'static str, &str) -> Result<Zeroizing<Vec<u8>>>,
) -> Result<()> {
    for table in checked.tables.iter().filter(|t| t.spec.blob) {
        let sha_column = table.columns.iter().position(|c| c == "sha256");
        for row in &table.rows {
            let id = table.key_values(row).first().map(text).unwrap_or_default();
            let content = next(table.spec.name, &id)?;
            let expected = sha_column.map(|i| text(&row[i])).unwrap_or_default();
            if hex::encode(Sha256::digest(&content[..])) != expected {
                return Err(damaged(Damage::Blob { id }));
            }
            applied.count(upsert(work, table, row, Some(&content))?);
        }
    }
    Ok(())
}

/// Inserts a row, or finds it already there: equal is a no-op (false), different is refused.
fn upsert(
    work: &mut impl Work,
    table: &Table,
    row: &[Value],
    content: Option<&[u8]>,
) -> Result<bool> {
    let key = table.key_values(row);
    let write = RowWrite {
        spec: table.spec,
        columns: &table.columns,
        row,
        key: &key,
        content,
    };
    match work.upsert_row(write)? {
        Upserted::Added => Ok(true),
        Upserted::Unchanged => Ok(false),
        Upserted::Different => Err(Error::BundleConflict {
            table: table.spec.name.to_owned(),
            id: key.iter().map(text).collect::<Vec<_>>().join("/"),
        }),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        Value::Integer(n) => n.to_string(),
        _ => String::new(),
    }
}

/// The ids of the matter's assessments.
pub(super) fn matter_assessments(checked: &Checked) -> Vec<String> {
    checked
        .table("assessments")
        .map(|t| t.keys())
        .unwrap_or_default()
}

pub(super) fn client_name(checked: &Checked) -> String {
    checked
        .table("clients")
        .and_then(|t| {
            let i = t.columns.iter().position(|c| c == "name")?;
            t.rows.first().map(|row| text(&row[i]))
        })
        .unwrap_or_default()
}

/// Where the matter came from, and its audit entries as the exporting vault wrote them.
pub(super) fn record_provenance(
    work: &mut impl Work,
    manifest: &Manifest,
    actor: &str,
    at: &str,
) -> Result<()> {
    let from = Provenance {
        bundle_id: &manifest.bundle_id,
        client_id: &manifest.client_id,
        exported_by: &manifest.exported_by,
        exported_at: &manifest.exported_at,
        source_head: (&manifest.source_head.hash, manifest.source_head.count),
        head: (&manifest.chain.hash, manifest.chain.count),
        imported_by: actor,
        imported_at: at,
    };
    work.record_provenance(&from, &manifest.audit)
}

/// The passphrase of the fuzzing seeds (`fuzz/corpus/bundle_import/`).
pub const FUZZ_PASSPHRASE: &str = "seven quiet otters audit the lighthouse";

/// What the `bundle_import` fuzz target and its replay test run on untrusted bytes, with no
/// vault: a bundle file (header, key check with [`FUZZ_PASSPHRASE`], every segment and the
/// import's whole first pass), or, for bytes without the magic, a decrypted stream checked as
/// that first pass checks it. Key derivations costlier than 1 MiB and 3 passes are not run (the
/// header is still checked), so the fuzzer spends its time on parsing.
pub fn fuzz_check(data: &[u8]) -> Result<()> {
    if data.starts_with(MAGIC) {
        let header = Header::parse(data)?;
        if header.kdf.m_cost_kib > 1024 || header.kdf.t_cost > 3 {
            return Ok(());
        }
        let key = BundleKey::derive(FUZZ_PASSPHRASE.as_bytes(), &header.kdf, &header.salt)?;
        if !key.matches(&header) {
            return Err(Error::BundleWrongPassphrase);
        }
        let mut reader = OpenReader::new(&data[HEADER_LEN..], &key, &header);
        check_stream(&mut reader, header.version)?;
        reader.expect_end()
    } else {
        let mut reader = data;
        check_stream(&mut reader, format::FORMAT_VERSION)?;
        if reader.is_empty() {
            Ok(())
        } else {
            Err(damaged(Damage::Layout))
        }
    }
}

/// The decrypted stream of a seed bundle made with [`FUZZ_PASSPHRASE`], to seed the fuzzer's
/// second kind of input.
#[doc(hidden)]
pub fn fuzz_plaintext(data: &[u8]) -> Result<Vec<u8>> {
    let header = Header::parse(data)?;
    let key = BundleKey::derive(FUZZ_PASSPHRASE.as_bytes(), &header.kdf, &header.salt)?;
    if !key.matches(&header) {
        return Err(Error::BundleWrongPassphrase);
    }
    let mut reader = OpenReader::new(&data[HEADER_LEN..], &key, &header);
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|e| stream_error(e, Damage::Layout))?;
    Ok(plain)
}

/// The inverse of [`fuzz_plaintext`]: a bundle file of format `version` around a decrypted
/// stream, sealed with [`FUZZ_PASSPHRASE`] and the cheapest key derivation. For tests of bundles
/// an older build wrote (format 1) and for fuzzing seeds; exports for people never use it.
#[doc(hidden)]
pub fn fuzz_seal(plain: &[u8], version: u16) -> Result<Vec<u8>> {
    let kdf = KdfParams {
        m_cost_kib: 64,
        t_cost: 1,
        p_cost: 1,
    };
    let salt = random::<16>()?;
    let key = BundleKey::derive(FUZZ_PASSPHRASE.as_bytes(), &kdf, &salt)?;
    let header = Header {
        version,
        kdf,
        salt,
        nonce: random::<7>()?,
        key_check: key.check(),
    };
    let sealed = (|| {
        let mut writer = SealWriter::new(Vec::new(), &key, &header)?;
        writer.write_all(plain)?;
        writer.finish()
    })();
    sealed.map_err(|e| damaged(Damage::Inconsistent(e.to_string())))
}
