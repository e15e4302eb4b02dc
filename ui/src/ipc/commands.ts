// Generated from src-tauri/src/command_list.rs and the handlers' signatures by
// tests/it/ipc_contract.rs: do not edit. `cargo xtask bindings` rewrites it. Argument and result
// types are the Rust wire types of bindings.ts; an optional argument is a trailing `Option`.
import { invoke } from "@tauri-apps/api/core";
import type {
  ActionInfo,
  ActionStatusOption,
  AssessmentSummary,
  AssessmentView,
  AuditCheckView,
  BackupView,
  ChangePassphraseRequest,
  ChannelCatalogue,
  ClientInfo,
  ClientOverview,
  CommentInfo,
  CommentThread,
  DashboardView,
  DataSourceInfo,
  DisplayNameRequest,
  ErasureView,
  ExportRequest,
  ExportSaved,
  KeepUntilView,
  KeptKind,
  Lang,
  LinkOption,
  NewActionRequest,
  NewAssessmentRequest,
  NewClientRequest,
  NewDataSourceRequest,
  NewVendorRequest,
  OverviewRow,
  PassphraseVerdict,
  ProfileView,
  ProvisionView,
  RegisterKind,
  ReportInfo,
  ReportRequest,
  ReportSaved,
  RestoreView,
  SaveAnswerRequest,
  SearchHitView,
  SessionStatus,
  SettingsView,
  SignOffRequest,
  Startup,
  TeamConnectRequest,
  TeamMember,
  TemplateExportRequest,
  TemplateImportView,
  TemplateInfo,
  TemplateLibraryView,
  UnlockRequest,
  UpdateActionRequest,
  UpdateClientRequest,
  UpdateDataSourceRequest,
  UpdateVendorRequest,
  VaultInfo,
  VendorInfo,
  VersionDiffView,
} from "./bindings";

export const startup = () =>
  invoke<Startup>("startup");

export const setLanguage = (lang: Lang) =>
  invoke<void>("set_language", { lang });

export const checkPassphrase = (request: UnlockRequest) =>
  invoke<PassphraseVerdict>("check_passphrase", { request });

export const createVault = (request: UnlockRequest) =>
  invoke<VaultInfo>("create_vault", { request });

export const unlockVault = (request: UnlockRequest) =>
  invoke<VaultInfo>("unlock_vault", { request });

export const lockVault = () =>
  invoke<void>("lock_vault");

/**
 * Connects as the member of `request`, closing whatever was open, and remembers the connection
 * and user (never the password) for the start screen. Returns who is signed in.
 */
export const connectTeam = (request: TeamConnectRequest) =>
  invoke<TeamMember>("connect_team", { request });

/**
 * Sets a display name, the name printed on what a member signs: the signed-in member's own, or
 * (an admin) another member's; the database checks which. Returns who is signed in now, and
 * the session records new changes under his new name. On a vault, `api` refuses it by name
 * (kind `team_only`: the vault's signer is the profile's name).
 */
export const setDisplayName = (request: DisplayNameRequest) =>
  invoke<TeamMember>("set_display_name", { request });

export const listClients = (includeArchived: boolean | null = null) =>
  invoke<ClientInfo[]>("list_clients", { includeArchived });

export const addClient = (request: NewClientRequest) =>
  invoke<ClientInfo>("add_client", { request });

export const listDataSources = (clientId: string | null = null, includeArchived: boolean | null = null) =>
  invoke<DataSourceInfo[]>("list_data_sources", { clientId, includeArchived });

export const addDataSource = (request: NewDataSourceRequest) =>
  invoke<DataSourceInfo>("add_data_source", { request });

export const listVendors = (clientId: string | null = null, includeArchived: boolean | null = null) =>
  invoke<VendorInfo[]>("list_vendors", { clientId, includeArchived });

export const addVendor = (request: NewVendorRequest) =>
  invoke<VendorInfo>("add_vendor", { request });

/**
 * The templates a new assessment can start from: the bundled ones and the vault's custom folder
 * (core's library decides which wins); only the bundled ones while locked.
 */
export const listTemplates = () =>
  invoke<TemplateInfo[]>("list_templates");

export const listAssessments = (clientId: string | null = null, limit: number | null = null) =>
  invoke<AssessmentSummary[]>("list_assessments", { clientId, limit });

export const createAssessment = (request: NewAssessmentRequest) =>
  invoke<AssessmentSummary>("create_assessment", { request });

export const getAssessment = (id: string) =>
  invoke<AssessmentView>("get_assessment", { id });

