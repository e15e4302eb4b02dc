//! Wire types and use case of a door that works on a team database as a member: connect with
//! the member's name and password, and say who is signed in.

use zeroize::Zeroizing;

use super::*;
use crate::prefs::TeamConnection;
use crate::vault::team_store::TeamStore;
use dpodesk_team::members::{self, Role};

/// A member's request to connect to the team database. The password is moved into a zeroizing
/// buffer as soon as the door receives it, and never logged.
#[derive(Deserialize, TS)]
pub struct TeamConnectRequest {
    /// A libpq connection string or URI, without a password (refused if it has one).
    pub conninfo: String,
    /// The member's login name; overrides a user named in `conninfo`.
    pub user: String,
    pub password: String,
    pub lang: Lang,
}

impl std::fmt::Debug for TeamConnectRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamConnectRequest")
            .field("conninfo", &self.conninfo)
            .field("user", &self.user)
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

/// A member's role in the firm's review circuit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TeamRole {
    Author,
    Reviewer,
    Approver,
    Admin,
}

impl From<Role> for TeamRole {
    fn from(role: Role) -> TeamRole {
        match role {
            Role::Author => TeamRole::Author,
            Role::Reviewer => TeamRole::Reviewer,
            Role::Approver => TeamRole::Approver,
            Role::Admin => TeamRole::Admin,
        }
    }
}

/// Who is signed in to the team database, for the top bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamMember {
    /// The login role (what the audit log records).
    pub role_name: String,
    /// The name printed on sign-offs.
    pub display_name: String,
    pub roles: Vec<TeamRole>,
    /// Manages members and grants and sees every client.
    pub admin: bool,
    /// The connection as typed (no password), to say which database this is.
    pub conninfo: String,
}

/// The last team connection, as the start screen offers it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LastTeam {
    pub conninfo: String,
    pub user: String,
}

impl From<TeamConnection> for LastTeam {
    fn from(last: TeamConnection) -> LastTeam {
        LastTeam {
            conninfo: last.conninfo,
            user: last.user,
        }
    }
}

/// Connects as the member of `request` and opens the store on that session. The typed password
/// goes first, over `PGPASSWORD` and the password file (which still serve when it is left
/// empty): the person at the keyboard chose it. Returns who is signed in.
pub fn connect_member(request: TeamConnectRequest) -> crate::Result<(TeamStore, TeamMember)> {
    let TeamConnectRequest {
        conninfo,
        user,
        password,
        lang: _,
    } = request;
    let typed = Zeroizing::new(password);
    let mut env = dpodesk_team::Env::from_process();
    if !typed.is_empty() {
        env.password = Some(typed.clone());
    }
    let mut client = if user.trim().is_empty() {
        dpodesk_team::connect(&conninfo, &env, &mut |_| None)?
    } else {
        dpodesk_team::connect_as(&conninfo, user.trim(), &env, &mut |_| None)?
    };
    let me = members::me(&mut client)?;
    let store = TeamStore::open(client)?;
    let member = TeamMember {
        role_name: me.name,
        display_name: me.display_name,
        roles: me.roles.into_iter().map(TeamRole::from).collect(),
        admin: me.admin,
        conninfo,
    };
    Ok((store, member))
}

/// A member's new display name (the name printed on what he signs), from the app: his own, or,
/// for an admin, another member's by login name.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DisplayNameRequest {
    /// The member's login name; absent or empty: the signed-in member himself.
    #[serde(default)]
    #[ts(optional)]
    pub member: Option<String>,
    pub display_name: String,
}

/// A store as [`set_display_name`] sees it: a team database has members to name, a vault has
/// none (one user, whose profile names what he signs).
pub trait Members {
    /// The team store whose members can be named; `None` on a vault.
    fn members(&mut self) -> Option<&mut TeamStore>;
}

impl Members for TeamStore {
    fn members(&mut self) -> Option<&mut TeamStore> {
        Some(self)
    }
}

impl Members for Vault {
    fn members(&mut self) -> Option<&mut TeamStore> {
        None
    }
}

/// Sets a display name over the open store, as `team member display-name` does: anyone his
/// own, an admin anyone's (the database refuses the rest, kind `not_permitted`, and an empty or
/// over-long name). Returns who is signed in now (`conninfo` as the door connected with it). On
/// a vault, refused (kind `team_only`, [`no_display_name_on_a_vault`]): the door calls this on
/// whichever store is open and holds no rule of its own.
pub fn set_display_name<S: Members>(
    store: &mut S,
    conninfo: &str,
    request: &DisplayNameRequest,
) -> crate::Result<TeamMember> {
    let Some(store) = store.members() else {
        return Err(no_display_name_on_a_vault());
    };
    let member = request
        .member
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    let now = store.set_display_name(member, &request.display_name)?;
    Ok(TeamMember {
        role_name: now.name,
        display_name: now.display_name,
        roles: now.roles.into_iter().map(TeamRole::from).collect(),
        admin: now.admin,
        conninfo: conninfo.to_owned(),
    })
}

