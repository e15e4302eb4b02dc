//! What a connection string may ask for, decided before any byte goes on the wire: one host,
//! reached by a Unix socket (a path: no TLS needed, the kernel carries it) or over the network
//! (always TLS, certificate chain and host name verified). The weak `sslmode`s are refused on a
//! network host; `require` and `verify-ca` are taken as `verify-full`, because a TLS session to
//! an unverified server protects nothing from the one who sits in between.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::conninfo::ConnInfo;
use crate::error::{Error, Result};

/// libpq's default socket directory on Debian and Ubuntu (upstream's is `/tmp`).
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";
/// How long a connection attempt may take when the string sets no `connect_timeout`.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// How the server is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A directory holding the server's Unix socket.
    Socket(PathBuf),
    /// A network host name or address: TLS with full verification against `Trust`.
    Tcp {
        name: String,
        addr: Option<IpAddr>,
        trust: Trust,
    },
}

/// Which certificate authorities a network connection trusts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// The PEM file of `sslrootcert` (only those authorities, as libpq does).
    RootCert(PathBuf),
    /// The operating system's trust store (`sslrootcert=system`, or no `~/.postgresql/root.crt`).
    System,
}

/// A checked connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub host: Host,
    pub port: u16,
    pub user: String,
    pub dbname: String,
    pub application_name: Option<String>,
    pub connect_timeout: Duration,
}

impl Target {
    /// The host as the user wrote it, for messages.
    pub fn host_label(&self) -> String {
        match &self.host {
            Host::Socket(dir) => dir.display().to_string(),
            Host::Tcp { name, .. } => name.clone(),
        }
    }
}

/// What the defaults come from: the OS user (libpq's default user name) and the home folder
/// (`~/.postgresql/root.crt`).
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub os_user: Option<String>,
    pub home: Option<PathBuf>,
}

const KNOWN: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "sslmode",
    "sslrootcert",
    "application_name",
    "connect_timeout",
];

/// Checks `info` and fills in libpq's defaults.
pub fn target(info: &ConnInfo, defaults: &Defaults) -> Result<Target> {
    if let Some(key) = info.keys().find(|k| !KNOWN.contains(k)) {
        return Err(Error::UnsupportedParameter {
            key: key.to_owned(),
        });
    }
    let host_text = info
        .get("host")
        .filter(|h| !h.is_empty())
        .unwrap_or(DEFAULT_SOCKET_DIR);
    if host_text.contains(',') {
        return Err(Error::MultipleHosts {
            hosts: host_text.to_owned(),
        });
    }
    let port = match info.get("port").filter(|p| !p.is_empty()) {
        None => 5432,
        Some(text) => text
            .parse()
            .ok()
            .filter(|p| *p != 0)
            .ok_or(Error::BadValue {
                key: "port",
                value: text.to_owned(),
            })?,
    };
    let user = info
        .get("user")
        .filter(|u| !u.is_empty())
        .map(str::to_owned)
        .or_else(|| defaults.os_user.clone())
        .ok_or(Error::BadValue {
            key: "user",
            value: String::new(),
        })?;
    let dbname = info
        .get("dbname")
        .filter(|d| !d.is_empty())
        .map_or_else(|| user.clone(), str::to_owned);
    let connect_timeout = match info.get("connect_timeout").filter(|t| !t.is_empty()) {
        None => DEFAULT_CONNECT_TIMEOUT,
        Some(text) => match text.parse::<u64>() {
            Ok(0) => DEFAULT_CONNECT_TIMEOUT,
            Ok(seconds) => Duration::from_secs(seconds.max(2)),
            Err(_) => {
                return Err(Error::BadValue {
                    key: "connect_timeout",
                    value: text.to_owned(),
                });
            }
        },
    };
    let sslmode = info.get("sslmode").unwrap_or("verify-full");
    if ![
        "disable",
        "allow",
        "prefer",
        "require",
        "verify-ca",
        "verify-full",
    ]
    .contains(&sslmode)
    {
        return Err(Error::UnknownSslMode {
            mode: sslmode.to_owned(),
        });
    }
    // libpq: a host starting with a slash is a socket directory; TLS does not apply to it.
    let host = if host_text.starts_with('/') {
        Host::Socket(PathBuf::from(host_text))
    } else {
        if ["disable", "allow", "prefer"].contains(&sslmode) {
            return Err(Error::InsecureSslMode {
                mode: sslmode.to_owned(),
                host: host_text.to_owned(),
            });
        }
        let addr = match info.get("hostaddr").filter(|a| !a.is_empty()) {
            None => None,
            Some(text) => Some(text.parse().map_err(|_| Error::BadValue {
                key: "hostaddr",
                value: text.to_owned(),
            })?),
        };
        Host::Tcp {
            name: host_text.to_owned(),
            addr,
            trust: trust(info, defaults),
        }
    };
    Ok(Target {
        host,
        port,
        user,
        dbname,
        application_name: info.get("application_name").map(str::to_owned),
        connect_timeout,
    })
}

