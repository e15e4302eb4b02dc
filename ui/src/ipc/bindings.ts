// Generated from crates/core/src/api/ by `cargo xtask bindings`; do not edit.

export type ErrorKind = "wrong_passphrase" | "weak_passphrase" | "vault_not_found" | "vault_exists" | "empty_file" | "truncated" | "not_encrypted" | "not_a_vault" | "corrupted" | "disk_full" | "read_only" | "permission_denied" | "vault_busy" | "vault_vanished" | "is_a_folder" | "wal_unwritable" | "output_failed" | "schema_too_new" | "vault_locked" | "io" | "database" | "invalid_template" | "template_refused" | "audit_broken" | "invalid_answers" | "not_found" | "ambiguous" | "invalid_input" | "bundle_wrong_passphrase" | "bundle_damaged" | "bundle_too_new" | "bundle_conflict" | "invalid_cnil" | "erasure_held_open" | "erasure_wipe_pending" | "stale" | "own_work" | "not_permitted" | "team_database" | "not_in_team_mode" | "team_only";

export type ApiError = { kind: ErrorKind, message: string, };

export type Lang = "zh" | "en";

export type Guessable = "keyboard_pattern" | "repeats" | "sequence" | "common_password" | "dates" | "single_word" | "names" | "short";

export type WeakReason = { "reason": "too_guessable", why: Guessable, };

export type Startup = { 
/**
 * The UI language: the user's last choice, else the system locale's.
 */
lang: Lang, 
/**
 * The vault the app will open (the last one used, else the default location).
 */
vault_path: string, 
/**
 * Whether a file exists there: the screen offers "unlock" if so, "create" if not.
 */
vault_exists: boolean, 
/**
 * The team database connected to last (never its password), to offer it again.
 */
last_team: LastTeam | null, };

export type PassphraseVerdict = { acceptable: boolean, weakness: WeakReason | null, 
/**
 * The weakness in the requested language, empty when acceptable.
 */
message: string, };

export type LastTeam = { conninfo: string, user: string, };

export type TeamConnectRequest = { 
/**
 * A libpq connection string or URI, without a password (refused if it has one).
 */
conninfo: string, 
/**
 * The member's login name; overrides a user named in `conninfo`.
 */
user: string, password: string, lang: Lang, };

export type TeamRole = "author" | "reviewer" | "approver" | "admin";

export type TeamMember = { 
/**
 * The login role (what the audit log records).
 */
role_name: string, 
/**
 * The name printed on sign-offs.
 */
display_name: string, roles: Array<TeamRole>, 
/**
 * Manages members and grants and sees every client.
 */
admin: boolean, 
/**
 * The connection as typed (no password), to say which database this is.
 */
conninfo: string, };

export type DisplayNameRequest = { 
/**
 * The member's login name; absent or empty: the signed-in member himself.
 */
member?: string, display_name: string, };

export type VaultInfo = { path: string, schema_version: number, audit_entries: number, 
/**
 * The vault cannot be written where it lies: it was opened read-only, and every change
 * will be refused.
 */
read_only: boolean, };

export type UnlockRequest = { passphrase: string, lang: Lang, };

export type Bilingual = { zh: string, en: string, };

export type ClientInfo = { id: string, name: string, matter: string, contact: string, notes: string, archived: boolean, created_at: string, updated_at: string, };

export type NewClientRequest = { name: string, matter: string, contact: string, notes: string, };

export type DataSourceInfo = { id: string, client_id: string, name: string, channel: string, platform: string, notes: string, archived: boolean, created_at: string, updated_at: string, };

export type NewDataSourceRequest = { client_id: string, name: string, channel: string, platform: string, notes: string, };

export type VendorInfo = { id: string, client_id: string, name: string, country: string, service: string, contact: string, next_review: string | null, notes: string, archived: boolean, created_at: string, updated_at: string, };

