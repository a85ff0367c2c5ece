// The staff API: sign-in, invitations and membership, the inbox and the case, alerts. Content is
// ciphertext as in the pupil API; the server checks who may touch what, never what it says.
// [Note: staff sessions] Staff sign in with a password-derived authKey and a TOTP code; the
// session lives in an HttpOnly, SameSite=Strict cookie (Secure behind TLS) with an idle and an
// absolute timeout; state-changing requests must also carry the header `X-CSRF: 1` and a
// same-origin Origin.
import * as v from 'valibot';
import { B64Schema, UuidSchema } from './common.ts';
import { SealedVersionsSchema } from './org-recovery.ts';
import { B64Bytes, PUPIL_LIMITS } from './pupil.ts';
import type { ThreadAttachmentDto, ThreadMessageDto } from './pupil.ts';

export const STAFF_ROLES = ['counsellor', 'cdr_specialist', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LoginSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.email('must be an e-mail address'),
  v.maxLength(200),
);
export const TotpSchema = v.pipe(v.string(), v.regex(/^\d{6}$/, 'must be 6 digits'));
const ArgonLimitsFields = {
  opslimit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)),
  memlimit: v.pipe(v.number(), v.integer(), v.minValue(8192), v.maxValue(1024 * 1024 * 1024)),
};

// --- sign-in ---------------------------------------------------------------------------------

/** POST /api/staff/login/params: the salt and limits to derive the authKey with. An unknown login
 * gets a made-up salt that is the same on every call, so the answer never tells who exists. */
export const LoginParamsSchema = v.object({ login: LoginSchema });
export interface LoginParamsDto {
  salt: string;
  opslimit: number;
  memlimit: number;
}

/** POST /api/staff/login: 200 + session cookie, or one uniform 401 after a fixed delay. */
export const LoginRequestSchema = v.object({
  login: LoginSchema,
  authKey: B64Bytes(32),
  totp: TotpSchema,
});

export interface KeyGrantDto {
  orgId: string;
  version: number;
  /** The organisation's key bundle of that version sealed to this member (sealOrgKeys). */
  sealedKeys: string;
}

export interface OrgSummaryDto {
  id: string;
  kind: 'school' | 'cdr';
  name: string;
  code: string;
}

/** GET /api/staff/me (and the body of a successful login). */
export interface StaffMeDto {
  id: string;
  login: string;
  displayName: string;
  role: StaffRole;
  /** 'invited': signed up, waiting for a colleague to grant the organisation key. */
  status: 'invited' | 'active';
  org: OrgSummaryDto | null;
  boxPublicKey: string;
  signPublicKey: string;
  /** Personal keys wrapped under the password's wrapKey (wrapPersonalKeys). */
  wrappedKeys: string;
  keyGrants: KeyGrantDto[];
}

/** PUT /api/staff/me/password -> 204: re-wraps only the personal keys. */
export const ChangePasswordSchema = v.object({
  currentAuthKey: B64Bytes(32),
  salt: B64Bytes(16),
  authKey: B64Bytes(32),
  ...ArgonLimitsFields,
  wrappedKeys: B64Schema(512),
});

/** POST /api/staff/recovery/params {login}: the keys wrapped under the recovery key (uniform for unknown logins). */
export const RecoveryParamsSchema = v.object({ login: LoginSchema });
export interface RecoveryParamsDto {
  recoveryWrappedKeys: string;
}

/** POST /api/staff/recovery -> 204 (then sign in again): a new password after the recovery key opened the personal keys;
 * `proof` is an Ed25519 signature by the personal sign key over
 * UTF-8("bezpieczny-glos/v1/recovery\0" + login + "\0" + authKey base64url). */
export const RecoverySchema = v.object({
  login: LoginSchema,
  totp: TotpSchema,
  salt: B64Bytes(16),
  authKey: B64Bytes(32),
  ...ArgonLimitsFields,
  wrappedKeys: B64Schema(512),
  proof: B64Bytes(64),
});

// --- invitations and membership ---------------------------------------------------------------

/** POST /api/staff/invitations by a member: the link is /staff/#invite=<id>.<token>.<secret>;
 * the secret never reaches the server, only sealed to the organisation key (so any member can
 * later check the invitee's MAC). */
export const CreateInvitationSchema = v.object({
  login: LoginSchema,
  displayName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  secretSealed: B64Schema(256),
});
/** POST /api/staff/admin/orgs/:id/invitations: as above, but the administrator's browser seals
 * the secret to the organisation's certified box key; for an organisation without a key yet (its
 * founding member [Note: founding member]) there is nothing to seal to and it is left out. */
export const AdminInvitationSchema = v.object({
  login: LoginSchema,
  displayName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  secretSealed: v.optional(B64Schema(256)),
});
export interface InvitationCreatedDto {
  id: string;
  token: string;
  expiresAt: string;
}

