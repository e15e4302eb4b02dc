//! Team mode's administration, the use cases behind `dpodesk --team CONNINFO team …`: set up or
//! upgrade a team database, add, disable, enable and remove members, set passwords, grant and
//! revoke clients. Each is one call of `dpodesk_team`, where the SQL lives and whose database
//! functions check that the caller may do it (an administrator, or the schema's owner); this
//! module adds only what a door needs — one session type, names resolved, errors worded in the
//! reader's language.
//!
//! These calls touch no matter's content; [`open_store`] turns a session into the store the
//! use cases that take a `Store` write through (`vault::team_store`).

use dpodesk_team::members;
use zeroize::Zeroizing;

use crate::i18n::Lang;
pub use crate::vault::team_store::TeamStore;

pub use dpodesk_team::members::Role as MemberRole;
pub use dpodesk_team::schema::{Installed, SCHEMA_VERSION, Upgraded};
pub use dpodesk_team::{Error as TeamError, Login, Result as TeamResult, Unsupported};

/// An open session on the team database, as the member or DBA of the connection string.
pub struct TeamSession {
    client: dpodesk_team::Client,
}

impl std::fmt::Debug for TeamSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamSession")
    }
}

/// Connects under team mode's rules (no password in `conninfo`; TLS verified on any network
/// host; the password from `PGPASSWORD`, the password file, else `prompt`).
pub fn connect(
    conninfo: &str,
    prompt: &mut dyn FnMut(&Login) -> Option<Zeroizing<String>>,
) -> TeamResult<TeamSession> {
    let client = dpodesk_team::connect(conninfo, &dpodesk_team::Env::from_process(), prompt)?;
    Ok(TeamSession { client })
}

/// Creates DPO Desk's schema, group roles and rules in the connected empty database (as a role
/// that may create roles), all or nothing.
pub fn init(session: &mut TeamSession) -> TeamResult<Installed> {
    dpodesk_team::schema::init(&mut session.client)
}

/// Brings the database to this build's schema, all or nothing.
pub fn upgrade(session: &mut TeamSession) -> TeamResult<Upgraded> {
    dpodesk_team::schema::upgrade(&mut session.client)
}

/// A new member `name` with `role`; the password leaves this process only as a SCRAM verifier.
/// The display name (printed on what he signs) is `display_name`, else the login name.
pub fn member_add(
    session: &mut TeamSession,
    name: &str,
    role: MemberRole,
    password: &Zeroizing<String>,
    display_name: Option<&str>,
) -> TeamResult<()> {
    let display = display_name.map(str::trim).filter(|d| !d.is_empty());
    // The database checks a name set later; a new member's is checked here, the same way.
    if let Some(display) = display.filter(|d| d.chars().count() > 200) {
        return Err(TeamError::BadDisplayName {
            display: display.to_owned(),
        });
    }
    members::add(
        &mut session.client,
        name,
        &[role],
        password,
        display.unwrap_or(name),
    )
}

/// Sets the name printed on what member `name` signs: an admin for anyone, a member for
/// himself (the database checks which).
pub fn member_set_display_name(
    session: &mut TeamSession,
    name: &str,
    display_name: &str,
) -> TeamResult<()> {
    members::set_display_name(&mut session.client, name, display_name)
}

/// The member can no longer log in, and an open session of his loses every right at once.
pub fn member_disable(session: &mut TeamSession, name: &str) -> TeamResult<()> {
    members::disable(&mut session.client, name)
}

pub fn member_enable(session: &mut TeamSession, name: &str) -> TeamResult<()> {
    members::enable(&mut session.client, name)
}

/// Drops the member's login; his name stays in the audit log and on what he signed.
pub fn member_remove(session: &mut TeamSession, name: &str) -> TeamResult<()> {
    members::remove(&mut session.client, name)
}

pub fn member_set_password(
    session: &mut TeamSession,
    name: &str,
    password: &Zeroizing<String>,
) -> TeamResult<()> {
    members::set_password(&mut session.client, name, password)
}

/// Lets `member` work on the client named (or with the id) `client`; returns the client's id.
pub fn grant(session: &mut TeamSession, client: &str, member: &str) -> TeamResult<String> {
    let id = members::client_id(&mut session.client, client)?;
    members::grant(&mut session.client, &id, member)?;
    Ok(id)
}

/// Takes the client named (or with the id) `client` away from `member`; returns its id.
pub fn revoke(session: &mut TeamSession, client: &str, member: &str) -> TeamResult<String> {
    let id = members::client_id(&mut session.client, client)?;
    members::revoke(&mut session.client, &id, member)?;
    Ok(id)
}

/// The store on this session, for the use cases that take a `Store`; refused when the database
/// is not set up or its schema is not this build's.
pub fn open_store(session: TeamSession) -> crate::Result<TeamStore> {
    TeamStore::open(session.client)
}

/// Moves every client's matter of the vault at `path` (unlocked with `passphrase`) into the team
/// database, all or nothing, as the store's member: each with its assessments, answers, template
/// snapshots, sign-offs, registers, evidence, actions, comments and audit entries, under one
/// import entry per client (`bundle::move_vault`). The vault is only read.
pub fn import_vault(
    store: &mut TeamStore,
    actor: &str,
    path: &std::path::Path,
    passphrase: &crate::vault::Passphrase,
) -> crate::Result<crate::bundle::VaultMoved> {
    let vault = crate::vault::Vault::open(path, passphrase)?;
    let moved = crate::bundle::move_vault(&vault, store, actor);
    vault.lock()?;
    moved
}

/// The typed refusal of what a door offers on a vault only, for now.
pub fn not_yet(what: Unsupported) -> crate::Error {
    crate::Error::Team(TeamError::NotInTeamMode { what })
}

/// A team error in the reader's language.
pub fn message(error: &TeamError, lang: Lang) -> String {
    error.message(match lang {
        Lang::Zh => dpodesk_team::Lang::Zh,
        Lang::En => dpodesk_team::Lang::En,
    })
}
