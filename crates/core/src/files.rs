//! Files the user asked for (reports, exports, templates) written so that nobody ever sees half of
//! one: a new temporary file beside the target under a random name, flushed to disk, then renamed
//! over it, and the folder flushed so the rename survives a power cut. The temporary file is
//! removed whenever the write does not complete, and two writes to one target never share a
//! temporary name. Both doors write through here.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let io = |source| Error::io(path, source);
    // Named after the target so a leftover of a killed process says what it was; the random
    // part keeps concurrent writes apart.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    // On failure the temporary file comes back inside the error and is removed when dropped.
    temp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename durable; best effort, since not every platform can open a folder to sync it.
pub(crate) fn sync_dir(dir: &Path) {
    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
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
    fn concurrent_writes_to_one_target_never_collide() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("export.csv");
        let writers: Vec<_> = (0..8u8)
            .map(|n| {
                let path = path.clone();
                std::thread::spawn(move || write_atomically(&path, &[n; 4096]))
            })
            .collect();
        for writer in writers {
            writer
                .join()
                .expect("thread")
                .expect("every write succeeds");
        }
        let written = std::fs::read(&path).expect("read");
        assert_eq!(written.len(), 4096);
        assert!(written.iter().all(|b| *b == written[0]), "a torn file");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(std::result::Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["export.csv"], "temporary files left behind");
    }

    #[test]
    fn a_folder_in_the_way_is_named_and_left_alone() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("memo.pdf");
        std::fs::create_dir(&folder).expect("folder");
        let error = write_atomically(&folder, b"%PDF").expect_err("a folder");
        assert_eq!(error.kind(), crate::error::ErrorKind::IsAFolder, "{error}");
        assert!(folder.is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    fn a_write_into_a_missing_folder_fails_with_the_path() {
        let path = std::env::temp_dir().join("dpodesk-no-such-folder/x/memo.pdf");
        let error = write_atomically(&path, b"%PDF").expect_err("no folder");
        assert!(error.message(Lang::En).contains("memo.pdf"));
    }
}
