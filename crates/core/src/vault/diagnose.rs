//! Telling what a storage error on the vault was. SQLite says "disk I/O error" or "unable to
//! open database file" for several faults; the file and its folder can say which: the file is
//! gone (moved, deleted, its drive removed), or the folder takes no new bytes (full, read-only,
//! refused). Only errors are examined here, so the common path pays nothing.

use std::io::Write;
use std::path::Path;

use rusqlite::ErrorCode;

use crate::error::{Error, Fault, Target};

/// Which file a path named when it was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    pub(crate) fn of(path: &Path) -> Option<FileIdentity> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileIdentity {
                device: meta.dev(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            Some(FileIdentity {
                device: 0,
                inode: u64::from(meta.is_file()),
            })
        }
    }
}

/// Whether `path` still names the file that was opened (`None`: not known, so assumed).
pub(crate) fn in_place(path: &Path, identity: Option<FileIdentity>) -> bool {
    match identity {
        Some(identity) => FileIdentity::of(path) == Some(identity),
        None => path.is_file(),
    }
}

/// The error to show for `error`, met on the vault at `path`: a vanished file, or a fault the
/// folder reveals behind SQLite's generic I/O errors; a fault names the vault's path.
pub(crate) fn storage_error(path: &Path, identity: Option<FileIdentity>, error: Error) -> Error {
    let generic = match &error {
        Error::Database(rusqlite::Error::SqliteFailure(e, _)) => {
            matches!(e.code, ErrorCode::SystemIoFailure | ErrorCode::CannotOpen)
        }
        Error::Io { .. } => true,
        _ => false,
    };
    let storage = generic || matches!(error, Error::Fault { .. });
    if storage && identity.is_some() && !in_place(path, identity) {
        return Error::fault(Fault::Vanished, Target::Vault(Some(path.to_path_buf())));
    }
    if generic && let Some(fault) = probe(path) {
        return Error::fault(fault, Target::Vault(Some(path.to_path_buf())));
    }
    error.in_vault(path)
}

/// Writes a little beside `path`, as SQLite would (its -wal and -shm grow by pages), and
/// returns the fault the folder answers with, if it is one of those told apart.
pub(crate) fn probe(path: &Path) -> Option<Fault> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let written = tempfile::tempfile_in(dir).and_then(|mut file| {
        file.write_all(&[0u8; 64 * 1024])?;
        file.sync_all()
    });
    written.err().and_then(|e| match Error::io(path, e) {
        Error::Fault { fault, .. } => Some(fault),
        _ => None,
    })
}

/// `file:` URI for a read-only, immutable open; every byte outside the unreserved set is
/// percent-encoded so that `?`, `#`, `%` and spaces in a path stay part of it.
pub(crate) fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_uri_characters_stays_one_path() {
        assert_eq!(
            immutable_uri(Path::new("/media/usb/客户 #1?%.dpvault")),
            "file:/media/usb/%E5%AE%A2%E6%88%B7%20%231%3F%25.dpvault?immutable=1"
        );
    }

    #[test]
    fn a_moved_file_is_no_longer_in_place() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("v.dpvault");
        std::fs::write(&path, b"x").expect("file");
        let identity = FileIdentity::of(&path);
        assert!(in_place(&path, identity));
        std::fs::rename(&path, dir.path().join("moved")).expect("move");
        std::fs::write(&path, b"another file under the old name").expect("file");
        assert!(!in_place(&path, identity));
        let error = storage_error(
            &path,
            identity,
            Error::Database(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR_WRITE),
                None,
            )),
        );
        assert_eq!(error.kind(), crate::error::ErrorKind::VaultVanished);
    }
}