export type NewVendorRequest = { client_id: string, name: string, country: string, service: string, contact: string, next_review: string, notes: string, };

export type Kind = "data_source" | "vendor" | "pia" | "transfer";

export type Status = "draft" | "in_review" | "approved" | "rejected";

export type Rating = "compliant" | "conditional" | "high_risk" | "prohibited";

export type Certainty = "settled" | "provisional" | "undetermined";

export type RatingBadge = { rating: Rating, label: Bilingual, certainty: Certainty, wording: Bilingual, };

export type Severity = "info" | "low" | "medium" | "high" | "critical";

export type Regime = "eu" | "prc" | "both";

export type QuestionKind = "ynp" | "single_choice" | "multi_choice" | "text" | "date" | "number" | "likelihood" | "severity" | "evidence" | "group";

export type TemplateInfo = { id: string, version: string, kind: Kind, title: Bilingual, description: Bilingual, };

export type AssessmentSummary = { id: string, kind: Kind, template_id: string, title: string, client_id: string | null, 
/**
 * The client's name, where a list shows it (`None` elsewhere, or with no client).
 */
client_name: string | null, data_source_id: string | null, vendor_id: string | null, status: Status, version: number, 
/**
 * The version this one was re-opened from.
 */
previous_id: string | null, rating: RatingBadge, findings: number, unanswered_required: number, updated_at: string, };

export type NewAssessmentRequest = { template_id: string, title: string, client_id: string | null, subject_id: string | null, };

export type AnswerValue = number | string | Array<string> | Array<{ [key in string]: CellValue }>;

export type CellValue = number | string | Array<string>;

export type SaveAnswerRequest = { assessment_id: string, question_id: string, value: AnswerValue | null, 
/**
 * The answer's version as the view gave it (`AssessmentView::answer_versions`, "" for a
 * question it had no answer to): if anyone saved this answer since, the save is refused
 * (kind `stale`) and nothing is written. Absent: saved whatever the version.
 */
version?: string, };

export type ChoiceView = { value: string, label: Bilingual, help: Bilingual | null, };

export type QuestionView = { id: string, kind: QuestionKind, text: Bilingual, help: Bilingual | null, required: boolean, 
/**
 * Law-register keys, in the template's order.
 */
cite: Array<string>, 
/**
 * For `ynp`: the values offered (a subset of yes / no / partial / na).
 */
options: Array<string>, choices: Array<ChoiceView>, unit: Bilingual | null, 
/**
 * For `group`: the table's columns, in template order.
 */
columns: Array<ColumnView>, 
/**
 * For `group`: the starting rows offered (the PIA risk catalogue).
 */
catalogue: Array<CatalogueEntryView>, };

export type SectionView = { id: string, title: Bilingual, description: Bilingual | null, questions: Array<QuestionView>, 
/**
 * Required questions shown (as the total counts them: optional ones are left out).
 */
shown: number, answered: number, };

export type FindingView = { id: string, severity: Severity, regime: Regime, title: Bilingual, explanation: Bilingual, recommendation: Bilingual, cite: Array<string>, 
/**
 * The root cause its rule names (`lawful-basis`, `notice` …), for grouping; set where the
 * template is at hand (the wizard view).
 */
theme: string | null, 
/**
 * Linking an assessment of this kind clears the finding (the transfer assessment that
 * decides the route): the wizard offers the link beside it. Set where the template is at hand.
 */
cleared_by_link: Kind | null, };

export type OpenPointView = { question_id: string, text: Bilingual, 
/**
 * The rules that could fire once it is answered.
 */
rules: Array<string>, };

export type StandingView = { certainty: Certainty, could_reach: RatingBadge | null, points: Array<OpenPointView>, };

export type RatingsView = { eu: RatingBadge | null, prc: RatingBadge | null, overall: RatingBadge, };

