// The tables as Kysely sees them: one interface per table of migrations/. Shared by the
// *-repository.ts files of every module; nothing else should need it.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface OrganisationsTable {
  id: Generated<string>;
  kind: 'gemeente' | 'samenwerkingsverband';
  name: string;
  gemeentecode: string | null;
  province: string | null;
  lead_gemeente_id: string | null;
  legal_subject_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface CollaborationMembersTable {
  id: Generated<string>;
  collaboration_id: string;
  gemeente_id: string;
  domain: 'jeugd' | 'wmo' | 'beschermd-wonen';
  valid_from: string;
  valid_to: string | null;
  created_at: CreatedAt;
}

export interface RoundsTable {
  id: Generated<string>;
  name: string;
  half_year: string;
  previous_half_year: string | null;
  delivery_opens_at: Timestamp;
  delivery_closes_at: Timestamp;
  pilot_target_at: Timestamp | null;
  withdrawal_opens_at: Timestamp;
  withdrawal_closes_at: Timestamp;
  spec_version: string;
  /** Calendar dates (0028-d); null: the days of the intrekkingsperiode. */
  cbs_form_opens_on: ColumnType<string | null, string | null | undefined, string | null>;
  cbs_form_closes_on: ColumnType<string | null, string | null | undefined, string | null>;
  cbs_withdrawal_form_url: ColumnType<string | null, string | null | undefined, string | null>;
  cbs_withdrawal_form_email: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** Who participants can turn to in a round (0029-a): the servicedesk and CBS. */
export interface RoundContactsTable {
  round_id: string;
  servicedesk_phone: string;
  servicedesk_email: string;
  servicedesk_hours_nl: string;
  servicedesk_hours_en: string;
  cbs_phone: string | null;
  cbs_email: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RoundParticipantsTable {
  round_id: string;
  organisation_id: string;
  is_pilot: boolean;
}

export interface UsersTable {
  id: Generated<string>;
  name: string;
  email: string;
  eherkenning_subject: string | null;
  is_disabled: Generated<boolean>;
  email_confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

export interface UserRolesTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string | null;
  role: 'gebruikersbeheerder' | 'aanleveraar' | 'rapportontvanger' | 'intrekker' | 'operator' | 'cbs';
  granted_at: CreatedAt;
}

export interface StaffLegalSubjectsTable {
  role: 'operator' | 'cbs';
  legal_subject_id: string;
}

export interface InvitationsTable {
  id: Generated<string>;
  organisation_id: string;
  user_id: string;
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface EmailConfirmationsTable {
  id: Generated<string>;
  user_id: string;
  email: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  confirmed_at: Timestamp | null;
}

export interface LoginFlowsTable {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  invitation_id: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  acting_organisation_id: string | null;
  legal_subject_id: string;
  csrf_token: string;
  id_token: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  attempted_at: CreatedAt;
  outcome: 'success' | 'failure';
  reason: string | null;
  acting_subject: string | null;
  legal_subject_id: string | null;
  level_of_assurance: string | null;
  user_id: string | null;
  organisation_id: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  kind: ColumnType<'organisation' | 'cbs', 'organisation' | 'cbs' | undefined, never>;
  organisation_id: string | null;
  name: string;
  token_prefix: string;
  token_hash: string;
  roles: string[];
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface RegistrationRequestsTable {
  id: Generated<string>;
  organisation_id: string;
  applicant_name: string;
  applicant_email: string;
  applicant_function: string | null;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<string>;
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  dedupe_key: string | null;
  created_at: CreatedAt;
  attempts: Generated<number>;
  // Set on insert from the worker's scheduling clock, never the database's now() (see enqueueMail).
  next_attempt_at: ColumnType<Date, Date | string, Date | string>;
  sent_at: Timestamp | null;
  last_error: string | null;
  failed_at: Timestamp | null;
}

export type DeliveryState = 'received' | 'checking' | 'approved' | 'rejected' | 'withdrawn';

export interface DeliveriesTable {
  id: Generated<string>;
  receipt_number: string;
  round_id: string;
  organisation_id: string;
  gemeente_id: string;
  half_year: string;
  channel: 'portal' | 'api';
  uploaded_by: string | null;
  api_token_id: string | null;
  state: ColumnType<DeliveryState, DeliveryState | undefined, DeliveryState>;
  received_at: Timestamp;
  checked_at: Timestamp | null;
  technical_notice_due_at: Timestamp;
  content_report_due_at: Timestamp | null;
  report: ColumnType<unknown | null, string | null | undefined, string | null>;
  /** Per-file verdicts: 'partially_approved' when some files of an approved delivery were rejected. */
  outcome: ColumnType<DeliveryOutcome | null, DeliveryOutcome | null | undefined, DeliveryOutcome | null>;
  withdrawn_at: ColumnType<Date | null, never, Date | null>;
  withdrawal_id: ColumnType<string | null, never, string | null>;
  purged_at: ColumnType<Date | null, never, Date | null>;
}

export interface DeliveryFilesTable {
  id: Generated<string>;
  delivery_id: string;
  position: number;
  name: string;
  bytes: number;
  sha256: string;
  stored_file_id: string;
  wrapped_key: string | null;
  destroyed_at: ColumnType<Date | null, never, Date | null>;
  /** The withdrawal that erased this file (set once, migration 0028-b); null while it exists. */
  withdrawal_id: ColumnType<string | null, never, string | null>;
}

export type DeliveryOutcome = 'approved' | 'partially_approved' | 'rejected';

/** One data file of a checked delivery and its own verdict (status): only 'approved' can be in force. */
export interface DeliveryReportFilesTable {
  id: Generated<string>;
  delivery_id: string;
  name: string;
  file_type: string | null;
  period: string | null;
  status: 'approved' | 'rejected';
  /** The stored file it was read from (a ZIP holds several); null for rows made before migration 0015. */
  delivery_file_id: string | null;
  sha256: string | null;
  bytes: number | null;
  /** The gemeentecode the file is about (a successor's file may be a predecessor's; migration 0028-c). */
  gemeentecode: Generated<string | null>;
}

/** The duplicate rule in the database: one claim per gemeente, half year and content. */
export interface DeliveryIdempotencyKeysTable {
  organisation_id: string;
  idempotency_key: string;
  fingerprint: string;
  delivery_id: string;
  created_at: Generated<Date>;
}

export interface DeliveredFileClaimsTable {
  gemeente_id: string;
  half_year: string;
  sha256: string;
  delivery_id: string;
  name: string;
}

export type DownloadKind =
  | 'technical_report_json'
  | 'technical_report_csv'
  | 'technical_report_html'
  | 'content_report_html'
  | 'content_report_pdf'
  | 'content_report_csv'
  | 'content_report_json'
  | 'cbs_content_report_pdf';

export interface DownloadsTable {
  id: Generated<string>;
  downloaded_at: Timestamp;
  delivery_id: string;
  kind: DownloadKind;
  user_id: string | null;
  api_token_id: string | null;
  organisation_id: string | null;
  outcome: 'success' | 'error';
  error: string | null;
}

export interface PendingUploadsTable {
  stored_file_id: string;
  host: string;
  pid: number;
  created_at: CreatedAt;
}

export interface AuditEntriesTable {
  seq: number;
  id: string;
  recorded_at: Timestamp;
  actor_kind: 'user' | 'api_token' | 'system';
  actor_user_id: string | null;
  actor_token_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_ids: string[];
  details: ColumnType<unknown, string, never>;
  previous_hash: string;
  hash: string;
}

export interface WithdrawalsTable {
  id: Generated<string>;
  round_id: string;
  gemeente_id: string;
  channel: 'portal' | 'cbs_form';
  requested_by: string | null;
  reason: string | null;
  form_received_on: string | null;
  form_reference: string | null;
  withdrawn_at: Timestamp;
  deleted: ColumnType<unknown, string, never>;
  /** The part withdrawn (migration 0028-b): both null = the whole round; a half year; a type of it. */
  half_year: string | null;
  file_type: 'wmo' | 'wmo-kosten' | 'sbw' | 'jeugd' | null;
}

export interface ContentReportsTable {
  delivery_id: string;
  state: 'held' | 'placed';
  contents: ColumnType<unknown, string, string>;
  generated_at: Timestamp;
  placed_at: Timestamp | null;
}

export interface ContentReportHoldsTable {
  id: Generated<string>;
  round_id: string;
  gemeente_id: string | null;
  held_by: string | null;
  held_at: Timestamp;
  released_by: string | null;
  released_at: Timestamp | null;
}

export interface RemindersTable {
  id: Generated<string>;
  reminder_key: string;
  kind: 'window_closing' | 'report_not_fetched' | 'pilot_target';
  round_id: string;
  organisation_id: string;
  subject: string;
  /** ReminderFacts as JSON; null for reminders recorded before migration 0010. */
  facts: ColumnType<unknown | null, string | null | undefined, never>;
  recipients: number;
  sent_at: Timestamp;
}

export interface PilotFeedbackTable {
  id: Generated<string>;
  kind: 'feedback' | 'evaluation';
  round_id: string;
  organisation_id: string;
  user_id: string | null;
  rating: number;
  body: string;
  page: string | null;
  answers: ColumnType<unknown | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface Schema {
  organisations: OrganisationsTable;
  collaboration_members: CollaborationMembersTable;
  rounds: RoundsTable;
  round_participants: RoundParticipantsTable;
  round_contacts: RoundContactsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  staff_legal_subjects: StaffLegalSubjectsTable;
  invitations: InvitationsTable;
  email_confirmations: EmailConfirmationsTable;
  login_flows: LoginFlowsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  api_tokens: ApiTokensTable;
  registration_requests: RegistrationRequestsTable;
  outbox: OutboxTable;
  deliveries: DeliveriesTable;
  delivery_files: DeliveryFilesTable;
  delivery_report_files: DeliveryReportFilesTable;
  delivered_file_claims: DeliveredFileClaimsTable;
  delivery_idempotency_keys: DeliveryIdempotencyKeysTable;
  downloads: DownloadsTable;
  pending_uploads: PendingUploadsTable;
  audit_entries: AuditEntriesTable;
  withdrawals: WithdrawalsTable;
  content_reports: ContentReportsTable;
  content_report_holds: ContentReportHoldsTable;
  reminders: RemindersTable;
  pilot_feedback: PilotFeedbackTable;
}

/** What a repository function runs on: the database, or a transaction the service opened. */
export type Db = import('kysely').Kysely<Schema> | import('kysely').Transaction<Schema>;
