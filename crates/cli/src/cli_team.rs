//! `dpodesk --team CONNINFO team …`: the firm's administrator's commands on a team database.

use clap::{Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Set DPO Desk up in an empty UTF-8 database: its schema, its group roles (named after the
    /// database) and its rules; run as a role that may create roles (the firm's DBA)
    Init,
    /// Bring the database's schema to this version of DPO Desk
    Upgrade,
    /// Members: login roles of this database's groups (run as an admin or the DBA)
    #[command(subcommand)]
    Member(MemberCommand),
    /// Let a member see and work on a client
    Grant(GrantArgs),
    /// Take a client away from a member (from his next statement on)
    Revoke(GrantArgs),
    /// Move every client's matter of a vault into the team database, all or nothing, as the
    /// connecting member (the vault's passphrase: DPODESK_PASSPHRASE, else a prompt)
    ImportVault {
        /// The vault file (.dpvault); it is only read
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Add a member (password: DPODESK_MEMBER_PASSWORD, else typed twice at a prompt)
    Add {
        /// The login name: lower-case letters, digits and _, starting with a letter
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The name printed on what he signs (default: the login name); he may change it later
        #[arg(long, value_name = "TEXT")]
        display_name: Option<String>,
    },
    /// Set the name printed on what a member signs: your own, or (as an admin) anyone's
    DisplayName {
        /// The member's login name
        name: String,
        /// The display name, e.g. "Ann Li"
        display_name: String,
    },
    /// Stop a member from logging in; an open session loses its rights at once
    Disable { name: String },
    /// Let a disabled member log in again
    Enable { name: String },
    /// Remove a member's login (his name stays in the audit log and on sign-offs)
    Remove { name: String },
    /// Set a member's password (DPODESK_MEMBER_PASSWORD, else typed twice at a prompt)
    Password { name: String },
}

#[derive(Debug, clap::Args)]
pub struct GrantArgs {
    /// The client (its id, or its exact name)
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: String,
    /// The member's login name
    #[arg(long, value_name = "NAME")]
    pub member: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Author,
    Reviewer,
    Approver,
    Admin,
}
