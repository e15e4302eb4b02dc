// Typed wrappers over the shell's commands. The argument and result types are generated from Rust
// (bindings.ts); only the command names and argument keys are written here, once.
import { invoke } from "@tauri-apps/api/core";
import type {
  ActionInfo,
  ActionStatusOption,
  AssessmentSummary,
  AssessmentView,
  ClientInfo,
  DataSourceInfo,
  Lang,
  NewActionRequest,
  NewAssessmentRequest,
  NewClientRequest,
  NewDataSourceRequest,
  NewVendorRequest,
  PassphraseVerdict,
  ProvisionView,
  ReportInfo,
  ReportRequest,
  ReportSaved,
  SaveAnswerRequest,
  SignOffRequest,
  Startup,
  TemplateInfo,
  UnlockRequest,
  UpdateActionRequest,
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
export const listAssessments = (clientId: string | null) =>
  invoke<AssessmentSummary[]>("list_assessments", { clientId });
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
