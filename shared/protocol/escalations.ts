// Escalation to the Centrum dla Rodzin (CdR) and the CdR workspace, and the help directory.
// [Note: escalation keys] In the counsellor's browser: a new K_esc is sealed to the CdR's
// organisation key (certificate verified against the pinned root, kind 'cdr') and to the school's;
// what the counsellor selects goes into a package under K_esc (kind 'escalation'), the reason too
// (kind 'escalation-reason'), both signed; the per-file keys of selected attachments travel inside
// the package. Handing over the conversation re-seals K_thread to the CdR's key. The CdR–school
// thread (messages thread 'cdr') and the outcome notes are items under K_esc. The server records
// who escalated, when and to whom, and which attachment ids the CdR may download; nothing more.
import * as v from 'valibot';
import { B64Schema, UuidSchema } from './common.ts';
import { ReportContentSchema, TEXT_MAX } from './content.ts';
import {
  B64Bytes,
  PUPIL_LIMITS,
  type ThreadAttachmentDto,
  type ThreadMessageDto,
} from './pupil.ts';
import { RISK_LEVELS, TRIAGE_CATEGORIES, type HistoryEntryDto } from './staff.ts';

/** The CdR's catalogue of services (outcome records). */
export const CDR_SERVICES = [
  'psychological_counselling',
  'family_therapy',
  'couple_therapy',
  'parents_school',
  'support_group',
  'crisis_intervention',
  'crisis_stay',
  'referral_to_partner',
] as const;

/** How an escalation ends, as the school sees it. */
export const ESCALATION_RESULTS = [
  'support_provided',
  'referred_to_partner',
  'niebieska_karta_started',
  'family_declined',
  'no_action_needed',
  'returned_to_school',
] as const;

export const ESCALATION_STATUSES = ['open', 'in_progress', 'closed'] as const;

/** Inside the package (plaintext JSON under K_esc, kind 'escalation'); checked after decryption. */
export const EscalationPackageSchema = v.object({
  v: v.literal(1),
  /** The pupil's report, when the counsellor handed it over. */
  report: v.nullable(ReportContentSchema),
  /** Selected messages of the pupil thread, as read in the counsellor's browser. */
  messages: v.array(
    v.object({
      seq: v.number(),
      authorRole: v.picklist(['pupil', 'counsellor', 'cdr']),
      text: v.pipe(v.string(), v.maxLength(TEXT_MAX)),
      createdAt: v.string(),
    }),
  ),
  /** Selected attachments with their per-file keys (base64url), so the CdR can open them. */
  attachments: v.array(
    v.object({
      attachmentId: UuidSchema,
      name: v.string(),
      type: v.string(),
      size: v.number(),
      fileKey: v.string(),
    }),
  ),
  /** The counsellor's summary for the CdR. */
  summary: v.pipe(v.string(), v.maxLength(TEXT_MAX)),
  /** The school's triage when it handed the case over (absent in packages made before it was
   * added; null fields when the school had not assessed it). */
  triage: v.optional(
    v.object({
      category: v.nullable(v.picklist(TRIAGE_CATEGORIES)),
      risk: v.nullable(v.picklist(RISK_LEVELS)),
    }),
  ),
});
export type EscalationPackage = v.InferOutput<typeof EscalationPackageSchema>;

/** POST /api/staff/reports/:id/escalations (a counsellor of the report's school). */
export const CreateEscalationSchema = v.object({
  id: UuidSchema,
  cdrOrgId: UuidSchema,
  cdrKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  schoolKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  urgent: v.boolean(),
  escKeySealedCdr: B64Bytes(81),
  escKeySealedSchool: B64Bytes(81),
  package: B64Schema(PUPIL_LIMITS.itemBytes * 4),
  packageSignature: B64Bytes(64),
  reason: B64Schema(PUPIL_LIMITS.itemBytes),
  reasonSignature: B64Bytes(64),
  /** K_thread sealed to the CdR key when the conversation with the pupil is handed over. */
  threadKeySealedCdr: v.nullable(B64Bytes(81)),
  /** Attachment ids of this report the CdR may download (their keys are in the package). */
  attachmentIds: v.pipe(v.array(UuidSchema), v.maxLength(PUPIL_LIMITS.attachmentsPerReport * 4)),
});

