//! Storage faults told as they are. A full disk, a read-only folder, a vault busy in another
//! program or a file that vanished is never "damaged, restore from a backup": that advice makes a
//! user throw away every change since the last backup. Only a failed integrity check may say
//! damaged ([`super::Error::Corrupted`]); everything here says what happened, what to do, and —
//! where it is true — that nothing was saved and the vault is intact.

use std::io::ErrorKind as IoKind;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::i18n::Lang;

/// How long a write waits for another program's write to finish before the vault is called busy.
pub const BUSY_WAIT_SECONDS: u64 = 5;

/// What went wrong with the storage; each has its own [`super::ErrorKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// No space left (or the user's quota is used up).
    DiskFull,
    /// The file or its folder cannot be written here (a write-protected stick, a read-only share).
    ReadOnly,
    /// The system refuses this user access.
    PermissionDenied,
    /// Another program holds the vault's write lock and did not let go in time.
    Busy,
    /// The open vault's file was moved or deleted, or its drive removed.
    Vanished,
    /// A folder where a file was meant.
    IsAFolder,
    /// An earlier crash left changes in the `-wal` file, and it cannot be written here.
    WalUnwritable,
}

/// What a fault struck: the vault itself, or another file the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The vault's own file; its path when the code that met the fault knew it.
    Vault(Option<PathBuf>),
    /// A report, export, backup, template or other file written or read at the user's request.
    File(PathBuf),
}

/// The fault an operating-system error stands for, if it is one of those told apart.
pub(crate) fn from_io(error: &std::io::Error) -> Option<Fault> {
    match error.kind() {
        IoKind::StorageFull | IoKind::QuotaExceeded => Some(Fault::DiskFull),
        IoKind::ReadOnlyFilesystem => Some(Fault::ReadOnly),
        IoKind::PermissionDenied => Some(Fault::PermissionDenied),
        IoKind::IsADirectory => Some(Fault::IsAFolder),
        _ => None,
    }
}

/// The fault a SQLite result code stands for. Extended codes share their primary code
/// (`SQLITE_READONLY_DBMOVED` is read-only, `SQLITE_BUSY_SNAPSHOT` busy), so the primary code is
/// enough; an I/O error without a fault behind it stays a storage error, never "damaged".
pub(crate) fn from_sqlite(code: ErrorCode) -> Option<Fault> {
    match code {
        ErrorCode::DiskFull => Some(Fault::DiskFull),
        ErrorCode::ReadOnly => Some(Fault::ReadOnly),
        ErrorCode::PermissionDenied => Some(Fault::PermissionDenied),
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Some(Fault::Busy),
        _ => None,
    }
}

impl Fault {
    /// The whole sentence: what happened, what to do, and what became of the user's work.
    pub fn message(self, target: &Target, lang: Lang) -> String {
        match target {
            Target::Vault(path) => vault_message(self, path.as_deref(), lang),
            Target::File(path) => file_message(self, path, lang),
        }
    }
}

const INTACT_EN: &str = "Nothing was saved; your vault is intact.";
const INTACT_ZH: &str = "未保存任何内容；您的保险库完好无损。";

