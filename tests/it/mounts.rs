//! Real file-system faults for the tests, each undone by a drop guard even when a test panics: a
//! small tmpfs to fill, and a folder made read-only (a read-only bind mount as root, which ignores
//! permission bits; `chmod` otherwise). What needs root and cannot get it prints why and skips.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::stderr;

pub(crate) fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    })
}

fn skip(test: &str, why: &str) {
    eprintln!("SKIPPED {test}: {why}");
}

/// A small tmpfs mounted on a fresh folder, unmounted when dropped (also when a test panics).
pub(crate) struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (with the reason printed) when not root or when mounting is not possible here.
    pub(crate) fn mount(size: &str, test: &str) -> Option<Tmpfs> {
        if !is_root() {
            skip(
                test,
                "mounting a small tmpfs needs root (CI runs the tests as root)",
            );
            return None;
        }
        let dir = tempfile::tempdir().expect("mount point");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match mounted {
            Ok(out) if out.status.success() => Some(Tmpfs { dir }),
            Ok(out) => {
                skip(
                    test,
                    &format!("mount tmpfs failed: {}", stderr(&out).trim()),
                );
                None
            }
            Err(e) => {
                skip(test, &format!("no mount command: {e}"));
                None
            }
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        unmount(self.dir.path());
    }
}

fn unmount(dir: &Path) {
    let done = Command::new("umount")
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    if !done {
        // Something still has a file open there (a failed test's vault): detach it anyway.
        let _ = Command::new("umount").arg("-l").arg(dir).status();
    }
}

/// Fills the file system holding `dir` to the last byte; removing the returned file frees it.
pub(crate) fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).expect("filler");
    for chunk in [64 * 1024, 1] {
        let bytes = vec![0u8; chunk];
        loop {
            match file.write(&bytes) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
                Err(e) => panic!("filling {}: {e}", dir.display()),
            }
        }
    }
    path
}

/// Makes `dir` read-only until dropped: a read-only bind mount as root, else `chmod`.
pub(crate) struct ReadOnly {
    dir: PathBuf,
    mounted: bool,
}

impl ReadOnly {
    pub(crate) fn make(dir: &Path, test: &str) -> Option<ReadOnly> {
        if !is_root() {
            let files: Vec<PathBuf> = std::fs::read_dir(dir)
                .expect("list")
                .map(|e| e.expect("entry").path())
                .collect();
            for file in files {
                set_mode(&file, 0o444);
            }
            set_mode(dir, 0o555);
            return Some(ReadOnly {
                dir: dir.to_path_buf(),
                mounted: false,
            });
        }
        let run = |args: &[&str]| {
            Command::new("mount")
                .args(args)
                .arg(dir)
                .arg(dir)
                .output()
                .map_err(|e| e.to_string())
                .and_then(|out| {
                    if out.status.success() {
                        Ok(())
                    } else {
                        Err(stderr(&out))
                    }
                })
        };
        if let Err(why) = run(&["--bind"]) {
            skip(test, &format!("bind mount failed: {}", why.trim()));
            return None;
        }
        let guard = ReadOnly {
            dir: dir.to_path_buf(),
            mounted: true,
        };
        if let Err(why) = run(&["-o", "remount,bind,ro"]) {
            skip(test, &format!("read-only remount failed: {}", why.trim()));
            return None;
        }
        Some(guard)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.mounted {
            unmount(&self.dir);
            return;
        }
        set_mode(&self.dir, 0o755);
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                set_mode(&entry.path(), 0o644);
            }
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}