export type OutcomeView = { ratings: RatingsView, findings: Array<FindingView>, 
/**
 * Required questions that are shown but unanswered, in template order.
 */
unanswered_required: Array<string>, 
/**
 * How many required questions are shown: the wizard's progress is over these alone.
 */
required_shown: number, 
/**
 * Vendor assessments: the vendor's tier and the contract's clause coverage.
 */
tier: TierBadge | null, coverage: CoverageView | null, standing: StandingView, };

export type Decision = "approve" | "reject";

export type AttestationView = { key: string, label: Bilingual, };

export type SignOffView = { name: string, role: string, decision: Decision, comment: string, attestations: Array<string>, 
/**
 * The fingerprint of the answers that were signed.
 */
answers_sha256: string, signed_at: string, 
/**
 * The rating as signed (frozen); null for a sign-off recorded before ratings were frozen.
 */
signed_rating: Bilingual | null, engine_version: string, law_version: string, 
/**
 * Decisive points open when it was signed: an approval with any is "with reservations".
 */
reservations: Array<OpenPointView>, 
/**
 * Set when today's rules score the same answers differently; the signed rating stands.
 */
rescored: Bilingual | null, };

export type ReviewView = { sign_offs: Array<SignOffView>, attestations: Array<AttestationView>, previous_version_id: string | null, 
/**
 * Set once this version has been re-opened: work continues there.
 */
newer_version_id: string | null, default_name: string, default_role: string, };

export type AssessmentView = { assessment: AssessmentSummary, template_title: Bilingual, template_version: string, sections: Array<SectionView>, 
/**
 * Ids of the questions shown for the current answers, in template order.
 */
shown: Array<string>, answers: { [key in string]: AnswerValue }, 
/**
 * The version of each stored answer, by question id, as read with `answers`: what a save
 * carries back (`SaveAnswerRequest::version`) so that one made after a colleague's is refused.
 */
answer_versions: { [key in string]: string }, outcome: OutcomeView, 
/**
 * The findings counted by severity, grouped, and the few to fix first.
 */
findings_summary: FindingsSummary, 
/**
 * The citation (as lawyers write it) of every provision the questions and findings cite.
 */
citations: { [key in string]: Bilingual }, 
/**
 * Labels of the 1–4 likelihood and severity levels, when the template has them.
 */
likelihood_labels: Array<Bilingual>, severity_labels: Array<Bilingual>, 
/**
 * Only a draft can be answered.
 */
editable: boolean, 
/**
 * Comments may be added and resolved (a draft or a version in review).
 */
takes_comments: boolean, review: ReviewView, 
/**
 * The heat map, for a template with a risk register.
 */
risk_map: RiskMapView | null, 
/**
 * The files the evidence answers list, oldest first.
 */
evidence: Array<EvidenceInfo>, 
/**
 * The route on each side, for a transfer assessment.
 */
transfer_route: TransferRouteView | null, 
/**
 * The transfer assessments it links to, with their routes.
 */
linked_transfers: Array<LinkedTransferView>, };

export type SignOffRequest = { assessment_id: string, name: string, role: string, decision: Decision, comment: string, attestations: Array<string>, 
/**
 * Approve with the open decisive points as reservations (required while any is open).
 */
with_reservations: boolean, 
/**
 * The assessment's `updated_at` as the signer's view read it: if anyone changed it since (an
 * answer saved, its status moved), the sign-off is refused (kind `stale`, naming who and
 * when) and nothing is written. Absent: signed whatever changed.
 */
version?: string, };

export type ActionStatus = "open" | "in_progress" | "done" | "dropped";

export type ActionStatusOption = { status: ActionStatus, label: Bilingual, 
/**
 * Still to be done (open or in progress), as core judges it.
 */
pending: boolean, };

