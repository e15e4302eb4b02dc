//! What can be said about a vault file before any key is tried: that it exists, is a file and not
//! a folder, is not empty, is made of whole pages, is not a plain SQLite file, and whether it can
//! be written here. Each case gets its own error, because each asks the user for a different fix.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Fault, Result, Target};

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
        Err(e) => return Err(Error::vault_io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::fault(
            Fault::IsAFolder,
            Target::Vault(Some(path.to_path_buf())),
        ));
    }
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
        .map_err(|e| Error::vault_io(path, e))?;
    if &header == PLAIN_SQLITE_HEADER {
        return Err(Error::NotEncrypted(path.to_path_buf()));
    }
    Ok(())
}

/// Whether the vault can be written where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    ReadWrite,
    /// The file, a side file or the folder cannot be written here (a write-protected stick, a
    /// read-only share or mount, a file without write permission): open read-only.
    ReadOnly,
}

/// Finds out, without changing anything, whether the vault at `path` (already [`inspect`]ed)
/// can be written here. In WAL mode SQLite writes the file, creates `-wal` and `-shm` beside it
/// and needs both writable, so each is tried; a file that cannot even be read is refused.
pub(crate) fn access(path: &Path) -> Result<Access> {
    std::fs::File::open(path).map_err(|e| Error::vault_io(path, e))?;
    let writable = |file: &Path| -> Result<bool> {
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(file)
        {
            Ok(_) => Ok(true),
            Err(e) if refuses_writing(&e) => Ok(false),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && file != path => Ok(true),
            Err(e) => Err(Error::vault_io(path, e)),
        }
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // An unnamed temporary file (O_TMPFILE where there is one): proves the folder takes new
    // files without leaving any behind.
    let dir_writable = match tempfile::tempfile_in(dir) {
        Ok(_) => true,
        Err(e) if refuses_writing(&e) => false,
        Err(e) => return Err(Error::vault_io(path, e)),
    };
    if writable(path)?
        && writable(&side(path, "-wal"))?
        && writable(&side(path, "-shm"))?
        && dir_writable
    {
        return Ok(Access::ReadWrite);
    }
    // A read-only open ignores the write-ahead log; after a crash it holds the newest changes,
    // and reading without them would show the vault as it was before.
    if wal_has_content(path) {
        return Err(Error::fault(
            Fault::WalUnwritable,
            Target::Vault(Some(side(path, "-wal"))),
        ));
    }
    Ok(Access::ReadOnly)
}

fn refuses_writing(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}

pub(crate) fn side(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

fn wal_has_content(path: &Path) -> bool {
    std::fs::metadata(side(path, "-wal")).is_ok_and(|meta| meta.len() > 0)
}
