//! What the integration tests need of the store itself and no use case offers (feature
//! `test-support`, enabled by `tests/` alone). `Vault`'s methods are `api`'s to call; a test of
//! the file (markers to find in its bytes, a write after a backup, a write refused on a read-only
//! vault, what a crash leaves in the write-ahead log) needs a plain write that no user makes, and
//! goes through here, so the doors cannot reach it.

use crate::error::Result;
use crate::vault::Vault;

/// Sets a vault setting, replacing any earlier value, in a unit of work of its own; not audited.
pub fn set_setting(vault: &mut Vault, key: &str, value: &str) -> Result<()> {
    crate::vault::put_setting(vault, key, value)
}
