//! Opening a session on the team database under the rules of `target` (TLS on the network),
//! `password` (where a password may come from) and SCRAM (whatever the server's `pg_hba.conf`
//! asks: rust-postgres speaks SCRAM-SHA-256, with channel binding over TLS).

use postgres::error::SqlState;
use postgres::{Client, NoTls};
use zeroize::Zeroizing;

use crate::conninfo::ConnInfo;
use crate::error::{Error, Result};
use crate::password::{self, Env};
use crate::target::{Defaults, Host, Target, target};
use crate::tls;

/// Who the prompt asks for: enough to say "password for ann on db.firm.example".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub user: String,
    pub host: String,
    pub dbname: String,
}

/// Asks the person at the keyboard for a password (a terminal prompt in the CLI, a field in the
/// app). `None` when they decline.
pub type Prompt<'a> = dyn FnMut(&Login) -> Option<Zeroizing<String>> + 'a;

/// Checks `conninfo` and connects. The password is asked of `prompt` only when the server wants
/// one and neither `PGPASSWORD` nor the password file has it.
pub fn connect(conninfo: &str, env: &Env, prompt: &mut Prompt<'_>) -> Result<Client> {
    connect_to(&ConnInfo::parse(conninfo)?, env, prompt)
}

/// [`connect`] as `user`, whatever user the connection string names: the app asks for the
/// connection and the member's name in two fields, and a later `user` wins as in libpq.
pub fn connect_as(
    conninfo: &str,
    user: &str,
    env: &Env,
    prompt: &mut Prompt<'_>,
) -> Result<Client> {
    let mut info = ConnInfo::parse(conninfo)?;
    info.set_user(user);
    connect_to(&info, env, prompt)
}

fn connect_to(info: &ConnInfo, env: &Env, prompt: &mut Prompt<'_>) -> Result<Client> {
    let defaults = Defaults {
        os_user: env.os_user.clone(),
        home: env.home.clone(),
    };
    let target = target(info, &defaults)?;
    let stored = password::stored(env, &target)?;
    match open(&target, stored.as_ref()) {
        Err(Error::PasswordNeeded { .. }) if stored.is_none() => {
            let login = Login {
                user: target.user.clone(),
                host: target.host_label(),
                dbname: target.dbname.clone(),
            };
            let typed = prompt(&login).ok_or_else(|| Error::PasswordNeeded {
                user: target.user.clone(),
            })?;
            open(&target, Some(&typed))
        }
        other => other,
    }
}

fn open(target: &Target, password: Option<&Zeroizing<String>>) -> Result<Client> {
    let mut config = postgres::Config::new();
    config
        .port(target.port)
        .user(&target.user)
        .dbname(&target.dbname)
        .connect_timeout(target.connect_timeout);
    if let Some(name) = &target.application_name {
        config.application_name(name);
    }
    if let Some(password) = password {
        // rust-postgres keeps its own copy for the handshake; ours is wiped on drop.
        config.password(password.as_bytes());
    }
    match &target.host {
        Host::Socket(dir) => {
            config
                .host_path(dir)
                .ssl_mode(postgres::config::SslMode::Disable);
            config.connect(NoTls).map_err(|e| classify(e, target, None))
        }
        Host::Tcp { name, addr, trust } => {
            config
                .host(name)
                .ssl_mode(postgres::config::SslMode::Require);
            if let Some(addr) = addr {
                config.hostaddr(*addr);
            }
            let (connector, refusal) = tls::connector(trust)?;
            config
                .connect(connector)
                .map_err(|e| classify(e, target, Some(&refusal)))
        }
    }
}

/// Sorts rust-postgres' error into ours. Its kinds are private, so the password-missing and
/// no-TLS cases are told by their fixed wording; a certificate refusal by what the verify
/// callback recorded; an authentication failure by its SQLSTATE.
fn classify(error: postgres::Error, target: &Target, refusal: Option<&tls::Refusal>) -> Error {
    let host = target.host_label();
    if let Some(reason) = refusal.and_then(tls::Refusal::reason) {
        return Error::CertificateRefused { host, reason };
    }
    if let Some(db) = error.as_db_error() {
        if *db.code() == SqlState::INVALID_PASSWORD {
            return Error::AuthenticationFailed {
                user: target.user.clone(),
            };
        }
        return Error::Connect {
            host,
            detail: db.message().to_owned(),
        };
    }
    // The wording sits partly in the error ("invalid configuration") and partly in its source.
    let detail = match std::error::Error::source(&error) {
        Some(source) => format!("{error}: {source}"),
        None => error.to_string(),
    };
    if detail.contains("password missing") {
        return Error::PasswordNeeded {
            user: target.user.clone(),
        };
    }
    if detail.contains("server does not support TLS") {
        return Error::TlsUnavailable { host };
    }
    Error::Connect { host, detail }
}

#[cfg(test)]
mod tests;