export interface EscalationItemDto {
  id: string;
  reportId: string;
  school: { id: string; name: string; code: string };
  cdrOrgId: string;
  status: (typeof ESCALATION_STATUSES)[number];
  urgent: boolean;
  createdAt: string;
  assigneeId: string | null;
  threadHandedOver: boolean;
  result: (typeof ESCALATION_RESULTS)[number] | null;
  niebieskaKartaDate: string | null;
  closedAt: string | null;
}

export interface SignedByDto {
  id: string;
  signPublicKey: string;
  boxPublicKey: string;
  endorsement: string | null;
  orgId: string;
}

export interface OutcomeDto {
  id: string;
  service: (typeof CDR_SERVICES)[number];
  /** Optional note under K_esc (kind 'outcome', role cdr), signed; null without a note. */
  note: string | null;
  signature: string | null;
  author: SignedByDto;
  createdAt: string;
}

/** GET /api/staff/escalations/:id: for a CdR member or a member of the report's school. */
export interface EscalationCaseDto {
  item: EscalationItemDto;
  /** K_esc sealed to the caller's organisation key, and that key's version. */
  escKeySealed: string;
  keyVersion: number;
  package: string;
  packageSignature: string;
  reason: string;
  reasonSignature: string;
  createdBy: SignedByDto;
  /** The CdR–school thread (under K_esc, signed, chained like the pupil thread). */
  messages: ThreadMessageDto[];
  outcomes: OutcomeDto[];
  /** For CdR members when the conversation was handed over: the pupil thread itself. */
  pupilThread: {
    threadKeySealedCdr: string;
    messages: ThreadMessageDto[];
    /** Files sent with messages after the hand-over [Note: hand-over point]; the ones the
     * counsellor selected before it travel in the package. */
    attachments: ThreadAttachmentDto[];
  } | null;
  history: HistoryEntryDto[];
}

/** POST /api/staff/escalations/:id/messages (CdR member or the school's counsellor). */
export const EscalationMessageSchema = v.object({
  id: UuidSchema,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(PUPIL_LIMITS.messagesPerReport)),
  blob: B64Schema(PUPIL_LIMITS.itemBytes),
  signature: B64Bytes(64),
});

/** PATCH /api/staff/escalations/:id (CdR member): assignment, status, Niebieska Karta date. */
export const EscalationUpdateSchema = v.object({
  status: v.optional(v.picklist(['open', 'in_progress'])),
  assigneeId: v.optional(v.nullable(UuidSchema)),
  niebieskaKartaDate: v.optional(v.nullable(v.pipe(v.string(), v.isoDate('must be YYYY-MM-DD')))),
});

/** POST /api/staff/escalations/:id/outcomes (CdR member). */
export const OutcomeSchema = v.object({
  id: UuidSchema,
  service: v.picklist(CDR_SERVICES),
  note: v.nullable(B64Schema(PUPIL_LIMITS.itemBytes)),
  signature: v.nullable(B64Bytes(64)),
});

/** POST /api/staff/escalations/:id/close (CdR member): the result the school sees. */
export const CloseEscalationSchema = v.object({ result: v.picklist(ESCALATION_RESULTS) });

// --- the help directory -------------------------------------------------------------------------

export const HelpEntrySchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  kind: v.picklist(['cdr', 'partner', 'helpline']),
  address: v.nullable(v.pipe(v.string(), v.maxLength(300))),
  phone: v.nullable(v.pipe(v.string(), v.maxLength(50))),
  hours: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  offer: v.object({
    pl: v.pipe(v.string(), v.maxLength(2000)),
    uk: v.pipe(v.string(), v.maxLength(2000)),
    en: v.pipe(v.string(), v.maxLength(2000)),
  }),
  url: v.nullable(v.pipe(v.string(), v.url(), v.maxLength(300))),
});
export type HelpEntryInput = v.InferOutput<typeof HelpEntrySchema>;

/** GET /api/help (public): the CdR, partners and helplines, in pl/uk/en. */
export interface HelpEntryDto extends HelpEntryInput {
  id: string;
}