export type ActionInfo = { id: string, assessment_id: string | null, client_id: string | null, finding_id: string, 
/**
 * The title as typed, or the finding's words in English when `title_words` is set.
 */
title: string, 
/**
 * The finding's words in both languages, shown in the UI's language; `null` once typed.
 */
title_words: Bilingual | null, 
/**
 * The assessment's title and the client's name, to link back to them (`null` where the
 * list was not asked for them, or the action has none).
 */
assessment_title: string | null, client_name: string | null, owner: string, due_date: string | null, status: ActionStatusOption, note: string, 
/**
 * Pending and due before today (the door's date), as core judges it.
 */
overdue: boolean, created_at: string, updated_at: string, };

export type NewActionRequest = { assessment_id: string | null, client_id: string | null, finding_id: string, title: string, owner: string, due_date: string, note: string, another: boolean, };

export type UpdateActionRequest = { id: string, status: ActionStatus | null, title: string | null, owner: string | null, due_date: string | null, note: string | null, 
/**
 * The action's `updated_at` as the door read it: if anyone changed the action since, the
 * change is refused (kind `stale`, naming who and when) and nothing is written. Absent:
 * saved whatever was stored.
 */
version?: string, };

export type ReportLanguage = "zh" | "en" | "bi";

export type ReportKind = "memo" | "vendor" | "pia" | "transfer";

export type ReportFileFormat = "pdf" | "docx";

export type ReportInfo = { id: string, kind: ReportKind, assessment_id: string | null, client_id: string | null, lang: ReportLanguage, 
/**
 * Always present (`pdf` for reports kept before DOCX existed); optional on the wire only so
 * that UI code written before it keeps compiling.
 */
format?: ReportFileFormat, sha256: string, size: number, generated_by: string, generated_at: string, };

export type ReportRequest = { assessment_id: string | null, client_id: string | null, lang: ReportLanguage, 
/**
 * PDF when absent.
 */
format?: ReportFileFormat, };

export type ReportSaved = { report: ReportInfo, file_name: string, pages: number, 
/**
 * Characters the font could not draw (each printed as a visible [?]).
 */
missing: Array<string>, };

export type DifferenceView = { id: string, title: Bilingual, explanation: Bilingual, gdpr: Array<string>, pipl: Array<string>, };

export type ProvisionView = { key: string, article: Bilingual, title: Bilingual, gist: Bilingual, 
/**
 * Not confirmed at all: the UI marks it [verify].
 */
verify: boolean, 
/**
 * How it was verified: `official`, `secondary` or `unverified`.
 */
status: string, 
/**
 * The official text's address, shown as text to copy (the app opens nothing).
 */
source: string | null, 
/**
 * `YYYY-MM-DD`, only where a person checked it on that day.
 */
checked: string | null, note: Bilingual | null, differences: Array<DifferenceView>, };

export type UpdateClientRequest = { id: string, name: string, matter: string, contact: string, notes: string, 
/**
 * The entry's `updated_at` as the door read it: if anyone changed the entry since, the edit
 * is refused (kind `stale`, naming who and when) and nothing is written. Absent: saved
 * whatever was stored (an older door).
 */
version?: string, };

export type UpdateDataSourceRequest = { id: string, name: string, channel: string, platform: string, notes: string, 
/**
 * The entry's `updated_at` as the door read it: if anyone changed the entry since, the edit
 * is refused (kind `stale`, naming who and when) and nothing is written. Absent: saved
 * whatever was stored (an older door).
 */
version?: string, };

export type UpdateVendorRequest = { id: string, name: string, country: string, service: string, contact: string, 
/**
 * YYYY-MM-DD, or blank for none.
 */
next_review: string, notes: string, 
/**
 * The entry's `updated_at` as the door read it: if anyone changed the entry since, the edit
 * is refused (kind `stale`, naming who and when) and nothing is written. Absent: saved
 * whatever was stored (an older door).
 */
version?: string, };

export type RegisterKind = "client" | "data_source" | "vendor";

export type StatusCounts = { draft: number, in_review: number, approved: number, rejected: number, };

