//! [`move_vault`]: every client's matter of a vault into another store (`team import-vault`: the
//! team database) in one unit of work — all of it or nothing. Each matter goes the way a bundle
//! would, without the file: read out of the vault ([`Read::read_matter`], with its audit entries),
//! checked as a bundle's contents are (`contents::check`: rows of the one matter, entries that
//! verify), written row by row as an import writes them, its files hashed against their rows,
//! its provenance recorded and one import entry written per client. So every rule of a bundle
//! import holds here too: a client already in the store with other content refuses the whole
//! move, and on a team database the entries keep their actors under the importing member's
//! import entry.

use zeroize::Zeroizing;

use super::contents::{self, Head, Manifest, chain_head};
use super::format::FORMAT_VERSION;
use super::import::{self, Applied};
use crate::error::Result;
use crate::vault::bundle_store::SNAPSHOTS;
use crate::vault::store::{Read, Store, Work};
use crate::vault::{AuditEvent, SCHEMA_VERSION, Vault};

/// What a vault's move did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultMoved {
    /// Clients moved (archived ones included).
    pub clients: u64,
    /// Rows inserted, and rows that were already there with the same content.
    pub added: u64,
    pub unchanged: u64,
    /// Audit entries of the moved matters.
    pub entries: u64,
    /// Evidence files and reports moved with their rows.
    pub files: u64,
    /// Assessments filed under no client (nor any client's data source or vendor, nor linked
    /// from one): they belong to no matter and stay in the vault.
    pub left_out: u64,
}

/// Moves every client's matter of `vault` into `store`, as `actor`, in one unit of work. The
/// vault's chain must verify first; the vault itself is only read.
pub fn move_vault<S: Store>(vault: &Vault, store: &mut S, actor: &str) -> Result<VaultMoved> {
    let source = vault.verify_audit()?;
    let clients = Read::clients(vault, true)?;
    let mut moved = VaultMoved {
        clients: 0,
        added: 0,
        unchanged: 0,
        entries: 0,
        files: 0,
        left_out: 0,
    };
    let mut in_a_matter = std::collections::BTreeSet::new();
    let mut work = store.begin()?;
    for client in &clients {
        vault.read_matter(&client.id, |collected, blob| {
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
                chain: chain_head(&collected.audit),
                tables: collected.tables,
                audit: collected.audit,
            };
            let checked = contents::check(manifest, FORMAT_VERSION)?;
            let mut applied: Applied = import::apply_rows(&mut work, &checked)?;
            let mut files = 0;
            import::apply_blobs(&mut work, &checked, &mut applied, |table, id| {
                if table != SNAPSHOTS {
                    files += 1;
                }
                Ok(Zeroizing::new(blob(table, id)?))
            })?;
            let manifest = &checked.manifest;
            in_a_matter.extend(import::matter_assessments(&checked));
            work.bundle_recorded(&manifest.bundle_id)?;
            let at = crate::time::now();
            import::record_provenance(&mut work, manifest, actor, &at)?;
            work.append_audit(
                AuditEvent {
                    actor,
                    action: "bundle.imported",
                    entity_type: "client",
                    entity_id: &manifest.client_id,
                    summary: &format!(
                        "moved from a vault by {actor} at {}: {} rows added, {} unchanged; matter chain {} entries, head {}; vault chain {} entries, head {}",
                        manifest.exported_at,
                        applied.added,
                        applied.unchanged,
                        manifest.chain.count,
                        manifest.chain.hash,
                        manifest.source_head.count,
                        manifest.source_head.hash
                    ),
                },
                &at,
            )?;
            moved.clients += 1;
            moved.added += applied.added;
            moved.unchanged += applied.unchanged;
            moved.entries += manifest.chain.count;
            moved.files += files;
            Ok(())
        })?;
    }
    work.commit()?;
    let moved_ids: Vec<String> = in_a_matter.iter().cloned().collect();
    crate::assessment::search_docs::index_imported(store, &moved_ids)?;
    moved.left_out = Read::assessments(vault)?
        .iter()
        .filter(|a| !in_a_matter.contains(&a.id))
        .count() as u64;
    Ok(moved)
}
