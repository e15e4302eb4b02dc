//! Where a password may come from, in libpq's order: `PGPASSWORD`, then the password file
//! (`PGPASSFILE`, else `~/.pgpass`), then — only when the server asks — a prompt the door
//! supplies. Never from an argument or the connection string. Every copy is held in
//! [`Zeroizing`], wiped when dropped.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::target::{Host, Target};

/// The process environment the password rules read, gathered once so that tests can give their
/// own (the process's own environment is shared by every thread).
#[derive(Default)]
pub struct Env {
    /// `PGPASSWORD`.
    pub password: Option<Zeroizing<String>>,
    /// `PGPASSFILE`.
    pub passfile: Option<PathBuf>,
    /// `HOME`: `~/.pgpass` and `~/.postgresql/root.crt`.
    pub home: Option<PathBuf>,
    /// `USER` (or `LOGNAME`): libpq's default user name.
    pub os_user: Option<String>,
}

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Env")
            .field("password", &self.password.as_ref().map(|_| "<hidden>"))
            .field("passfile", &self.passfile)
            .field("home", &self.home)
            .field("os_user", &self.os_user)
            .finish()
    }
}

impl Env {
    /// The environment of this process.
    pub fn from_process() -> Env {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Env {
            password: var("PGPASSWORD").map(Zeroizing::new),
            passfile: var("PGPASSFILE").map(PathBuf::from),
            home: var("HOME").map(PathBuf::from),
            os_user: var("USER").or_else(|| var("LOGNAME")),
        }
    }

    /// The password file libpq would read: `PGPASSFILE`, else `~/.pgpass`.
    pub fn passfile_path(&self) -> Option<PathBuf> {
        self.passfile
            .clone()
            .or_else(|| self.home.as_ref().map(|home| home.join(".pgpass")))
    }
}

/// The password known without asking anyone: `PGPASSWORD`, else the password file's first
/// matching line. `None` when neither has one.
pub fn stored(env: &Env, target: &Target) -> Result<Option<Zeroizing<String>>> {
    if let Some(password) = &env.password {
        return Ok(Some(password.clone()));
    }
    match env.passfile_path() {
        Some(path) => from_passfile(&path, target),
        None => Ok(None),
    }
}

/// The host name a password file line is matched against: libpq matches a socket connection
/// (the default directory or any path) as `localhost`.
fn passfile_host(target: &Target) -> &str {
    match &target.host {
        Host::Socket(_) => "localhost",
        Host::Tcp { name, .. } => name,
    }
}

fn from_passfile(path: &Path, target: &Target) -> Result<Option<Zeroizing<String>>> {
    let unreadable = |detail: String| Error::PassfileUnreadable {
        path: path.to_owned(),
        detail,
    };
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(unreadable(error.to_string())),
    };
    if !metadata.is_file() {
        return Err(unreadable("not a regular file".to_owned()));
    }
    check_private(path, &metadata)?;
    let text =
        Zeroizing::new(std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?);
    let port = target.port.to_string();
    let wanted = [
        passfile_host(target),
        port.as_str(),
        target.dbname.as_str(),
        target.user.as_str(),
    ];
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let Some((fields, password)) = split_line(line) else {
            continue;
        };
        if fields
            .iter()
            .zip(wanted)
            .all(|(field, want)| field.as_str() == "*" || field.as_str() == want)
        {
            return Ok(Some(password));
        }
    }
    Ok(None)
}

/// libpq ignores a password file that its group or others may read or write; we refuse it
/// with a reason instead of silently asking for a password the file seems to hold.
#[cfg(unix)]
fn check_private(path: &Path, metadata: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Error::PassfileTooOpen {
            path: path.to_owned(),
            mode,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _metadata: &std::fs::Metadata) -> Result<()> {
    Ok(())
}

/// `host:port:database:user:password`, where `\:` and `\\` stand for themselves; the password
/// is the rest of the line. `None` for a line with fewer fields.
fn split_line(line: &str) -> Option<([String; 4], Zeroizing<String>)> {
    let mut fields: [String; 4] = Default::default();
    let mut chars = line.chars();
    for field in &mut fields {
        loop {
            match chars.next()? {
                ':' => break,
                '\\' => field.extend(chars.next()),
                c => field.push(c),
            }
        }
    }
    let mut password = Zeroizing::new(String::new());
    while let Some(c) = chars.next() {
        match c {
            '\\' => password.extend(chars.next()),
            c => password.push(c),
        }
    }
    Some((fields, password))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::{Defaults, target};

    fn socket_target(user: &str, dbname: &str) -> Target {
        let info =
            crate::conninfo::ConnInfo::parse(&format!("host=/tmp/x user={user} dbname={dbname}"))
                .expect("parses");
        target(&info, &Defaults::default()).expect("valid")
    }

    fn write_private(path: &Path, text: &str) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(path, text).expect("write");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }

    #[test]
    fn the_password_file_matches_like_libpq() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pgpass");
        write_private(
            &path,
            "# comment\nother:5432:*:ann:wrong\nlocalhost:5432:dpo:bob:b\\:ob\nlocalhost:*:*:ann:right:with\\\\colons\n*:*:*:*:fallback\n",
        );
        let env = Env {
            passfile: Some(path.clone()),
            ..Env::default()
        };
        let found = |user, db| {
            stored(&env, &socket_target(user, db))
                .expect("reads")
                .map(|p| p.to_string())
        };
        assert_eq!(found("ann", "dpo").as_deref(), Some("right:with\\colons"));
        assert_eq!(found("bob", "dpo").as_deref(), Some("b:ob"));
        assert_eq!(found("bob", "other").as_deref(), Some("fallback"));

        let env_first = Env {
            password: Some(Zeroizing::new("from-env".into())),
            ..env
        };
        assert_eq!(
            stored(&env_first, &socket_target("ann", "dpo"))
                .expect("reads")
                .as_deref()
                .map(String::as_str),
            Some("from-env")
        );
    }

    #[test]
    fn an_open_password_file_is_refused_and_a_missing_one_is_no_password() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pgpass");
        write_private(&path, "*:*:*:*:secret\n");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        let env = Env {
            passfile: Some(path.clone()),
            ..Env::default()
        };
        assert!(matches!(
            stored(&env, &socket_target("ann", "dpo")),
            Err(Error::PassfileTooOpen { mode: 0o640, .. })
        ));
        let home = Env {
            home: Some(dir.path().join("nobody")),
            ..Env::default()
        };
        assert!(
            stored(&home, &socket_target("ann", "dpo"))
                .expect("no file")
                .is_none()
        );
    }

    #[test]
    fn without_pgpassfile_the_file_is_pgpass_in_home_and_debug_hides_the_password() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_private(
            &dir.path().join(".pgpass"),
            "localhost:5432:dpo:ann:from-home\n",
        );
        let env = Env {
            home: Some(dir.path().to_owned()),
            ..Env::default()
        };
        let found = stored(&env, &socket_target("ann", "dpo")).expect("reads");
        assert_eq!(found.as_deref().map(String::as_str), Some("from-home"));

        let env = Env {
            password: Some(Zeroizing::new("hunter2".into())),
            ..env
        };
        let shown = format!("{env:?}");
        assert!(
            !shown.contains("hunter2") && shown.contains("<hidden>"),
            "{shown}"
        );
    }
}