export type VendorReviewDue = { vendor: VendorInfo, client_name: string, 
/**
 * Negative when the review date has passed.
 */
days_left: number, };

export type RetentionDue = { assessment_id: string, title: string, client_name: string | null, version: number, approved_on: string, keep_until: string, years: number, 
/**
 * Negative when the date has passed.
 */
days_left: number, };

export type DashboardView = { today: string, 
/**
 * Counted over the same current versions that `recent` lists, so the figures and the list
 * never disagree (a re-opened approved v1 is neither counted nor listed: its draft v2 is).
 */
counts: StatusCounts, 
/**
 * The newest current assessments (at most [`RECENT_ASSESSMENTS`]), newest first.
 */
recent: Array<AssessmentSummary>, clients: number, 
/**
 * The audit log's length now as its anchor counts it (what `audit verify` checks the log
 * against), not when the vault was unlocked.
 */
audit_entries: number, overdue_actions: Array<ActionInfo>, due_soon_actions: Array<ActionInfo>, vendor_reviews_due: Array<VendorReviewDue>, retention_due: Array<RetentionDue>, 
/**
 * Clients and assessment versions past their keep-until date (`retention.rs`).
 */
due_for_erasure: Array<ErasureDue>, actions_due_soon_days: number, vendor_review_days: number, retention_days: number, };

export type SeverityCounts = { critical: number, high: number, medium: number, low: number, info: number, };

export type FindingGroupView = { key: string, title: Bilingual, worst: Severity, findings: Array<string>, };

export type FindingsSummary = { counts: SeverityCounts, groups: Array<FindingGroupView>, 
/**
 * The critical and high findings, most severe first (at most [`FIX_FIRST`]):
 * `assessment::fix_first`, as the memo shows them.
 */
fix_first: Array<string>, };

export type ChannelCatalogue = { channels: Array<ChoiceView>, platforms: Array<ChoiceView>, };

export type NextStep = "assess" | "continue" | "review" | "open";

export type RowAssessment = { id: string, version: number, status: Status, ratings: RatingsView, 
/**
 * Required questions answered, of those shown: progress never counts optional questions.
 */
required_answered: number, required_total: number, updated_at: string, };

export type LastSignOff = { decision: Decision, name: string, 
/**
 * YYYY-MM-DD.
 */
date: string, version: number, };

export type OverviewRow = { kind: Kind, 
/**
 * The data source or vendor of the register; `None` for a PIA (and for an assessment
 * filed under the client without a register entry).
 */
entry_id: string | null, client_id: string, client_name: string, 
/**
 * The register entry's name, or the PIA's title.
 */
name: string, 
/**
 * What the entry is: the channel type and platforms (by the template's labels), or the
 * vendor's country and service.
 */
detail: Array<Bilingual>, assessment: RowAssessment | null, open_actions: number, overdue_actions: number, last_sign_off: LastSignOff | null, 
/**
 * YYYY-MM-DD: the vendor's review date, or the date a PIA names for its next review.
 */
next_review: string | null, next_step: NextStep, };

export type ClientOverview = { client: ClientInfo, rows: Array<OverviewRow>, };

export type ProfileView = { name: string, role: string, firm: string, };

export type StorageView = { file_bytes: number, wal_bytes: number, evidence_count: number, evidence_bytes: number, report_count: number, report_bytes: number, 
/**
 * The largest attachment the vault takes.
 */
max_evidence_bytes: number, };

export type SettingsView = { profile: ProfileView, auto_lock_minutes: number, auto_lock_max_minutes: number, vault_path: string, storage: StorageView, };

export type ChangePassphraseRequest = { current: string, new: string, };

export type AuditCheckView = { 
/**
 * Entries over every chain checked.
 */
entries: number, 
/**
 * The vault's chain head; "" on a team database (each chain has its own, in `chains`).
 */
head_hash: string, 
/**
 * Each chain checked, all intact.
 */
chains: Array<AuditChainView>, 
/**
 * `false` for a team member who is not an admin: the chains of clients not granted to him
 * were not checked.
 */
all_chains: boolean, };

