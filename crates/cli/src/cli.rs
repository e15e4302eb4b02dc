//! The command line, as clap parses it. Documented here once: `dpodesk --help` prints it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::cli_exchange::{
    AnswersExportArgs, CnilExportArgs, CnilImportArgs, ExportCommand, ExportOutputArgs,
    ImportCommand, LangArg, RegisterExportArgs, ReportArgs, ReportFormatArg, SheetFormatArg,
    SheetLangArg,
};
pub use crate::cli_team::TeamCommand;
pub use crate::cli_templates::{TemplateFolderCommand, TemplatesCommand};

const AFTER_HELP: &str = "\
Passphrases are never read from arguments: set DPODESK_PASSPHRASE (and DPODESK_NEW_PASSPHRASE for
`vault rekey`, DPODESK_BUNDLE_PASSPHRASE for `bundle`), or type them at the hidden prompt.

Exit codes:
  0  success
  1  any other error (the message on stderr says what to do)
  2  invalid command line
  3  wrong passphrase (of the vault or of a bundle), or not a DPO Desk vault
  4  passphrase refused as too weak
  5  the vault is busy in another program (waited 5 seconds): try again later; for `client
     erase`, another reader kept the file from being wiped (the message says whether anything
     was erased)
  6  a storage fault: disk full, read-only or denied location, a folder given for a file, the
     vault file gone while open, or an unwritable -wal left by a crash (nothing was saved;
     the vault is intact)";