fn trust(info: &ConnInfo, defaults: &Defaults) -> Trust {
    match info.get("sslrootcert").filter(|c| !c.is_empty()) {
        Some("system") => Trust::System,
        Some(path) => Trust::RootCert(PathBuf::from(path)),
        None => defaults
            .home
            .as_ref()
            .map(|home| home.join(".postgresql/root.crt"))
            .filter(|path| path.is_file())
            .map_or(Trust::System, Trust::RootCert),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<Target> {
        let defaults = Defaults {
            os_user: Some("ann".into()),
            home: None,
        };
        target(&ConnInfo::parse(text)?, &defaults)
    }

    #[test]
    fn weak_sslmodes_are_refused_on_a_network_host_only() {
        for mode in ["disable", "allow", "prefer"] {
            let refused = check(&format!("host=db.firm.example sslmode={mode}"));
            assert!(
                matches!(&refused, Err(Error::InsecureSslMode { mode: m, host }) if m == mode && host == "db.firm.example"),
                "{refused:?}"
            );
            let socket = check(&format!("host=/run/pg sslmode={mode}")).expect("socket");
            assert_eq!(socket.host, Host::Socket("/run/pg".into()));
        }
        assert!(matches!(
            check("host=db sslmode=maybe"),
            Err(Error::UnknownSslMode { .. })
        ));
    }

    #[test]
    fn require_and_verify_ca_still_verify_everything() {
        for mode in ["require", "verify-ca", "verify-full"] {
            let target =
                check(&format!("host=db sslmode={mode} sslrootcert=/etc/ca.pem")).expect("ok");
            assert_eq!(
                target.host,
                Host::Tcp {
                    name: "db".into(),
                    addr: None,
                    trust: Trust::RootCert("/etc/ca.pem".into())
                }
            );
        }
        let system = check("host=db sslrootcert=system").expect("ok");
        assert!(matches!(
            system.host,
            Host::Tcp {
                trust: Trust::System,
                ..
            }
        ));
    }

    #[test]
    fn defaults_follow_libpq() {
        let target = check("").expect("ok");
        assert_eq!(target.host, Host::Socket(DEFAULT_SOCKET_DIR.into()));
        assert_eq!(
            (target.port, target.user.as_str(), target.dbname.as_str()),
            (5432, "ann", "ann")
        );
    }

    #[test]
    fn unknown_parameters_and_several_hosts_are_refused() {
        assert!(matches!(
            check("host=db sslcert=/x.pem"),
            Err(Error::UnsupportedParameter { key }) if key == "sslcert"
        ));
        assert!(matches!(
            check("host=a,b"),
            Err(Error::MultipleHosts { .. })
        ));
        assert!(matches!(
            check("host=db port=x"),
            Err(Error::BadValue { key: "port", .. })
        ));
        assert!(matches!(
            check("host=db hostaddr=db"),
            Err(Error::BadValue {
                key: "hostaddr",
                ..
            })
        ));
    }
}