export type AuditChainView = { 
/**
 * The client whose chain it is; `null` for a vault's one chain and for a team database's
 * chain of entries about no client (the firm's).
 */
client_id: string | null, 
/**
 * The client's name while the reader sees the client; `null` for the chains above and for
 * the chain of an erased client (its entries outlive it).
 */
client_name: string | null, entries: number, head_hash: string, };

export type BackupView = { file_name: string, size: number, audit_entries: number, };

export type RestoreView = { vault: VaultInfo, 
/**
 * The file name the replaced vault was moved to (kept, never deleted), if there was one.
 */
previous_file: string | null, audit_entries: number, };

export type SessionStatus = { unlocked: boolean, 
/**
 * The vault was locked after the idle time set in the settings.
 */
locked_for_idle: boolean, auto_lock_minutes: number, };

export type ExportKind = "data_sources" | "vendors" | "actions" | "answers";

export type SheetFormat = "csv" | "xlsx";

export type ExportRequest = { kind: ExportKind, client_id: string | null, assessment_id: string | null, format: SheetFormat, };

export type ExportSaved = { file_name: string, rows: number, 
/**
 * The audit chain head after the export was recorded, to note down outside the vault.
 */
audit_entries: number, audit_head: string, };

export type ColumnView = { id: string, kind: QuestionKind, label: Bilingual, 
/**
 * Every row must fill it before core accepts the group.
 */
required: boolean, 
/**
 * For `ynp` columns: the values offered.
 */
options: Array<string>, choices: Array<ChoiceView>, };

export type CatalogueEntryView = { 
/**
 * What the picker shows: the row's `title` (or its first text cell).
 */
label: Bilingual, zh: { [key in string]: CellValue }, en: { [key in string]: CellValue }, };

export type Tier = "low" | "medium" | "high" | "critical";

export type TierBadge = { tier: Tier, label: Bilingual, };

export type ClauseStatus = "present" | "partial" | "missing" | "unchecked";

export type ClauseView = { question_id: string, status: ClauseStatus, label: Bilingual, };

export type CoverageView = { mandatory: number, present: number, partial: number, missing: number, unchecked: number, 
/**
 * 0–100, one decimal, over the checked clauses; null while none is checked.
 */
percent: number | null, 
/**
 * The coverage as core words it ("75.0 % of the 2 clauses checked; 10 not yet checked", "not
 * yet checked (12 clauses)").
 */
label: Bilingual, clauses: Array<ClauseView>, };

export type RiskLevel = "low" | "medium" | "high" | "severe";

export type RiskLevelView = { level: RiskLevel, label: Bilingual, };

export type RiskPointView = { 
/**
 * 1–4.
 */
impact: number, 
/**
 * 1–4.
 */
likelihood: number, level: RiskLevel, };

export type RiskView = { 
/**
 * 1-based: the row of the saved register, as the table numbers it.
 */
number: number, title: string, 
/**
 * The category's label (the raw value when the template has no such choice).
 */
category: Bilingual | null, 
/**
 * Inherent: before measures. Absent until impact and likelihood are rated.
 */
before: RiskPointView | null, 
/**
 * After measures: the residual point, or the inherent one while no residual likelihood is
 * rated (the level that still counts, as scoring reads it).
 */
after: RiskPointView | null, };

export type RiskMapView = { 
/**
 * The risk register question the map belongs under.
 */
question_id: string, 
/**
 * `cells[impact-1][likelihood-1]`: the matrix level of each cell.
 */
cells: Array<Array<RiskLevel>>, 
/**
 * Every level, lowest first, with its name: the legend.
 */
levels: Array<RiskLevelView>, risks: Array<RiskView>, 
/**
 * The matrix comes from a draft standard still to be checked against the published text.
 */
verify: boolean, };

