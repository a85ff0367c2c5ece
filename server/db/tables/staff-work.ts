import type { Generated, Insertable, Selectable } from 'kysely';
import type { AlertKind } from '../../alerts/types.ts';

/** A signed-in staff member [Note: staff sessions]; only the token's SHA-256 is stored. */
export interface StaffSessionsTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end; the idle end is last_seen_at + the idle timeout. */
  expires_at: string;
}

export interface InvitationsTable {
  id: string;
  org_id: string;
  role: 'counsellor' | 'cdr_specialist' | 'admin';
  login: string;
  display_name: string;
  /** hex SHA-256 of the link's server token. */
  token_hash: string;
  /** The link's secret sealed to the organisation's box key (the server cannot read it). */
  secret_sealed: string;
  /** Issued when the invitee opens the link; checked when they accept. */
  totp_secret: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_staff_id: string | null;
  /** inviteMac of the accepted member's public keys. */
  mac: string | null;
  /** Set when the invitation renews the keys of this existing member (lost password and key). */
  renews_staff_id: Generated<string | null>;
}

export interface ReportReadsTable {
  report_id: string;
  staff_id: string;
  read_at: string;
}

export interface AlertSettingsTable {
  staff_id: string;
  email: string | null;
  email_enabled: number;
  push_enabled: number;
  urgent_only: number;
}

export interface PushSubscriptionsTable {
  endpoint: string;
  staff_id: string;
  p256dh: string;
  auth: string;
  created_at: string;
}

export type StaffSession = Selectable<StaffSessionsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
export type AlertSettings = Selectable<AlertSettingsTable>;
export type PushSubscription = Selectable<PushSubscriptionsTable>;

/** Alerts waiting for their (delayed) delivery [Note: alert delay]; never names the report in
 * clear. */
export interface AlertQueueTable {
  id: string;
  kind: AlertKind;
  org_id: string;
  school_org_id: string | null;
  urgent: number;
  /** Ordinary alerts of one organisation, kind and hour share a row; null: a row of its own. */
  batch_key: string | null;
  due_at: string;
  /** A process delivering the row holds it until then; after a crash another one takes it. */
  claimed_until: string | null;
  /** An escalation's alert links to it; null for every other kind [Note: alert links]. */
  escalation_id: string | null;
  /** An urgent alert's report, sealed with a key only the queuing process holds [Note: urgent
   * alert links]; null for every other alert. */
  case_link_sealed: string | null;
}

export type QueuedAlert = Selectable<AlertQueueTable>;
