// The database as the app sees it: one interface of all tables, and the Kysely types other rooms
// use instead of importing kysely themselves.
import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable, SettingsTable } from './tables/audit.ts';
import type {
  EscalationOutcomesTable,
  EscalationsTable,
  HelpDirectoryTable,
} from './tables/escalations.ts';
import type {
  OrgCertificatesTable,
  OrgKeyGrantsTable,
  OrgRecoveryGrantsTable,
  OrgRecoveryTable,
  OrganisationsTable,
} from './tables/organisations.ts';
import type {
  AttachmentsTable,
  AttachmentChunksTable,
  MessagesTable,
  NotesTable,
  ReportsTable,
} from './tables/reports.ts';
import type { AdmissionLoadTable, PowSpentTable, PupilSessionsTable } from './tables/pupil.ts';
import type { LoginThrottleTable, StaffTable } from './tables/staff.ts';
import type {
  AlertQueueTable,
  AlertSettingsTable,
  InvitationsTable,
  PushSubscriptionsTable,
  ReportReadsTable,
  StaffSessionsTable,
} from './tables/staff-work.ts';

export interface Database {
  organisations: OrganisationsTable;
  org_certificates: OrgCertificatesTable;
  org_key_grants: OrgKeyGrantsTable;
  org_recovery: OrgRecoveryTable;
  org_recovery_grants: OrgRecoveryGrantsTable;
  staff: StaffTable;
  login_throttle: LoginThrottleTable;
  reports: ReportsTable;
  messages: MessagesTable;
  notes: NotesTable;
  attachments: AttachmentsTable;
  attachment_chunks: AttachmentChunksTable;
  escalations: EscalationsTable;
  escalation_outcomes: EscalationOutcomesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  pupil_sessions: PupilSessionsTable;
  pow_spent: PowSpentTable;
  admission_load: AdmissionLoadTable;
  staff_sessions: StaffSessionsTable;
  invitations: InvitationsTable;
  report_reads: ReportReadsTable;
  alert_settings: AlertSettingsTable;
  push_subscriptions: PushSubscriptionsTable;
  alert_queue: AlertQueueTable;
  help_directory: HelpDirectoryTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories take either, so the caller decides the transaction. */
export type DbOrTrx = Db | Trx;