export type EvidenceInfo = { id: string, question_id: string, file_name: string, size: number, sha256: string, added_by: string, added_at: string, };

export type CommentInfo = { id: string, assessment_id: string, question_id: string, 
/**
 * Who wrote it (team mode: the member, as the database knows him).
 */
author: string, text: string, created_at: string, resolved_by: string | null, resolved_at: string | null, };

export type CommentThread = { question_id: string, open: number, comments: Array<CommentInfo>, };

export type AnswerChangeView = { question_id: string, 
/**
 * The question's text (its id when the template no longer has it).
 */
question: Bilingual, section: Bilingual | null, before: Bilingual | null, after: Bilingual | null, };

export type FindingChangeView = { id: string, severity: Severity, title: Bilingual, };

export type VersionDiffView = { older: AssessmentSummary, newer: AssessmentSummary, 
/**
 * In questionnaire order.
 */
answers: Array<AnswerChangeView>, findings_added: Array<FindingChangeView>, findings_removed: Array<FindingChangeView>, rating_before: RatingBadge, rating_after: RatingBadge, };

export type SearchHitKind = "client" | "data_source" | "vendor" | "assessment" | "answer" | "finding" | "question" | "action" | "contact" | "evidence";

export type SearchHitView = { kind: SearchHitKind, 
/**
 * The entry: for an answer, finding or question, its assessment; for a contact, its client
 * or vendor; an action's or evidence file's own id otherwise.
 */
id: string, 
/**
 * The assessment the hit lies in, where there is one: opened at the question or finding.
 */
assessment_id: string | null, 
/**
 * For an answer, question or evidence file: the question.
 */
question_id: string | null, 
/**
 * For a finding, or an action taken on one: the finding.
 */
finding_id: string | null, title: string, 
/**
 * For a finding, its title; for a question, its text: the hit's own words, in both
 * languages (`title` then names the assessment it lies in).
 */
label: Bilingual | null, client_id: string | null, client_name: string | null, 
/**
 * The snippet whole (for the CLI), and cut around the matched term (marked on screen).
 */
snippet: string, snippet_before: string, snippet_match: string, snippet_after: string, archived: boolean, };

export type TemplateOrigin = "bundled" | "custom";

export type TemplateEntryView = { info: TemplateInfo, origin: TemplateOrigin, 
/**
 * A custom template's file name in the folder.
 */
file: string | null, 
/**
 * For a custom template with a bundled id: the bundled version it replaces.
 */
replaces: string | null, 
/**
 * For a custom template: the library's decision, e.g. "data-source: custom 1.2.0 replaces
 * bundled 1.1.0".
 */
note: Bilingual | null, };

export type TemplateProblemKind = "invalid" | "unreadable" | "not_newer" | "conflict" | "shadowed" | "folder";

export type TemplateProblemView = { file: string, kind: TemplateProblemKind, messages: Array<Bilingual>, };

export type TemplateLibraryView = { 
/**
 * The custom template folder, if one is set.
 */
folder: string | null, templates: Array<TemplateEntryView>, problems: Array<TemplateProblemView>, };

export type TemplateImportView = { file: string, decision: Bilingual, notes: Array<Bilingual>, library: TemplateLibraryView, };

export type TemplateExportRequest = { template_id: string | null, assessment_id: string | null, };

export type ErasureView = { client_id: string, data_sources: number, vendors: number, assessments: number, answers: number, links: number, signoffs: number, evidence: number, reports: number, actions: number, bundle_imports: number, 
/**
 * Audit entries that stay, with what they said blanked.
 */
audit_entries: number, 
/**
 * In a preview, the latest keep-until date in the matter when it has not passed yet (part
 * of it is still to be kept, e.g. a signed PIA's legal minimum): the confirmation warns.
 */
kept_until: string | null, 
/**
 * The matter is (or was) in a team database: the server keeps deleted rows until its
 * administrator vacuums the tables, and its earlier dumps keep them, so the doors must not
 * say, as they do of a vault, that only the user's own copies are left.
 */
kept_by_server: boolean, };