/// DPO Desk: GDPR and PIPL assessments in an encrypted local vault.
#[derive(Debug, Parser)]
#[command(name = "dpodesk", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The vault file [default: the platform data directory, shared with the desktop app]
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Who is acting, for the audit log [default: $DPODESK_ACTOR, else the OS user name]
    #[arg(long, global = true, value_name = "NAME", env = "DPODESK_ACTOR")]
    pub actor: Option<String>,

    /// The folder of custom templates [default: $DPODESK_TEMPLATES, else the vault's setting
    /// (`templates folder set`)]; an empty value means the bundled templates only
    #[arg(long, global = true, value_name = "DIR", env = "DPODESK_TEMPLATES")]
    pub templates: Option<std::ffi::OsString>,

    /// The team database (team mode, preview): a libpq connection string or URI, never with a
    /// password (PGPASSWORD, ~/.pgpass or a prompt give it). Commands then work on it as the
    /// connection's member instead of on the vault; `vault …` and `demo` are refused, naming what
    /// to use instead
    #[arg(long, global = true, value_name = "CONNINFO", env = "DPODESK_TEAM_URL")]
    pub team: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, check, re-key, back up or restore the encrypted vault
    #[command(subcommand)]
    Vault(VaultCommand),
    /// The client register: clients, or matters for a client
    #[command(subcommand)]
    Client(ClientCommand),
    /// A client's data sources (collection channels)
    #[command(subcommand)]
    Source(SourceCommand),
    /// A client's vendors and processors
    #[command(subcommand)]
    Vendor(VendorCommand),
    /// Corrective actions
    #[command(subcommand)]
    Action(ActionCommand),
    /// The assessment templates (bundled and custom): list, check, choose the custom folder,
    /// export, import
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Assessments: start, answer, show, submit, sign off, re-open, compare
    #[command(subcommand)]
    Assess(AssessCommand),
    /// Render a report to PDF or DOCX: an assessment's (PIA, vendor due-diligence, or a
    /// one-channel memo for a data-source assessment), or with --client the client memo
    Report(ReportArgs),
    /// Export a register (sources, vendors, actions) or an assessment's answers and findings as
    /// CSV or XLSX
    #[command(subcommand)]
    Export(ExportCommand),
    /// Import a PIA from the CNIL PIA tool's JSON format
    #[command(subcommand)]
    Import(ImportCommand),
    /// Who reports are from (the memo's "from" line): name, role and firm
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Create a demo vault (DIR/demo.dpvault) with sample assessments and render every report in
    /// zh, en and bi under DIR/reports/
    Demo(DemoArgs),
    /// The tamper-evident audit log
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Carry one client's matter to another vault as an encrypted .dpodesk bundle (its own
    /// passphrase: DPODESK_BUNDLE_PASSPHRASE, or a prompt)
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Search titles, client / data-source / vendor names and answer text (archived entries
    /// only with --all)
    Search(SearchArgs),
    /// Team mode (preview), with --team CONNINFO: set up a team database, its members and
    /// their grants
    #[command(subcommand)]
    Team(TeamCommand),
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Write a client's matter (registers, assessments, evidence, actions, reports, audit
    /// entries) to a new encrypted bundle; prints the bundle's audit chain head
    Export {
        /// The client (its id, or its exact name)
        #[arg(long, value_name = "NAME_OR_ID")]
        client: String,
        /// The bundle file to create (never overwritten)
        #[arg(long, value_name = "FILE.dpodesk")]
        out: PathBuf,
    },
    /// Import a bundle into this vault, all or nothing; prints the bundle's audit chain head
    Import {
        /// The bundle file (only read)
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain and check it against its anchor; names the first broken entry
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Set the profile; fields not given stay as they are, an empty value clears one
    Set {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        firm: Option<String>,
    },
    /// Show the profile
    Show {
        /// Print it as JSON: {"name", "role", "firm"}
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The folder to create the demo in
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace a demo vault already in DIR
    #[arg(long)]
    pub force: bool,
    /// The date printed on the reports [default: today, UTC]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AssessCommand {
    /// Start an assessment from a template and print its id
    New {
        /// Template id: data-source, vendor-entrustment, pia, transfer, or a custom template's (see
        /// `templates list`)
        #[arg(long, required_unless_present = "template_file")]
        template: Option<String>,
        /// A custom template file instead of a bundled template
        #[arg(long, value_name = "FILE", conflicts_with = "template")]
        template_file: Option<PathBuf>,
        #[arg(long)]
        title: String,
        /// The client (name or id) it belongs to
        #[arg(long)]
        client: Option<String>,
        /// The client's data source (data-source template) or vendor (vendor template), by name
        #[arg(long)]
        subject: Option<String>,
    },
    /// Save answers from a TOML file of `question_id = value` (all or nothing)
    Answer {
        id: String,
        #[arg(long)]
        file: PathBuf,
    },
    /// List the questions the assessment shows now: id, type, values, required, decisive, text
    Questions {
        id: String,
        /// Print them as JSON
        #[arg(long, conflicts_with = "skeleton")]
        json: bool,
        /// Print a commented answers file ready to fill (for `assess answer --file`)
        #[arg(long)]
        skeleton: bool,
    },
    /// Show the outcome: rating, open points, findings with recommendations and citations,
    /// coverage, risks, sign-offs
    Show {
        id: String,
        /// Print the outcome as JSON (fields documented in the README)
        #[arg(long)]
        json: bool,
    },
    /// List every assessment with its status and rating
    List {
        #[arg(long)]
        json: bool,
    },
    /// Submit a draft for review
    Submit { id: String },
    /// Approve or reject an assessment in review
    Signoff {
        id: String,
        /// The signer; left out, the profile's name (refused when no profile is set)
        #[arg(long, default_value = "")]
        name: String,
        /// The signer's role; left out, the profile's role
        #[arg(long, default_value = "")]
        role: String,
        /// approve or reject the assessment as a document; approving it does not approve the
        /// processing it describes
        #[arg(long, value_enum)]
        decision: DecisionArg,
        #[arg(long)]
        comment: Option<String>,
        /// An attestation (repeat for each; approval needs all four): processing_accurate,
        /// risks_understood, actions_endorsed, implementation_committed
        #[arg(long = "attest", value_name = "ATTESTATION")]
        attest: Vec<String>,
        /// Approve although decisive points are still open: they are recorded with the sign-off
        /// and printed as reservations (approval with open points is refused without it)
        #[arg(long)]
        with_reservations: bool,
        /// The assessment's updated_at as you read it (`assess show --json`): refused if anyone
        /// changed it since (an answer saved, its status moved)
        #[arg(long, value_name = "UPDATED_AT")]
        if_version: Option<String>,
    },
    /// Re-open an approved or rejected assessment as a new draft version; prints the new id
    Reopen { id: String },
    /// Attach a file as evidence to an evidence question (stored encrypted in the vault)
    Evidence {
        id: String,
        #[arg(long)]
        question: String,
        #[arg(long)]
        file: PathBuf,
    },
    /// Reviewers' comments on single questions: add, list, resolve
    #[command(subcommand)]
    Comment(crate::comment_cmd::CommentCommand),
    /// Link a PIA to a data-source or vendor assessment it relies on, or a data-source, vendor or
    /// PIA assessment to the transfer assessment that decides its route
    Link { id: String, linked: String },
    /// Show which answers and findings changed between two versions
    Diff {
        older: String,
        newer: String,
        #[arg(long)]
        json: bool,
    },
    /// Set the date until which an assessment version is kept (YYYY-MM-DD), or --clear it; a
    /// signed-off PIA is kept at least three years from approval (PIPL Art. 56)
    KeepUntil(crate::retention_cmd::KeepUntilArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DecisionArg {
    Approve,
    Reject,
}

#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Create a new, empty vault (refuses an existing file and a weak passphrase)
    Init,
    /// Unlock the vault and run its integrity checks
    Check(JsonArg),
    /// Re-encrypt the vault under a new passphrase (DPODESK_NEW_PASSPHRASE, or a prompt)
    Rekey,
    /// Write an encrypted copy of the vault (same passphrase) to a new file; refuses an existing file
    Backup {
        /// The backup file to create
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Encrypt the copy under a separate recovery passphrase instead (DPODESK_NEW_PASSPHRASE,
        /// else asked twice): a copy to keep in a safe against a lost passphrase
        #[arg(long)]
        recovery: bool,
    },
    /// Replace the vault with a backup, after checking the backup (it opens, integrity, audit
    /// chain). The passphrase asked for is the one the backup was made under; the previous vault
    /// is kept beside it as <name>.before-restore-<time>
    Restore {
        /// The backup file to restore from (only read)
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Diagnostics: add COUNT clients named PREFIX.N and a setting of the same key, one
    /// transaction each, printing each key once saved (used by the crash-safety tests)
    #[command(hide = true)]
    Soak {
        #[arg(long, default_value_t = 1000)]
        count: u64,
        /// A prefix for the keys written, so several runs never collide
        #[arg(long, default_value = "soak")]
        prefix: String,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: every whitespace-separated term must occur; case is ignored; terms of one
    /// or two characters (同意, 名单) work too
    pub query: String,
    /// Include archived entries (and re-opened assessment versions)
    #[arg(long)]
    pub all: bool,
    /// The most hits to print
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print the hits as one JSON array (fields documented in the README)
    #[arg(long)]
    pub json: bool,
}

/// `--json`, shared by the commands that print records.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print the result as JSON (fields documented in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Add a client and print its id
    Add(ClientAddArgs),
    /// List current clients (archived ones too with --all)
    List(ClientListArgs),
    /// Archive a client: it and what is filed under it leave the everyday lists
    Archive(IdArg),
    /// Bring an archived client back
    Unarchive(IdArg),
    /// Change a client's fields given (the others stay); refused if someone changed it since
    /// you read it (--if-version)
    Edit(crate::edit_cmd::ClientEditArgs),
    /// Erase a client and its whole matter for good (data sources, vendors, every assessment
    /// version, answers, sign-offs, evidence, reports, actions, bundle imports); the audit log
    /// keeps its entries but not what they said. Backups and bundles made earlier are not reached
    Erase(ClientEraseArgs),
    /// Set the date until which a client's matter is kept (YYYY-MM-DD), or --clear it; past it,
    /// `due-for-erasure` and the app's dashboard list the client. Nothing is erased by a date
    KeepUntil(crate::retention_cmd::KeepUntilArgs),
    /// List the clients and assessment versions past their keep-until date (nothing is erased)
    DueForErasure(JsonArg),
}

#[derive(Debug, Args)]
pub struct ClientEraseArgs {
    /// The client's id, or its exact name
    #[arg(value_name = "NAME_OR_ID")]
    pub client: String,
    /// The client's exact name, typed again to confirm
    #[arg(long, value_name = "NAME")]
    pub confirm: String,
    #[command(flatten)]
    pub output: JsonArg,
}

#[derive(Debug, Args)]
pub struct ClientAddArgs {
    #[arg(long)]
    pub name: String,
    /// The matter, when one client has several
    #[arg(long, default_value = "")]
    pub matter: String,
    #[arg(long, default_value = "")]
    pub contact: String,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct ClientListArgs {
    /// Include archived clients
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub output: JsonArg,
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// The id (as printed by `add` and `list`)
    pub id: String,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a data source under a client and print its id
    Add(SourceAddArgs),
    /// List data sources
    List(SourceListArgs),
    /// Archive a data source
    Archive(IdArg),
    /// Change a data source's fields given; refused if someone changed it since you read it
    Edit(crate::edit_cmd::SourceEditArgs),
}

#[derive(Debug, Args)]
pub struct SourceAddArgs {
    /// The client's id, or its exact name
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: String,
    #[arg(long)]
    pub name: String,
    /// The channel code (EC, AD, QR, WEB, IMP, BUY, SCR, GRP, REF, NSC, …)
    #[arg(long, value_name = "CODE")]
    pub channel: String,
    /// The messaging platform people are reached on (WhatsApp, WeChat, …)
    #[arg(long, default_value = "")]
    pub platform: String,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct SourceListArgs {
    /// Only this client's (its id, or its exact name)
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: Option<String>,
    /// Include archived sources and those of archived clients
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub output: JsonArg,
}

#[derive(Debug, Subcommand)]
pub enum VendorCommand {
    /// Add a vendor under a client and print its id
    Add(VendorAddArgs),
    /// List vendors, or those whose review is due by a date
    List(VendorListArgs),
    /// Archive a vendor
    Archive(IdArg),
    /// Change a vendor's fields given; refused if someone changed it since you read it
    Edit(crate::edit_cmd::VendorEditArgs),
}

#[derive(Debug, Args)]
pub struct VendorAddArgs {
    /// The client's id, or its exact name
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: String,
    #[arg(long)]
    pub name: String,
    #[arg(long, default_value = "")]
    pub country: String,
    #[arg(long, default_value = "")]
    pub service: String,
    #[arg(long, default_value = "")]
    pub contact: String,
    /// When the entrustment is next due for review
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub next_review: Option<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct VendorListArgs {
    /// Only this client's (its id, or its exact name)
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: Option<String>,
    /// Only vendors whose review is due on or before this date, soonest first
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due_by: Option<String>,
    /// Include archived vendors and those of archived clients
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub output: JsonArg,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add a corrective action and print its id (needs --client or --assessment)
    Add(ActionAddArgs),
    /// List actions, soonest due first
    List(ActionListArgs),
    /// Change an action's status, title, owner, due date or note
    #[command(visible_alias = "edit")]
    Update(ActionUpdateArgs),
}

#[derive(Debug, Args)]
pub struct ActionAddArgs {
    /// Left out with --assessment and --finding: the finding's recommendation, kept in both
    /// languages
    #[arg(long, default_value = "")]
    pub title: String,
    /// The client's id, or its exact name
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: Option<String>,
    /// The assessment the action follows from
    #[arg(long, value_name = "ID")]
    pub assessment: Option<String>,
    #[arg(long, default_value = "")]
    pub owner: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
    /// The finding the action answers (its id in the template)
    #[arg(long, default_value = "")]
    pub finding: String,
    #[arg(long, default_value = "")]
    pub note: String,
    /// Add it even though the finding already has an action
    #[arg(long)]
    pub another: bool,
}

#[derive(Debug, Args)]
pub struct ActionListArgs {
    /// Only this client's (its id, or its exact name)
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: Option<String>,
    /// Only this assessment's
    #[arg(long, value_name = "ID")]
    pub assessment: Option<String>,
    /// Only this status: open, in_progress, done or dropped
    #[arg(long)]
    pub status: Option<String>,
    /// Only open or in-progress actions whose due date has passed (today, local time)
    #[arg(long)]
    pub overdue: bool,
    #[command(flatten)]
    pub output: JsonArg,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)))]
pub struct ActionUpdateArgs {
    pub id: String,
    /// open, in_progress, done or dropped
    #[arg(long, group = "change")]
    pub status: Option<String>,
    /// A new title, kept as typed (a title taken from a finding is then no longer bilingual)
    #[arg(long, group = "change")]
    pub title: Option<String>,
    #[arg(long, group = "change")]
    pub owner: Option<String>,
    /// The new due date; an empty value clears it
    #[arg(long, value_name = "YYYY-MM-DD", group = "change")]
    pub due: Option<String>,
    #[arg(long, group = "change")]
    pub note: Option<String>,
    /// The action's updated_at as you read it (`action list --json`): refused if anyone changed
    /// the action since
    #[arg(long, value_name = "UPDATED_AT")]
    pub if_version: Option<String>,
}

impl Cli {
    /// The actor recorded in the audit log for this invocation.
    pub fn actor(&self) -> String {
        self.actor
            .clone()
            .filter(|name| !name.trim().is_empty())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "unknown".to_owned())
    }
}