export const saveAnswer = (request: SaveAnswerRequest) =>
  invoke<AssessmentView>("save_answer", { request });

export const getProvision = (key: string) =>
  invoke<ProvisionView | null>("get_provision", { key });

/**
 * `version`: the assessment's `updated_at` as the screen read it; a colleague's change since is
 * refused as stale.
 */
export const submitAssessment = (id: string, version: string | null = null) =>
  invoke<AssessmentView>("submit_assessment", { id, version });

export const signOff = (request: SignOffRequest) =>
  invoke<AssessmentView>("sign_off", { request });

export const reopenAssessment = (id: string) =>
  invoke<AssessmentSummary>("reopen_assessment", { id });

/** Links the assessment to one it rests on; returns its fresh view (findings, linked routes). */
export const linkAssessment = (id: string, linkedId: string) =>
  invoke<AssessmentView>("link_assessment", { id, linkedId });

export const linkOptions = (id: string) =>
  invoke<LinkOption[]>("link_options", { id });

export const listActions = (clientId: string | null = null, assessmentId: string | null = null) =>
  invoke<ActionInfo[]>("list_actions", { clientId, assessmentId });

export const actionStatuses = () =>
  invoke<ActionStatusOption[]>("action_statuses");

export const addAction = (request: NewActionRequest) =>
  invoke<ActionInfo>("add_action", { request });

export const updateAction = (request: UpdateActionRequest) =>
  invoke<ActionInfo>("update_action", { request });

export const listReports = (assessmentId: string | null = null, clientId: string | null = null) =>
  invoke<ReportInfo[]>("list_reports", { assessmentId, clientId });

/**
 * Generates a report (one assessment's, or the client memo), asks where to save it, records it
 * in the vault and writes it. `None` when the user cancels the dialog: nothing is kept.
 * 
 * The report is drawn while the dialog is open (on its own thread, under the session lock like
 * any call), so once the user has chosen where, only keeping it and writing the file are left:
 * drawing a long bilingual PDF took as long as the rest of the wait after the dialog. A
 * cancelled dialog drops what was drawn; keeping happens only after a path is chosen.
 */
export const generateReport = (request: ReportRequest) =>
  invoke<ReportSaved | null>("generate_report", { request });

/**
 * Saves again the exact bytes of a report kept in the vault. Returns the file's name, or `None`
 * when the user cancels.
 */
export const saveReportCopy = (id: string) =>
  invoke<string | null>("save_report_copy", { id });

export const updateClient = (request: UpdateClientRequest) =>
  invoke<ClientInfo>("update_client", { request });

export const updateDataSource = (request: UpdateDataSourceRequest) =>
  invoke<DataSourceInfo>("update_data_source", { request });

export const updateVendor = (request: UpdateVendorRequest) =>
  invoke<VendorInfo>("update_vendor", { request });

export const setArchived = (kind: RegisterKind, id: string, archived: boolean) =>
  invoke<void>("set_archived", { kind, id, archived });

/** What erasing a client would remove: the counts the confirmation names. */
export const erasurePreview = (clientId: string) =>
  invoke<ErasureView>("erasure_preview", { clientId });

/** Erases a client's whole matter once `confirmation` is its exact name (checked in core). */
export const eraseClient = (clientId: string, confirmation: string) =>
  invoke<ErasureView>("erase_client", { clientId, confirmation });

export const getKeepUntil = (kind: KeptKind, id: string) =>
  invoke<KeepUntilView>("get_keep_until", { kind, id });

/**
 * Sets the date (YYYY-MM-DD), or clears it when `date` is null. `version`: the view's `version`
 * as the screen read it; a colleague's change since is refused as stale. `date_read`: the
 * view's `keep_until` as the field read it ("" for none); a date someone set since is refused
 * as stale, naming him.
 */
export const setKeepUntil = (kind: KeptKind, id: string, date: string | null = null, version: string | null = null, dateRead: string | null = null) =>
  invoke<KeepUntilView>("set_keep_until", { kind, id, date, version, dateRead });

export const getDashboard = () =>
  invoke<DashboardView>("get_dashboard");

export const getClientOverview = (clientId: string) =>
  invoke<ClientOverview>("get_client_overview", { clientId });

export const getPortfolio = () =>
  invoke<OverviewRow[]>("get_portfolio");

export const getChannelCatalogue = () =>
  invoke<ChannelCatalogue>("get_channel_catalogue");

/**
 * Whether the vault is still open. Asking does not count as activity, so the UI can poll it to
 * learn that the vault locked itself.
 */
