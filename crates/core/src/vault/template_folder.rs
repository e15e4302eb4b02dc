//! The folder of custom templates, as a vault setting. It lives in the vault's settings table, so
//! the path (which may name a client or a person) is encrypted like everything else; nothing is
//! added to the plaintext preferences. Reading the folder's templates is `template::Library`'s
//! job, not this module's.

use std::path::{Path, PathBuf};

use super::store::{Read, Store, Work};
use super::{AuditEvent, Vault};
use crate::error::{Error, Result};

/// The setting key of the custom template folder (an absolute path).
pub(crate) const TEMPLATE_FOLDER: &str = "templates.folder";

impl Vault {
    /// Sets the folder of custom templates ([`set_template_folder`]).
    #[cfg(test)]
    pub(crate) fn set_template_folder(
        &mut self,
        actor: &str,
        folder: Option<&Path>,
    ) -> Result<Option<PathBuf>> {
        set_template_folder(self, actor, folder)
    }
}

/// The folder of custom templates, if one is set.
pub(crate) fn template_folder(store: &impl Read) -> Result<Option<PathBuf>> {
    Ok(store
        .setting(TEMPLATE_FOLDER)?
        .filter(|path| !path.is_empty())
        .map(PathBuf::from))
}

/// Sets the folder of custom templates (`None` clears it), in one unit of work with its audit
/// entry; returns the folder as stored. The folder must exist and is stored as an absolute path,
/// so that the CLI run from anywhere and the app find the same one. The audit entry says that the
/// folder changed, never the path.
pub(crate) fn set_template_folder<S: Store>(
    store: &mut S,
    actor: &str,
    folder: Option<&Path>,
) -> Result<Option<PathBuf>> {
    let folder = folder.map(checked_folder).transpose()?;
    if template_folder(store)? == folder {
        return Ok(folder);
    }
    let at = crate::time::now();
    let mut work = store.begin()?;
    let summary = match &folder {
        Some(path) => {
            let value = path.to_str().ok_or_else(|| {
                Error::io(
                    path,
                    std::io::Error::other(
                        "the path is not valid Unicode text: choose a folder whose name is",
                    ),
                )
            })?;
            work.put_setting(TEMPLATE_FOLDER, value)?;
            "template folder set"
        }
        None => {
            work.delete_setting(TEMPLATE_FOLDER)?;
            "template folder cleared"
        }
    };
    let event = AuditEvent {
        actor,
        action: "settings.updated",
        entity_type: "settings",
        entity_id: TEMPLATE_FOLDER,
        summary,
    };
    work.append_audit(event, &at)?;
    work.commit()?;
    Ok(folder)
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
        assert_eq!(template_folder(&vault).expect("read"), None);
        let folder = dir.path().join("templates");
        std::fs::create_dir(&folder).expect("mkdir");
        let before = vault.verify_audit().expect("audit").count;

        let set = vault
            .set_template_folder("t", Some(&folder))
            .expect("set")
            .expect("a folder");
        assert!(set.is_absolute());
        assert_eq!(template_folder(&vault).expect("read"), Some(set.clone()));
        vault.set_template_folder("t", Some(&set)).expect("same");
        assert_eq!(vault.verify_audit().expect("audit").count, before + 1);

        let missing = vault.set_template_folder("t", Some(&dir.path().join("nope")));
        assert!(matches!(missing, Err(Error::Io { .. })));
        let file = dir.path().join("v.dpvault");
        assert!(matches!(
            vault.set_template_folder("t", Some(&file)),
            Err(Error::Io { .. })
        ));
        assert_eq!(template_folder(&vault).expect("read"), Some(set));

        assert_eq!(vault.set_template_folder("t", None).expect("clear"), None);
        assert_eq!(template_folder(&vault).expect("read"), None);
        assert_eq!(vault.verify_audit().expect("audit").count, before + 2);
    }
}
