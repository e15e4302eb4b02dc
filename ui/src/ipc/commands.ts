// Typed wrappers over the shell's commands. The argument and result types are generated from Rust
// (bindings.ts); only the command names and argument keys are written here, once.
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
  ClientOverview,
  ClientInfo,
  DashboardView,
  ErasureView,
  KeepUntilView,
  KeptKind,
  ExportRequest,
  ExportSaved,
  DataSourceInfo,
  Lang,
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
} from "./bindings";

export const startup = () => invoke<Startup>("startup");
export const setLanguage = (lang: Lang) => invoke<void>("set_language", { lang });
export const checkPassphrase = (request: UnlockRequest) =>
  invoke<PassphraseVerdict>("check_passphrase", { request });
export const createVault = (request: UnlockRequest) => invoke<VaultInfo>("create_vault", { request });
export const unlockVault = (request: UnlockRequest) => invoke<VaultInfo>("unlock_vault", { request });
export const lockVault = () => invoke<void>("lock_vault");

// Registers.
export const listClients = () => invoke<ClientInfo[]>("list_clients");
export const addClient = (request: NewClientRequest) => invoke<ClientInfo>("add_client", { request });
export const listDataSources = (clientId: string | null) =>
  invoke<DataSourceInfo[]>("list_data_sources", { clientId });
export const addDataSource = (request: NewDataSourceRequest) =>
  invoke<DataSourceInfo>("add_data_source", { request });
export const listVendors = (clientId: string | null) => invoke<VendorInfo[]>("list_vendors", { clientId });
export const addVendor = (request: NewVendorRequest) => invoke<VendorInfo>("add_vendor", { request });

// Assessments.
export const listTemplates = () => invoke<TemplateInfo[]>("list_templates");
export const listAssessments = (clientId: string | null, limit: number | null = null) =>
  invoke<AssessmentSummary[]>("list_assessments", { clientId, limit });
export const createAssessment = (request: NewAssessmentRequest) =>
  invoke<AssessmentSummary>("create_assessment", { request });
export const getAssessment = (id: string) => invoke<AssessmentView>("get_assessment", { id });
export const saveAnswer = (request: SaveAnswerRequest) => invoke<AssessmentView>("save_answer", { request });

// Review and sign-off.
export const submitAssessment = (id: string) => invoke<AssessmentView>("submit_assessment", { id });
export const signOff = (request: SignOffRequest) => invoke<AssessmentView>("sign_off", { request });
export const reopenAssessment = (id: string) => invoke<AssessmentSummary>("reopen_assessment", { id });

// Actions.
export const listActions = (filter: { clientId?: string | null; assessmentId?: string | null }) =>
  invoke<ActionInfo[]>("list_actions", {
    clientId: filter.clientId ?? null,
    assessmentId: filter.assessmentId ?? null,
  });
export const actionStatuses = () => invoke<ActionStatusOption[]>("action_statuses");
export const addAction = (request: NewActionRequest) => invoke<ActionInfo>("add_action", { request });
export const updateAction = (request: UpdateActionRequest) => invoke<ActionInfo>("update_action", { request });

// Reports. The shell opens the save dialog itself; `null` means the user cancelled it.
export const listReports = (filter: { assessmentId?: string | null; clientId?: string | null }) =>
  invoke<ReportInfo[]>("list_reports", {
    assessmentId: filter.assessmentId ?? null,
    clientId: filter.clientId ?? null,
  });
export const generateReport = (request: ReportRequest) => invoke<ReportSaved | null>("generate_report", { request });
export const saveReportCopy = (id: string) => invoke<string | null>("save_report_copy", { id });

// The law register.
export const getProvision = (key: string) => invoke<ProvisionView | null>("get_provision", { key });

// Settings, dashboard, editing registers, the session.
export const listClientsWithArchived = () => invoke<ClientInfo[]>("list_clients", { includeArchived: true });
export const listDataSourcesWithArchived = (clientId: string) =>
  invoke<DataSourceInfo[]>("list_data_sources", { clientId, includeArchived: true });
export const listVendorsWithArchived = (clientId: string) =>
  invoke<VendorInfo[]>("list_vendors", { clientId, includeArchived: true });