export const InvitationTokenSchema = v.object({
  token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'bad token')),
});
/** POST /api/staff/invitations/:id/open {token}: what the invitee sees, and a fresh TOTP secret. */
export interface InvitationDto {
  orgName: string;
  login: string;
  displayName: string;
  role: StaffRole;
  /** base32 TOTP secret and its otpauth:// URI (for the authenticator app's QR code). */
  totpSecret: string;
  totpUri: string;
}

/** POST /api/staff/invitations/:id/accept: the invitee's keys and password, MAC'd with the secret. */
export const AcceptInvitationSchema = v.object({
  token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'bad token')),
  salt: B64Bytes(16),
  authKey: B64Bytes(32),
  ...ArgonLimitsFields,
  boxPublicKey: B64Bytes(32),
  signPublicKey: B64Bytes(32),
  wrappedKeys: B64Schema(512),
  recoveryWrappedKeys: B64Schema(512),
  /** inviteMac(secret, boxPublicKey, signPublicKey). */
  mac: B64Bytes(32),
  totp: TotpSchema,
});

/** GET /api/staff/members: the organisation's members, pending ones with what a colleague needs. */
export interface MemberDto {
  id: string;
  login: string;
  displayName: string;
  role: StaffRole;
  status: 'invited' | 'active' | 'deactivated';
  boxPublicKey: string;
  signPublicKey: string;
  /** For members waiting for the key: their MAC and the invitation secret sealed to the org key;
   * for a renewal also who started it (they may not confirm it themselves). */
  pending: { mac: string; secretSealed: string; renewedBy: string | null } | null;
  /** The organisation's endorsement of their keys [Note: member endorsement]; null until granted.
   * A rotating browser seals the new key only to members whose endorsement it verified. */
  endorsement: string | null;
}

/** POST /api/staff/members/:id/grant -> 200 MemberDto: the org key sealed to the member, and the
 * endorsement (the server checks it against the organisation's certificate of that version);
 * `older`: the other versions the granting member holds, so old reports open for the newcomer. */
export const GrantSchema = v.object({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  sealedKeys: B64Schema(512),
  endorsement: B64Bytes(64),
  older: v.optional(SealedVersionsSchema),
});

/** POST /api/staff/org-key/versions -> 201 KeyVersionProposedDto, by an active member after a
 * colleague left: the organisation's next key version (the current certificate's version + 1),
 * made in the member's browser, and its secret keys sealed (sealOrgKeys, 210 bytes) to the
 * personal box key of every active member of the organisation, no one else. The server stores
 * the grants and keeps the public keys as a pending proposal for the administrator to sign
 * offline (`npm run admin -- rotate-certificate`); 409 for another version or when that version
 * has grants already, 400 when the grants are not exactly the active members. */
export const NewKeyVersionSchema = v.object({
  version: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(0xffff_ffff)),
  boxPublicKey: B64Bytes(32),
  signPublicKey: B64Bytes(32),
  grants: v.pipe(
    v.array(v.object({ staffId: v.pipe(UuidSchema, v.toLowerCase()), sealedKeys: B64Bytes(210) })),
    v.minLength(1),
    v.maxLength(500),
  ),
  /** The new keys sealed to the organisation's recovery key: required when it has one, refused
   * otherwise [Note: school recovery key]. */
  recoveryGrant: v.optional(B64Bytes(210)),
});
export interface KeyVersionProposedDto {
  version: number;
  grants: number;
}
/** GET /api/staff/org-key/versions/pending (a member): the version of the organisation's
 * proposal waiting for the administrator's certificate, null when none waits. */
export interface PendingKeyVersionDto {
  version: number | null;
}

/** GET /api/staff/admin/pending-keys (admin): the key versions members made that wait for the
 * administrator's certificate, with what `rotate-certificate` needs. */
export interface PendingKeyDto {
  orgId: string;
  code: string;
  name: string;
  version: number;
  boxPublicKey: string;
  signPublicKey: string;
}
export interface PendingKeysDto {
  pending: PendingKeyDto[];
}

/** POST /api/staff/members/:id/renew -> 201 InvitationCreatedDto, by a colleague of the same
 * organisation for a member who lost both password and recovery key: a renewal invitation (the
 * link as for a new member, the secret sealed to the organisation key). The member's sessions and
 * key grants end at once and they wait as 'invited'; accepting replaces their keys, password and
 * TOTP instead of creating an account; a colleague grants the key again after checking the MAC. */
export const RenewMemberSchema = v.object({ secretSealed: B64Schema(256) });

// --- inbox and case ---------------------------------------------------------------------------

export const REPORT_STATUSES = ['new', 'in_progress', 'waiting_for_pupil', 'closed'] as const;
export const TRIAGE_CATEGORIES = [
  'domestic_violence',
  'peer_violence',
  'cyberbullying',
  'self_harm',
  'sexual_abuse',
  'neglect',
  'family_crisis',
  'emotional',
  'other',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const REPORT_FLAGS = ['none', 'false_report', 'test'] as const;

/** Reports per inbox page: the first page is what a counsellor works through now. */
export const INBOX_PAGE = 50;

export const InboxQuerySchema = v.object({
  filter: v.optional(v.picklist(['all', 'unread', 'mine']), 'all'),
  status: v.optional(v.picklist(REPORT_STATUSES)),
  /** 0 is the first page; each holds INBOX_PAGE reports in the inbox's order. */
  page: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, 'must be a whole number'),
      v.transform(Number),
      v.maxValue(1000, 'must be at most 1000'),
    ),
    '0',
  ),
});