fn vault_message(fault: Fault, path: Option<&Path>, lang: Lang) -> String {
    let at_en = path.map_or_else(String::new, |p| format!(" ({})", p.display()));
    let at_zh = path.map_or_else(String::new, |p| format!("（{}）", p.display()));
    match (fault, lang) {
        (Fault::DiskFull, Lang::En) => format!(
            "the disk holding the vault{at_en} is full: free some space (or move the vault to a larger disk), then try again. {INTACT_EN}"
        ),
        (Fault::DiskFull, Lang::Zh) => format!(
            "保险库{at_zh}所在的磁盘已满：请释放一些空间（或将保险库移到更大的磁盘），然后重试。{INTACT_ZH}"
        ),
        (Fault::ReadOnly, Lang::En) => format!(
            "this vault is read-only here{at_en}: it can be read, searched, exported and reported on, but not changed. To change it, copy it to a folder you can write to and open the copy. {INTACT_EN}"
        ),
        (Fault::ReadOnly, Lang::Zh) => format!(
            "此保险库在此处为只读{at_zh}：可以查看、搜索、导出和生成报告，但不能修改。如需修改，请将其复制到可写的文件夹并打开该副本。{INTACT_ZH}"
        ),
        (Fault::PermissionDenied, Lang::En) => format!(
            "you do not have permission to use the vault file{at_en}: ask its owner for access, or copy it to a folder of yours. {INTACT_EN}"
        ),
        (Fault::PermissionDenied, Lang::Zh) => format!(
            "您没有使用该保险库文件{at_zh}的权限：请向其所有者申请访问权限，或将其复制到您自己的文件夹。{INTACT_ZH}"
        ),
        (Fault::Busy, Lang::En) => format!(
            "the vault{at_en} is busy: another program (another DPO Desk window, or a script running dpodesk) is writing to it and did not finish within {BUSY_WAIT_SECONDS} seconds. Wait until it is done, then try again. {INTACT_EN}"
        ),
        (Fault::Busy, Lang::Zh) => format!(
            "保险库{at_zh}正忙：另一个程序（另一个 DPO Desk 窗口，或正在运行 dpodesk 的脚本）正在写入，{BUSY_WAIT_SECONDS} 秒内未完成。请等其完成后重试。{INTACT_ZH}"
        ),
        (Fault::Vanished, Lang::En) => format!(
            "the vault file{at_en} is gone: it was moved or deleted, or its drive was removed, while it was open. Put it back or reconnect the drive, then open it again. This change was not saved; every change saved before it is in the file."
        ),
        (Fault::Vanished, Lang::Zh) => format!(
            "保险库文件{at_zh}已不在原处：它在打开期间被移动或删除，或其所在的驱动器被移除。请将其放回或重新连接驱动器，然后重新打开。本次更改未保存；此前已保存的更改都在文件中。"
        ),
        (Fault::IsAFolder, Lang::En) => format!(
            "the vault path{at_en} is a folder, not a vault file: choose the .dpvault file inside it. {INTACT_EN}"
        ),
        (Fault::IsAFolder, Lang::Zh) => format!(
            "保险库路径{at_zh}是文件夹，不是保险库文件：请选择其中的 .dpvault 文件。{INTACT_ZH}"
        ),
        (Fault::WalUnwritable, Lang::En) => format!(
            "the vault's latest changes are still in its -wal file{at_en}, left by an earlier crash, and that file cannot be written here: open the vault where it can be written (copy the vault and its -wal file together to a folder you can write to), so that the changes are replayed into it. Nothing was changed; your vault is intact."
        ),
        (Fault::WalUnwritable, Lang::Zh) => format!(
            "保险库最近的更改仍保存在其 -wal 文件{at_zh}中（由此前的异常退出留下），而该文件在此处无法写入：请在可写的位置打开保险库（将保险库及其 -wal 文件一同复制到可写的文件夹），以便将这些更改写回保险库。未做任何更改；您的保险库完好无损。"
        ),
    }
}