export const updateClient = (request: UpdateClientRequest) => invoke<ClientInfo>("update_client", { request });
export const updateDataSource = (request: UpdateDataSourceRequest) =>
  invoke<DataSourceInfo>("update_data_source", { request });
export const updateVendor = (request: UpdateVendorRequest) => invoke<VendorInfo>("update_vendor", { request });
export const setArchived = (kind: RegisterKind, id: string, archived: boolean) =>
  invoke<void>("set_archived", { kind, id, archived });
export const erasurePreview = (clientId: string) => invoke<ErasureView>("erasure_preview", { clientId });
export const eraseClient = (clientId: string, confirmation: string) =>
  invoke<ErasureView>("erase_client", { clientId, confirmation });
export const getKeepUntil = (kind: KeptKind, id: string) => invoke<KeepUntilView>("get_keep_until", { kind, id });
export const setKeepUntil = (kind: KeptKind, id: string, date: string | null) =>
  invoke<KeepUntilView>("set_keep_until", { kind, id, date });
export const getDashboard = () => invoke<DashboardView>("get_dashboard");
export const getClientOverview = (clientId: string) => invoke<ClientOverview>("get_client_overview", { clientId });
export const getPortfolio = () => invoke<OverviewRow[]>("get_portfolio");
export const getChannelCatalogue = () => invoke<ChannelCatalogue>("get_channel_catalogue");
export const sessionStatus = () => invoke<SessionStatus>("session_status");
export const keepAlive = () => invoke<SessionStatus>("keep_alive");
export const getSettings = () => invoke<SettingsView>("get_settings");
export const saveProfile = (profile: ProfileView) => invoke<SettingsView>("save_profile", { profile });
export const setAutoLock = (minutes: number) => invoke<SettingsView>("set_auto_lock", { minutes });
export const changePassphrase = (request: ChangePassphraseRequest) =>
  invoke<void>("change_passphrase", { request });
export const verifyAudit = () => invoke<AuditCheckView>("verify_audit");
/** Opens the native open dialog (in Rust); `null` when cancelled. */
export const openVaultFile = () => invoke<Startup | null>("open_vault_file");
/** Opens the native save dialog (in Rust) and writes an encrypted backup; `null` when cancelled. */
export const backupVault = () => invoke<BackupView | null>("backup_vault");
export const backupRecovery = (recovery: string) => invoke<BackupView | null>("backup_recovery", { recovery });

// wizard: risks, heat map, evidence, diff
import type { AssessmentView as AttachedView, VersionDiffView } from "./bindings";
/** Opens the native open dialog (in Rust), stores the chosen file in the vault as evidence for the
 * question and returns the fresh view; `null` when the dialog was cancelled. */
export const attachEvidence = (assessmentId: string, questionId: string) =>
  invoke<AttachedView | null>("attach_evidence", { assessmentId, questionId });
/** Core's comparison of an older version with a newer one. */
export const diffVersions = (older: string, newer: string) =>
  invoke<VersionDiffView>("diff_versions", { older, newer });
export const search = (query: string) => invoke<SearchHitView[]>("search", { query });
/** Opens the native save dialog (in Rust) and writes a CSV or XLSX export; `null` when cancelled. */
export const exportTable = (request: ExportRequest) => invoke<ExportSaved | null>("export_table", { request });

// Custom templates. Folders and files are chosen through dialogs opened by the shell.
export const templateLibrary = () => invoke<TemplateLibraryView>("template_library");
export const chooseTemplateFolder = () => invoke<TemplateLibraryView | null>("choose_template_folder");
export const clearTemplateFolder = () => invoke<TemplateLibraryView>("clear_template_folder");
export const importTemplate = () => invoke<TemplateImportView | null>("import_template");
export const exportTemplate = (request: TemplateExportRequest) =>
  invoke<string | null>("export_template", { request });
/** Opens the native open dialog (in Rust), verifies the chosen backup under `request.passphrase`
 * and only then replaces the vault (the old one is kept aside); `null` when cancelled. */
export const restoreVault = (request: UnlockRequest) => invoke<RestoreView | null>("restore_vault", { request });
