//! The folder of custom templates, as a vault setting. It lives in the vault's settings table, so
//! the path (which may name a client or a person) is encrypted like everything else; nothing is
//! added to the plaintext preferences. Reading the folder's templates is `template::Library`'s
//! job, not this module's.

use std::path::{Path, PathBuf};

use rusqlite::params;

use super::{AuditEvent, Vault};
use crate::error::{Error, Result};

/// The setting key of the custom template folder (an absolute path).
pub const TEMPLATE_FOLDER: &str = "templates.folder";

impl Vault {
    /// The folder of custom templates, if one is set.
    pub fn template_folder(&self) -> Result<Option<PathBuf>> {
        Ok(self
            .setting(TEMPLATE_FOLDER)?
            .filter(|path| !path.is_empty())
            .map(PathBuf::from))
    }

    /// Sets the folder of custom templates (`None` clears it), in one audited write; returns the
    /// folder as stored. The folder must exist and is stored as an absolute path, so that the CLI
    /// run from anywhere and the app find the same one. The audit entry says that the folder
    /// changed, never the path.
    pub fn set_template_folder(
        &mut self,
        actor: &str,
        folder: Option<&Path>,
    ) -> Result<Option<PathBuf>> {
        let folder = folder.map(checked_folder).transpose()?;
        if self.template_folder()? == folder {
            return Ok(folder);
        }
        let value = match &folder {
            Some(path) => path
                .to_str()
                .ok_or_else(|| {
                    Error::io(
                        path,
                        std::io::Error::other(
                            "the path is not valid Unicode text: choose a folder whose name is",
                        ),
                    )
                })?
                .to_owned(),
            None => String::new(),
        };
        let summary = if folder.is_some() {
            "template folder set"
        } else {
            "template folder cleared"
        };
        self.write(
            AuditEvent {
                actor,
                action: "settings.updated",
                entity_type: "settings",
                entity_id: TEMPLATE_FOLDER,
                summary,
            },
            |tx| {
                if value.is_empty() {
                    tx.execute("DELETE FROM settings WHERE key = ?1", [TEMPLATE_FOLDER])?;
                } else {
                    tx.execute(
                        "INSERT INTO settings (key, value) VALUES (?1, ?2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        params![TEMPLATE_FOLDER, value],
                    )?;
                }
                Ok(())
            },
        )?;
        Ok(folder)
    }
}

/// The folder as an absolute path, once it is known to be a folder.
fn checked_folder(folder: &Path) -> Result<PathBuf> {
    let absolute = std::fs::canonicalize(folder).map_err(|e| Error::io(folder, e))?;
    if !absolute.is_dir() {
        return Err(Error::io(
            folder,
            std::io::Error::other("not a folder: choose the folder that holds the template files"),
        ));
    }
    Ok(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Passphrase;

    #[test]
    fn the_folder_is_stored_absolute_audited_and_cleared() {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = Passphrase::new("correct horse battery staple".to_owned());
        let mut vault =
            Vault::create(&dir.path().join("v.dpvault"), &passphrase, "t").expect("vault");
        assert_eq!(vault.template_folder().expect("read"), None);
        let folder = dir.path().join("templates");
        std::fs::create_dir(&folder).expect("mkdir");
        let before = vault.verify_audit().expect("audit").count;

        let set = vault
            .set_template_folder("t", Some(&folder))
            .expect("set")
            .expect("a folder");
        assert!(set.is_absolute());
        assert_eq!(vault.template_folder().expect("read"), Some(set.clone()));
        vault.set_template_folder("t", Some(&set)).expect("same");
        assert_eq!(vault.verify_audit().expect("audit").count, before + 1);

        let missing = vault.set_template_folder("t", Some(&dir.path().join("nope")));
        assert!(matches!(missing, Err(Error::Io { .. })));
        let file = dir.path().join("v.dpvault");
        assert!(matches!(
            vault.set_template_folder("t", Some(&file)),
            Err(Error::Io { .. })
        ));
        assert_eq!(vault.template_folder().expect("read"), Some(set));

        assert_eq!(vault.set_template_folder("t", None).expect("clear"), None);
        assert_eq!(vault.template_folder().expect("read"), None);
        assert_eq!(vault.verify_audit().expect("audit").count, before + 2);
    }
}
