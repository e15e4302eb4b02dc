//! Files the user asked for (reports, exports, templates) written so that nobody ever sees half of
//! one: a new temporary file beside the target, flushed to disk, then renamed over it; the
//! temporary file is removed on failure. Both doors write through here.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    result.map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, source)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn a_file_is_written_whole_and_replaces_an_older_one() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("memo.pdf");
        std::fs::write(&path, b"old").expect("old file");
        write_atomically(&path, b"%PDF-1.7 new").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-1.7 new");
        let leftovers = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(std::result::Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(leftovers, 0, "temporary file left behind");
    }

    #[test]
    fn a_write_into_a_missing_folder_fails_with_the_path() {
        let path = std::env::temp_dir().join("dpodesk-no-such-folder/x/memo.pdf");
        let error = write_atomically(&path, b"%PDF").expect_err("no folder");
        assert!(error.message(Lang::En).contains("memo.pdf"));
    }
}