/// The refusal of a display name where there is no team database (a vault, or a `dpodesk team`
/// command given none): what is signed there bears the profile's name.
pub fn no_display_name_on_a_vault() -> Error {
    Error::TeamOnly(crate::error::TeamOnly::DisplayName)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpodesk_team::testing::{PASSWORD, Team};

    fn request(team: &Team, conninfo_user: &str, user: &str, password: &str) -> TeamConnectRequest {
        TeamConnectRequest {
            conninfo: team.cluster.socket_conninfo(conninfo_user, &team.dbname),
            user: user.to_owned(),
            password: password.to_owned(),
            lang: Lang::En,
        }
    }

    #[test]
    fn a_member_connects_with_the_typed_name_and_password_and_learns_who_he_is() {
        let team = Team::initialised("app_connect");
        let ann = team.member("ann", &[Role::Reviewer]);
        // The user field wins over the user the connection string names.
        let (_store, member) =
            connect_member(request(&team, &team.dba_name(), &ann, PASSWORD)).expect("connects");
        assert_eq!(member.role_name, ann);
        assert_eq!(member.display_name, "ann");
        assert_eq!(member.roles, [TeamRole::Reviewer]);
        assert!(!member.admin);
        assert!(!member.conninfo.contains(PASSWORD));
    }

    #[test]
    fn a_wrong_password_or_one_in_the_connection_string_is_refused_in_both_languages() {
        let team = Team::initialised("app_refused");
        let ann = team.member("ann", &[Role::Author]);
        let wrong = connect_member(request(&team, &ann, "", "not the password"))
            .expect_err("wrong password");
        assert_eq!(wrong.kind(), ErrorKind::TeamDatabase);
        assert!(
            wrong
                .message(Lang::En)
                .contains("refused the user name or password"),
            "{}",
            wrong.message(Lang::En)
        );
        assert_ne!(wrong.message(Lang::Zh), wrong.message(Lang::En));

        let mut leaky = request(&team, &ann, "", PASSWORD);
        leaky.conninfo = format!("{} password=secret", leaky.conninfo);
        let refused = connect_member(leaky).expect_err("password in the string");
        assert!(
            matches!(
                refused,
                Error::Team(dpodesk_team::Error::PasswordInConnInfo)
            ),
            "{refused:?}"
        );
    }

    #[test]
    fn a_display_name_on_a_vault_is_refused_by_name_in_both_languages() {
        let (_dir, mut vault) = crate::api::tests::vault();
        let request = DisplayNameRequest {
            member: None,
            display_name: "Ann Li".to_owned(),
        };
        let refused = set_display_name(&mut vault, "", &request).expect_err("no members");
        assert_eq!(refused.kind(), ErrorKind::TeamOnly);
        assert_eq!(
            refused.message(Lang::En),
            "a vault has no team members, so it has no display name to set: what you sign in a vault bears your profile's name; set it in the profile settings (or `dpodesk profile set --name`)"
        );
        assert_eq!(
            refused.message(Lang::Zh),
            "保险库没有团队成员，因此没有可设置的显示名称：在保险库中签署的内容使用您个人资料中的姓名；请在个人资料设置中修改（或使用 `dpodesk profile set --name`）"
        );
    }

    #[test]
    fn a_member_sets_his_display_name_and_an_admin_anothers_and_sign_offs_read_it() {
        use crate::vault::store::Read as _;
        let team = Team::initialised("app_display");
        let ann = team.member("ann", &[Role::Author]);
        let bob = team.member("bob", &[Role::Approver]);
        let admin = team.member("root", &[Role::Admin]);
        let (mut store, member) =
            connect_member(request(&team, &ann, "", PASSWORD)).expect("ann connects");
        let own = DisplayNameRequest {
            member: None,
            display_name: "  Ann Li  ".to_owned(),
        };
        let now = set_display_name(&mut store, &member.conninfo, &own).expect("her own");
        assert_eq!(
            (now.role_name.as_str(), now.display_name.as_str()),
            (ann.as_str(), "Ann Li")
        );
        assert_eq!(now.conninfo, member.conninfo);
        assert_eq!(
            store.signer_name().expect("signer"),
            Some("Ann Li".to_owned())
        );

        // Not another member's, and not an empty name.
        let others = DisplayNameRequest {
            member: Some(bob.clone()),
            display_name: "Bob".to_owned(),
        };
        let refused = set_display_name(&mut store, "", &others).expect_err("not hers to set");
        assert_eq!(refused.kind(), ErrorKind::NotPermitted, "{refused:?}");
        let empty = DisplayNameRequest {
            member: None,
            display_name: "  ".to_owned(),
        };
        let refused = set_display_name(&mut store, "", &empty).expect_err("empty");
        assert_ne!(refused.message(Lang::Zh), refused.message(Lang::En));

        // An admin names Bob; Bob's session reads it as his signer name.
        let (mut root, _) =
            connect_member(request(&team, &admin, "", PASSWORD)).expect("admin connects");
        let me = set_display_name(&mut root, "", &others).expect("an admin sets Bob's");
        assert_eq!(me.role_name, admin, "the answer is who is signed in");
        let (bobs, _) = connect_member(request(&team, &bob, "", PASSWORD)).expect("bob");
        assert_eq!(bobs.signer_name().expect("signer"), Some("Bob".to_owned()));
    }
}