export const sessionStatus = () =>
  invoke<SessionStatus>("session_status");

/** The user is active (typing, clicking) without calling anything else: postpones auto-lock. */
export const keepAlive = () =>
  invoke<SessionStatus>("keep_alive");

/** The dashboard's search box; core decides what matches (short Chinese terms included). */
export const search = (query: string) =>
  invoke<SearchHitView[]>("search", { query });

export const getSettings = () =>
  invoke<SettingsView>("get_settings");

/** Saves the profile; from now on its name is the actor of every change. */
export const saveProfile = (profile: ProfileView) =>
  invoke<SettingsView>("save_profile", { profile });

export const setAutoLock = (minutes: number) =>
  invoke<SettingsView>("set_auto_lock", { minutes });

/**
 * Re-encrypts the vault under a new passphrase after checking the current one. Both are moved
 * into zeroizing secrets at once.
 */
export const changePassphrase = (request: ChangePassphraseRequest) =>
  invoke<void>("change_passphrase", { request });

/**
 * Checks the whole vault file (every page's authentication and SQLite's own integrity check),
 * then walks the audit chain against its anchor; an error names what is broken. On a team
 * database (no file of ours to check), walks every chain the member may check.
 */
export const verifyAudit = () =>
  invoke<AuditCheckView>("verify_audit");

/**
 * Chooses another vault file: the open vault (if any) is locked first, the new path becomes the
 * one the unlock screen offers and is remembered for the next start. `None` when cancelled.
 */
export const openVaultFile = () =>
  invoke<Startup | null>("open_vault_file");

/**
 * Writes an encrypted, consistent copy of the open vault (same passphrase) where the user
 * chooses. `None` when cancelled.
 */
export const backupVault = () =>
  invoke<BackupView | null>("backup_vault");

/**
 * Writes a recovery copy where the user chooses; `None` when the dialog is cancelled. A weak
 * recovery passphrase is refused before the dialog opens.
 */
export const backupRecovery = (recovery: string) =>
  invoke<BackupView | null>("backup_recovery", { recovery });

/**
 * Replaces the vault file with a backup the user picks, which must open with the passphrase it
 * was made under (given here) and pass every check first; the replaced vault is kept beside it
 * under a new name. The restored vault is left open. `None` when the dialog is cancelled.
 */
export const restoreVault = (request: UnlockRequest) =>
  invoke<RestoreView | null>("restore_vault", { request });

/**
 * Exports a register or an assessment where the user chooses. `None` when cancelled: nothing is
 * exported or recorded.
 */
export const exportTable = (request: ExportRequest) =>
  invoke<ExportSaved | null>("export_table", { request });

export const templateLibrary = () =>
  invoke<TemplateLibraryView>("template_library");

/** Chooses the custom template folder. `None` when cancelled. */
export const chooseTemplateFolder = () =>
  invoke<TemplateLibraryView | null>("choose_template_folder");

/** Stops using a custom template folder; assessments started from it keep their snapshots. */
export const clearTemplateFolder = () =>
  invoke<TemplateLibraryView>("clear_template_folder");

/**
 * Imports a template file into the folder (core's id and version rules apply). `None` when
 * cancelled.
 */
export const importTemplate = () =>
  invoke<TemplateImportView | null>("import_template");

/**
 * Saves a template (of the library, or an assessment's snapshot) as a TOML file. Returns the
 * file's name, or `None` when cancelled.
 */
export const exportTemplate = (request: TemplateExportRequest) =>
  invoke<string | null>("export_template", { request });

/**
 * Asks for a file, reads it and attaches it to an evidence question of a draft. `None` when the
 * user cancels the dialog: nothing is read or stored.
 */
export const attachEvidence = (assessmentId: string, questionId: string) =>
  invoke<AssessmentView | null>("attach_evidence", { assessmentId, questionId });

/** What changed from `older` to `newer`: answers (worded), findings added and removed, rating. */
export const diffVersions = (older: string, newer: string) =>
  invoke<VersionDiffView>("diff_versions", { older, newer });

/** The version's comments by question, open ones first. */
export const listComments = (assessmentId: string) =>
  invoke<CommentThread[]>("list_comments", { assessmentId });

/** Comments on one question of a draft or a version in review. */
export const addComment = (assessmentId: string, questionId: string, text: string) =>
  invoke<CommentInfo>("add_comment", { assessmentId, questionId, text });

/** Marks a comment resolved; it stays listed, as resolved. */
export const resolveComment = (commentId: string) =>
  invoke<CommentInfo>("resolve_comment", { commentId });