export type KeptKind = "client" | "assessment";

export type KeepUntilView = { kind: KeptKind, id: string, 
/**
 * YYYY-MM-DD; `None` when none is set.
 */
keep_until: string | null, 
/**
 * The earliest date allowed (a signed-off PIA's legal minimum); `None` when any date is.
 */
minimum: string | null, 
/**
 * The client's or assessment's `updated_at` as read with the date: what a change carries
 * back (`set_keep_until_read`) so that one made after a colleague's change is refused.
 */
version: string, };

export type ErasureDue = { kind: KeptKind, id: string, 
/**
 * The client's name or the assessment's title.
 */
name: string, 
/**
 * The assessment's version; 0 for a client.
 */
version: number, 
/**
 * The client whose matter an erasure would remove (`None`: an assessment filed under no
 * client, which no erasure reaches).
 */
client_id: string | null, client_name: string | null, keep_until: string, 
/**
 * Whole days since the date (at least 1).
 */
days_past: number, };

export type RouteCitationView = { key: string, 
/**
 * As lawyers write it; the key itself when the register does not know it.
 */
article: Bilingual, 
/**
 * `official`, `secondary` or `unverified` (shown as [verify]).
 */
status: string, };

export type RouteDutyView = { 
/**
 * `recipient_notice`, `separate_consent`, `impact_assessment`,
 * `transfer_impact_assessment`, `eu_representative`.
 */
kind: string, 
/**
 * Whether the answers say it is met; absent while not answered.
 */
met: boolean | null, text: Bilingual, };

export type OpenFactView = { question_id: string, text: Bilingual, };

export type RouteSideView = { 
/**
 * PRC: `exempt`, `contract_or_certification`, `security_assessment`, `undetermined`;
 * EU: `no_transfer`, `adequacy`, `scc`, `scc_not_available`, `derogation`, `undetermined`.
 */
route: string, 
/**
 * The route in one sentence.
 */
text: Bilingual, 
/**
 * PRC exemption grounds (`art5_4_below_threshold` …), security-assessment triggers
 * (`ciio`, `important_data`, `people`, `sensitive_people`), EU no-transfer reason or
 * derogations: the details behind `route`.
 */
grounds: Array<string>, 
/**
 * Why an exemption is "likely — verify" (`reach_of_art4`, `zone_list_in_force`).
 */
likely_verify: string | null, 
/**
 * The SCC module (1–4) of an `scc` route.
 */
scc_module: number | null, 
/**
 * The transfer should not start or continue: EU, the transfer impact assessment finds the
 * destination's law impinges with no working measure; PRC, the mechanism the route requires
 * (security assessment, standard contract or certification) is answered as missing.
 */
should_not_proceed: boolean, cite: Array<RouteCitationView>, duties: Array<RouteDutyView>, 
/**
 * The questions still to answer, for an undetermined route.
 */
missing: Array<OpenFactView>, 
/**
 * EU: the day the destination's law and practice were last checked.
 */
laws_checked_on: string | null, };

export type TransferRouteView = { prc: RouteSideView | null, eu: RouteSideView | null, };

export type LinkedTransferView = { 
/**
 * The id that was linked (possibly an older version).
 */
linked_id: string, 
/**
 * The version the link follows now.
 */
assessment_id: string, title: string, version: number, 
/**
 * `signed`: the latest approved version; `current`: no version is approved yet, so the
 * current one (not signed off) is shown.
 */
follows: string, route: TransferRouteView, };

export type LinkOption = { id: string, kind: Kind, title: string, version: number, status: Status, 
/**
 * Already linked: listed so the user sees what the assessment rests on.
 */
linked: boolean, };
