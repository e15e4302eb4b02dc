//! What can be said about a vault file before any key is tried: that it exists, is not empty, is
//! made of whole pages, and is not a plain SQLite file. Each case gets its own error, because each
//! asks the user for a different fix.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// SQLCipher 4's default page size; an encrypted vault is always a whole number of pages.
pub(crate) const PAGE_SIZE: u64 = 4096;

const PLAIN_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a path that cannot be a vault, without writing to it.
pub(crate) fn inspect(path: &Path) -> Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::VaultNotFound(path.to_path_buf()));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if !meta.is_file() {
        return Err(Error::VaultNotFound(path.to_path_buf()));
    }
    // After a crash the newest pages may still sit in the write-ahead log while the main file is
    // short; SQLite replays the log on open, so the size rules below would refuse a healthy vault.
    if wal_has_content(path) {
        return Ok(());
    }
    let size = meta.len();
    if size == 0 {
        return Err(Error::EmptyFile(path.to_path_buf()));
    }
    if size % PAGE_SIZE != 0 {
        return Err(Error::Truncated {
            path: path.to_path_buf(),
            size,
        });
    }
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut header))
        .map_err(|e| Error::io(path, e))?;
    if &header == PLAIN_SQLITE_HEADER {
        return Err(Error::NotEncrypted(path.to_path_buf()));
    }
    Ok(())
}

fn wal_has_content(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|meta| meta.len() > 0)
}