export interface InboxItemDto {
  id: string;
  urgent: boolean;
  status: (typeof REPORT_STATUSES)[number];
  category: (typeof TRIAGE_CATEGORIES)[number] | null;
  risk: (typeof RISK_LEVELS)[number] | null;
  assigneeId: string | null;
  flag: (typeof REPORT_FLAGS)[number];
  repliesPaused: boolean;
  createdHour: string;
  /** Since the pupil's first write that is still unanswered (hour precision); null when nobody waits. */
  waitingSince: string | null;
  /** Waiting longer than the school's target (organisations.wait_target_hours). */
  overdue: boolean;
  /** This staff member has not opened it since the pupil last wrote. */
  unread: boolean;
  /** The school handed it to a CdR (open or closed). */
  escalated: boolean;
}

export interface InboxDto {
  items: InboxItemDto[];
  /** More reports follow on the next page. */
  hasMore: boolean;
}

export interface NoteDto {
  id: string;
  authorId: string;
  blob: string;
  signature: string;
  author: { signPublicKey: string; boxPublicKey: string; endorsement: string | null };
  createdAt: string;
}

export interface HistoryEntryDto {
  action: string;
  actorId: string | null;
  at: string;
}

/** GET /api/staff/reports/:id (marks it read for this member). */
export interface CaseDto {
  item: InboxItemDto;
  orgKeyVersion: number;
  body: string;
  threadKeySealed: string;
  /** K_staff sealed to the org key; null until a member first needs it. */
  staffKeySealed: string | null;
  messages: ThreadMessageDto[];
  attachments: ThreadAttachmentDto[];
  notes: NoteDto[];
  history: HistoryEntryDto[];
  /** The CdR the conversation was handed over to, whose specialists may write in the pupil thread
   * (their keys are endorsed by that CdR's certified key); null when it was not handed over. */
  cdrOrgId: string | null;
}

/** POST /api/staff/reports/:id/messages: a signed reply in the pupil thread (next seq). */
export const StaffMessageSchema = v.object({
  id: UuidSchema,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(PUPIL_LIMITS.messagesPerReport)),
  blob: B64Schema(PUPIL_LIMITS.itemBytes),
  signature: B64Bytes(64),
});

/** POST /api/staff/reports/:id/staff-key: set K_staff once (409 when already set). */
export const StaffKeySchema = v.object({ staffKeySealed: B64Bytes(81) });

/** POST /api/staff/reports/:id/notes: a signed note under K_staff (kind note, role counsellor). */
export const NoteSchema = v.object({
  id: UuidSchema,
  blob: B64Schema(PUPIL_LIMITS.itemBytes),
  signature: B64Bytes(64),
});

/** PATCH /api/staff/reports/:id: triage; each field optional, null clears. */
export const TriageSchema = v.object({
  status: v.optional(v.picklist(REPORT_STATUSES)),
  category: v.optional(v.nullable(v.picklist(TRIAGE_CATEGORIES))),
  risk: v.optional(v.nullable(v.picklist(RISK_LEVELS))),
  assigneeId: v.optional(v.nullable(UuidSchema)),
  flag: v.optional(v.picklist(REPORT_FLAGS)),
  repliesPaused: v.optional(v.boolean()),
});

// --- alerts -----------------------------------------------------------------------------------

/** GET/PUT /api/staff/me/alerts: content-free alerts ("a new urgent report at SP 3"). */
export const AlertSettingsSchema = v.object({
  email: v.nullable(v.pipe(v.string(), v.trim(), v.email(), v.maxLength(200))),
  emailEnabled: v.boolean(),
  pushEnabled: v.boolean(),
  urgentOnly: v.boolean(),
});
export type AlertSettingsDto = v.InferOutput<typeof AlertSettingsSchema>;

/** GET /api/staff/me/alerts/push-key -> { publicKey } (VAPID, base64url). */
export interface PushKeyDto {
  publicKey: string;
}

/** GET /api/staff/reports/colleagues: active members of the same school (for assignment). */
export interface ColleaguesDto {
  colleagues: { id: string; displayName: string; role: StaffRole }[];
}

/** POST (and DELETE with {endpoint}) /api/staff/me/alerts/push-subscription. */
export const PushSubscriptionSchema = v.object({
  endpoint: v.pipe(v.string(), v.url(), v.maxLength(1000)),
  keys: v.object({
    p256dh: v.pipe(v.string(), v.maxLength(200)),
    auth: v.pipe(v.string(), v.maxLength(100)),
  }),
});