fn file_message(fault: Fault, path: &Path, lang: Lang) -> String {
    let p = path.display();
    match (fault, lang) {
        (Fault::DiskFull, Lang::En) => format!(
            "the disk is full, so {p} could not be written: free some space or choose another place, then try again. Nothing was written there; your vault is intact."
        ),
        (Fault::DiskFull, Lang::Zh) => format!(
            "磁盘已满，无法写入 {p}：请释放一些空间或换一个位置，然后重试。该处未写入任何内容；您的保险库完好无损。"
        ),
        (Fault::ReadOnly, Lang::En) => format!(
            "{p} is in a read-only place: choose a folder you can write to, then try again. Nothing was written there; your vault is intact."
        ),
        (Fault::ReadOnly, Lang::Zh) => format!(
            "{p} 位于只读位置：请选择一个可写的文件夹，然后重试。该处未写入任何内容；您的保险库完好无损。"
        ),
        (Fault::PermissionDenied, Lang::En) => format!(
            "you do not have permission to use {p}: choose a file or folder of yours, or ask for access, then try again. Your vault is intact."
        ),
        (Fault::PermissionDenied, Lang::Zh) => format!(
            "您没有使用 {p} 的权限：请选择您自己的文件或文件夹，或申请访问权限，然后重试。您的保险库完好无损。"
        ),
        (Fault::IsAFolder, Lang::En) => format!(
            "{p} is a folder, not a file: choose a file name. Nothing was written; your vault is intact."
        ),
        (Fault::IsAFolder, Lang::Zh) => {
            format!(
                "{p} 是文件夹，不是文件：请选择一个文件名。未写入任何内容；您的保险库完好无损。"
            )
        }
        // Busy, vanished and an unwritable -wal only ever concern the vault; worded as such if a
        // caller names another file.
        (other, _) => vault_message(other, Some(path), lang),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Error, ErrorKind};
    use super::*;

    /// Every primary SQLite result code, and the extended ones of the families a fault lives in.
    fn codes() -> Vec<i32> {
        let mut codes: Vec<i32> = (1..=28).collect();
        for primary in [
            rusqlite::ffi::SQLITE_IOERR,
            rusqlite::ffi::SQLITE_READONLY,
            rusqlite::ffi::SQLITE_BUSY,
            rusqlite::ffi::SQLITE_LOCKED,
            rusqlite::ffi::SQLITE_CANTOPEN,
            rusqlite::ffi::SQLITE_FULL,
            rusqlite::ffi::SQLITE_PERM,
        ] {
            codes.extend((1..=40).map(|n| primary | (n << 8)));
        }
        codes
    }

    fn kind_of(code: i32) -> ErrorKind {
        Error::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
        .kind()
    }

    #[test]
    fn no_io_full_read_only_busy_or_permission_code_says_damaged() {
        let mut checked = 0;
        for code in codes() {
            let primary = code & 0xff;
            let kind = kind_of(code);
            let expected = match primary {
                rusqlite::ffi::SQLITE_FULL => Some(ErrorKind::DiskFull),
                rusqlite::ffi::SQLITE_READONLY => Some(ErrorKind::ReadOnly),
                rusqlite::ffi::SQLITE_PERM => Some(ErrorKind::PermissionDenied),
                rusqlite::ffi::SQLITE_BUSY | rusqlite::ffi::SQLITE_LOCKED => {
                    Some(ErrorKind::VaultBusy)
                }
                _ => None,
            };
            if let Some(expected) = expected {
                assert_eq!(kind, expected, "SQLite code {code}");
            }
            if matches!(
                primary,
                rusqlite::ffi::SQLITE_IOERR
                    | rusqlite::ffi::SQLITE_FULL
                    | rusqlite::ffi::SQLITE_READONLY
                    | rusqlite::ffi::SQLITE_BUSY
                    | rusqlite::ffi::SQLITE_LOCKED
                    | rusqlite::ffi::SQLITE_PERM
                    | rusqlite::ffi::SQLITE_CANTOPEN
            ) {
                assert_ne!(
                    kind,
                    ErrorKind::Corrupted,
                    "SQLite code {code} said damaged"
                );
                checked += 1;
            }
        }
        assert!(checked > 200, "only {checked} codes checked");
        // The one code that does say damaged: SQLite's own structural check failed.
        assert_eq!(kind_of(rusqlite::ffi::SQLITE_CORRUPT), ErrorKind::Corrupted);
    }

    #[test]
    fn operating_system_faults_are_named_and_never_damaged() {
        let cases = [
            (IoKind::StorageFull, ErrorKind::DiskFull),
            (IoKind::QuotaExceeded, ErrorKind::DiskFull),
            (IoKind::ReadOnlyFilesystem, ErrorKind::ReadOnly),
            (IoKind::PermissionDenied, ErrorKind::PermissionDenied),
            (IoKind::IsADirectory, ErrorKind::IsAFolder),
            (IoKind::Other, ErrorKind::Io),
            (IoKind::NotFound, ErrorKind::Io),
        ];
        for (io_kind, expected) in cases {
            let error = Error::io("/media/usb/memo.pdf", std::io::Error::from(io_kind));
            assert_eq!(error.kind(), expected, "{io_kind:?}");
            assert!(error.message(Lang::En).contains("/media/usb/memo.pdf"));
        }
        // ENOSPC and EROFS as the system gives them.
        let full = Error::io("/x", std::io::Error::from_raw_os_error(28));
        assert_eq!(full.kind(), ErrorKind::DiskFull);
        let read_only = Error::io("/x", std::io::Error::from_raw_os_error(30));
        assert_eq!(read_only.kind(), ErrorKind::ReadOnly);
    }

    #[test]
    fn each_fault_says_what_to_do_in_both_languages_and_never_restore() {
        let faults = [
            Fault::DiskFull,
            Fault::ReadOnly,
            Fault::PermissionDenied,
            Fault::Busy,
            Fault::Vanished,
            Fault::IsAFolder,
            Fault::WalUnwritable,
        ];
        let targets = [
            Target::Vault(None),
            Target::Vault(Some("/v/vault.dpvault".into())),
            Target::File("/out/memo.pdf".into()),
        ];
        for fault in faults {
            for target in &targets {
                let en = fault.message(target, Lang::En);
                let zh = fault.message(target, Lang::Zh);
                assert!(!en.contains("damaged") && !en.contains("restore"), "{en}");
                assert!(!zh.contains("损坏") && !zh.contains("恢复"), "{zh}");
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
                if let Target::File(p) | Target::Vault(Some(p)) = target {
                    let p = p.display().to_string();
                    assert!(en.contains(&p) && zh.contains(&p), "{en} / {zh}");
                }
            }
        }
        // Where nothing was written, the message promises it.
        let full = Fault::DiskFull.message(&Target::Vault(None), Lang::En);
        assert!(full.contains("Nothing was saved; your vault is intact."));
        let read_only = Fault::ReadOnly.message(&Target::Vault(None), Lang::Zh);
        assert!(read_only.contains("只读") && read_only.contains("完好无损"));
    }
}
