//! Members and grants, through the schema's SECURITY DEFINER functions (`sql/0002_access.sql`):
//! the caller must be an admin of the team database (or its owner), and the database checks it,
//! not this code. A password leaves this process only as a SCRAM-SHA-256 verifier computed here
//! (salted, iterated), passed as a bound parameter: the plaintext never reaches the server, its
//! logs or `pg_stat_statements`.

use postgres::GenericClient;

use crate::error::{Error, Result, sql_error};

/// A member's role in the firm's review circuit (a group role `<prefix>_<role>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Writes registers and assessments.
    Author,
    /// Reads, comments and sends work back.
    Reviewer,
    /// Signs off work he did not edit.
    Approver,
    /// Manages members and grants, sees every client, and works as an author.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Author, Role::Reviewer, Role::Approver, Role::Admin];

    /// The name the schema uses (`author`, …), also the suffix of the group role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Reviewer => "reviewer",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }
}

/// Who a session is: its login role, the display name of its member profile and its roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Me {
    pub name: String,
    /// The member's display name; the login name when he has no profile (the DBA).
    pub display_name: String,
    /// The member's roles in the review circuit; none for a DBA who is not a member.
    pub roles: Vec<Role>,
    /// An admin of this database: a member with the admin role, or the schema's owner.
    pub admin: bool,
}

/// Who the session is, from the members' table (readable by every member) and `is_admin()`.
pub fn me(client: &mut impl GenericClient) -> Result<Me> {
    let row = client
        .query_one(
            "SELECT session_user::text, m.display_name, coalesce(m.roles, '{}'), dpodesk.is_admin()
             FROM (SELECT 1) AS one
             LEFT JOIN dpodesk.members AS m ON m.name = session_user",
            &[],
        )
        .map_err(sql_error)?;
    let name: String = row.get(0);
    let display: Option<String> = row.get(1);
    let kinds: Vec<String> = row.get(2);
    Ok(Me {
        display_name: display
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| name.clone()),
        name,
        roles: kinds
            .iter()
            .filter_map(|kind| Role::ALL.into_iter().find(|r| r.as_str() == kind))
            .collect(),
        admin: row.get(3),
    })
}

/// A new login role `name` in the groups of `roles`, with `password` (as a verifier).
pub fn add(
    client: &mut impl GenericClient,
    name: &str,
    roles: &[Role],
    password: &str,
    display_name: &str,
) -> Result<()> {
    let kinds: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    client
        .execute(
            "SELECT dpodesk.member_add($1, $2, $3, $4)",
            &[&name, &kinds, &verifier, &display_name],
        )
        .map_err(sql_error)?;
    Ok(())
}

/// Sets the name printed on what `name` signs: any member's by an admin, one's own by anyone.
/// The login name stays who he is to the database (the signer, the audit actor).
pub fn set_display_name(client: &mut impl GenericClient, name: &str, display: &str) -> Result<()> {
    client
        .execute(
            "SELECT dpodesk.member_display_name($1, $2)",
            &[&name, &display],
        )
        .map_err(sql_error)?;
    Ok(())
}

/// The member can no longer log in and loses every privilege at once (an open session too).
pub fn disable(client: &mut impl GenericClient, name: &str) -> Result<()> {
    call(client, "SELECT dpodesk.member_disable($1)", name)
}

/// Undoes [`disable`]: login and the member's roles back.
pub fn enable(client: &mut impl GenericClient, name: &str) -> Result<()> {
    call(client, "SELECT dpodesk.member_enable($1)", name)
}

/// Drops the login role; the name stays in the audit log and on sign-offs.
pub fn remove(client: &mut impl GenericClient, name: &str) -> Result<()> {
    call(client, "SELECT dpodesk.member_remove($1)", name)
}

/// A new password for `name`: any member's by an admin, one's own by anyone.
pub fn set_password(client: &mut impl GenericClient, name: &str, password: &str) -> Result<()> {
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    client
        .execute(
            "SELECT dpodesk.member_password($1, $2)",
            &[&name, &verifier],
        )
        .map_err(sql_error)?;
    Ok(())
}

/// Lets `member` see and work on the client `client_id` and everything under it.
pub fn grant(client: &mut impl GenericClient, client_id: &str, member: &str) -> Result<()> {
    client
        .execute(
            "SELECT dpodesk.grant_client($1, $2)",
            &[&client_id, &member],
        )
        .map_err(sql_error)?;
    Ok(())
}

/// Takes the client away from `member`, from his next statement on.
pub fn revoke(client: &mut impl GenericClient, client_id: &str, member: &str) -> Result<()> {
    client
        .execute(
            "SELECT dpodesk.revoke_client($1, $2)",
            &[&client_id, &member],
        )
        .map_err(sql_error)?;
    Ok(())
}

/// The id of the client named `name_or_id` (its id, else its exact name) among those the
/// session sees: an administrator's grants name clients as people know them.
pub fn client_id(client: &mut impl GenericClient, name_or_id: &str) -> Result<String> {
    let rows = client
        .query(
            "SELECT id FROM dpodesk.clients WHERE id = $1 OR name = $1 ORDER BY id",
            &[&name_or_id],
        )
        .map_err(sql_error)?;
    let ids: Vec<String> = rows.iter().map(|row| row.get(0)).collect();
    // An id is unique and wins over a name; a name given to two clients must be told apart by id.
    if ids.iter().any(|id| id == name_or_id) {
        return Ok(name_or_id.to_owned());
    }
    match ids.as_slice() {
        [] => Err(Error::UnknownClient {
            name: name_or_id.to_owned(),
        }),
        [id] => Ok(id.clone()),
        _ => Err(Error::AmbiguousClient {
            name: name_or_id.to_owned(),
            ids,
        }),
    }
}

fn call(client: &mut impl GenericClient, sql: &str, name: &str) -> Result<()> {
    client.execute(sql, &[&name]).map_err(sql_error)?;
    Ok(())
}

#[cfg(test)]
mod tests;
