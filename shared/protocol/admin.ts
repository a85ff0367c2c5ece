// Administration and oversight: the retention policy, the organisations' settings,
// prevention-monitoring statistics and the audit log view (API under /api/staff/admin/retention,
// /api/staff/admin/orgs, /api/staff/stats, /api/staff/audit).
// Everything here is metadata the server already holds; no content exists to show.
import * as v from 'valibot';
import { SchoolCodeSchema, UuidSchema } from './common.ts';
import type { CDR_SERVICES, ESCALATION_RESULTS } from './escalations.ts';
import type { RISK_LEVELS, StaffRole, TRIAGE_CATEGORIES } from './staff.ts';

// --- retention ---------------------------------------------------------------------------------

const Months = v.pipe(
  v.number(),
  v.integer('must be a whole number of months'),
  v.minValue(1, 'must be at least 1 month'),
  v.maxValue(120, 'must be at most 120 months'),
);

/** PUT /api/staff/admin/retention (administrator); GET answers the same shape. */
export const RetentionPolicySchema = v.object({
  /** Months after its last change that a closed report is deleted. */
  closedMonths: Months,
  /** Months after its last change that a report flagged false_report or test is deleted. */
  flaggedMonths: Months,
});

export type RetentionPolicyDto = v.InferOutput<typeof RetentionPolicySchema>;

export const DEFAULT_RETENTION: RetentionPolicyDto = { closedMonths: 12, flaggedMonths: 3 };

/** GET /api/staff/admin/retention also says when the job last ran (null: never). */
export interface RetentionStatusDto extends RetentionPolicyDto {
  lastRun: string | null;
}

// --- organisation settings ---------------------------------------------------------------------

/**
 * PUT /api/staff/admin/orgs/:id (administrator): what the administrator may change about a school
 * or the CdR. The name and code are not here: they are in the root-signed certificate and on the
 * printed posters, so changing them takes a new certificate, not a settings form.
 */
export const OrgSettingsSchema = v.object({
  address: v.nullable(v.pipe(v.string(), v.maxLength(300, 'must be at most 300 characters'))),
  phone: v.nullable(
    v.pipe(
      v.string(),
      v.maxLength(50, 'must be at most 50 characters'),
      v.regex(/^[0-9 +()-]*$/, 'may hold digits, spaces, +, - and parentheses only'),
    ),
  ),
  hours: v.nullable(v.pipe(v.string(), v.maxLength(200, 'must be at most 200 characters'))),
  /** Hours a report may wait for a first answer before the inbox marks it overdue. */
  waitTargetHours: v.pipe(
    v.number(),
    v.integer('must be a whole number of hours'),
    v.minValue(1, 'must be at least 1 hour'),
    v.maxValue(168, 'must be at most 168 hours (a week)'),
  ),
  /** A shared mailbox (the school office) that gets content-free alerts too; null: none. */
  alertEmail: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.email('must be an e-mail address'),
        v.maxLength(200, 'must be at most 200 characters'),
      ),
    ),
    null,
  ),
  /** That mailbox hears of urgent reports only (default), or of every new report and message. */
  alertUrgentOnly: v.optional(v.boolean(), true),
});

export type OrgSettingsDto = v.InferOutput<typeof OrgSettingsSchema>;

/** POST /api/staff/admin/orgs -> 201 AdminOrgDto: a new school or CdR, without a key yet; its
 * first member makes the key and the administrator certifies it ([Note: founding member]).
 * 409 when the code is taken. */
export const CreateOrgSchema = v.object({
  kind: v.picklist(['school', 'cdr']),
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxBytes(200, 'must be at most 200 bytes of UTF-8'),
  ),
  code: SchoolCodeSchema,
  ...OrgSettingsSchema.entries,
});

/** A member as the administrator's organisation list shows them (no keys, no secrets). */
export interface AdminOrgMemberDto {
  id: string;
  displayName: string;
  login: string;
  role: StaffRole;
  status: 'invited' | 'active' | 'deactivated';
}

/** GET /api/staff/admin/orgs answers { organisations: AdminOrgDto[] }; PUT /:id one AdminOrgDto. */
export interface AdminOrgDto extends OrgSettingsDto {
  id: string;
  kind: 'school' | 'cdr';
  name: string;
  code: string;
  /** The current (highest) certificate version. */
  certificateVersion: number;
  members: AdminOrgMemberDto[];
  /** When the organisation's recovery key was made and last used [Note: school recovery key]. */
  recovery: { createdAt: string; lastUsedAt: string | null } | null;
}

export interface AdminOrgListDto {
  organisations: AdminOrgDto[];
}

// --- statistics --------------------------------------------------------------------------------

const MonthSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'),
);

/** The longest range one request may ask for, so a response stays small. */
export const STATS_MAX_MONTHS = 36;

/** GET /api/staff/stats?from=YYYY-MM&to=YYYY-MM (and stats.csv), both months included. */
export const StatsQuerySchema = v.pipe(
  v.object({ from: MonthSchema, to: MonthSchema }),
  v.check((q) => q.from <= q.to, 'from must not be after to'),
);

export type StatsQuery = v.InferOutput<typeof StatsQuerySchema>;

/**
 * [Note: small-count suppression] A count from 1 to 4 is sent as the string "<5": in a school of
 * a few hundred pupils "two reports of sexual abuse in March" could point at a child. 0 stays 0
 * (nothing to protect) and 5 or more is sent as the number. Because the cells add up (categories
 * and risks to reports, results to escalations, schools to the total row), further cells are
 * withheld as "*" (any number) wherever a "<5" could otherwise be worked out by subtraction or
 * from its bounds (server/services/stats-suppression.ts says how and why it is enough). A median
 * is sent only when computed from at least 5 values, else null. The CSV carries exactly the same
 * cells.
 */
export type StatsCount = number | '<5' | '*';

export const NO_CATEGORY = 'none' as const;
export const OPEN_RESULT = 'open' as const;

export interface StatsRowDto {
  month: string;
  /** null in the total row over every school in scope. */
  schoolId: string | null;
  schoolCode: string | null;
  schoolName: string | null;
  reports: StatsCount;
  urgent: StatsCount;
  /** Triage category ('none': not triaged yet). */
  category: Record<(typeof TRIAGE_CATEGORIES)[number] | typeof NO_CATEGORY, StatsCount>;
  risk: Record<(typeof RISK_LEVELS)[number] | typeof NO_CATEGORY, StatsCount>;
  /** Median hours from the report's (hour-precision) creation to the first staff answer. */
  medianHoursToFirstAnswer: number | null;
  escalations: StatsCount;
  /** Result of the escalations created in the month ('open': not closed yet). */
  result: Record<(typeof ESCALATION_RESULTS)[number] | typeof OPEN_RESULT, StatsCount>;
  /** Outcome records of the month by CdR service. */
  service: Record<(typeof CDR_SERVICES)[number], StatsCount>;
}

export interface StatsDto {
  from: string;
  to: string;
  /** Per school and month; for the CdR and the administrator also a total row per month. */
  rows: StatsRowDto[];
}

// --- audit log ---------------------------------------------------------------------------------

export const AUDIT_PAGE_MAX = 500;

/**
 * What the audit log can be narrowed to ("what" in its filters): each group by the prefixes of
 * its actions. An action may sit in two groups (a grant by the emergency key: team and keys).
 */
export const AUDIT_GROUPS = {
  signin: ['staff.login', 'staff.password', 'staff.recover'],
  reports: ['report.', 'message.', 'note.', 'attachment.'],
  escalations: ['escalation.'],
  team: [
    'invitation.',
    'staff.created',
    'staff.invited',
    'staff.granted',
    'staff.deactivated',
    'staff.renew',
  ],
  keys: ['org.key', 'org.recovery', 'org.certificate', 'staff.granted_by_recovery'],
  settings: ['org.created', 'org.settings', 'retention.', 'help.'],
} as const;
export type AuditGroup = keyof typeof AUDIT_GROUPS;

/** An instant as the server writes it (Date#toISOString), for the log's time filters. */
const IsoInstant = v.pipe(
  v.string(),
  v.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    'must be an ISO time like 2026-12-03T10:00:00.000Z',
  ),
);

/** GET /api/staff/audit?limit=&before=&org=&actor=&group=&since=&until= (org: administrator
 * only). Newest first by time (then by id); actor, group and the time range narrow the page. */
export const AuditQuerySchema = v.pipe(
  v.object({
    limit: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,4}$/, 'must be a number'),
        v.transform(Number),
        v.minValue(1),
        v.maxValue(AUDIT_PAGE_MAX),
      ),
      '100',
    ),
    /** Only entries after this one in the log's order (the previous page's nextBefore). */
    before: v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be an entry id'), v.transform(Number)),
    ),
    org: v.optional(UuidSchema),
    /** Only what this member did. */
    actor: v.optional(v.pipe(UuidSchema, v.toLowerCase())),
    group: v.optional(
      v.picklist(Object.keys(AUDIT_GROUPS) as AuditGroup[], 'must be one of the audit groups'),
    ),
    /** From this instant on (included). */
    since: v.optional(IsoInstant),
    /** Before this instant (excluded). */
    until: v.optional(IsoInstant),
  }),
  v.check((q) => !q.since || !q.until || q.since < q.until, 'since must be before until'),
);

export interface AuditEntryDto {
  id: number;
  action: string;
  actorId: string | null;
  /** The member who acted (display name), null when no member did (a pupil, the system). */
  actorName: string | null;
  subjectType: string | null;
  subjectId: string | null;
  /** The member or organisation the action was about, by name, when it was one. */
  subjectName: string | null;
  at: string;
}

export interface AuditLogDto {
  /** The chain shown: an organisation's, or null for the municipality's. */
  orgId: string | null;
  /** verifyAuditChain over the whole chain, not only this page. */
  chainIntact: boolean;
  firstBrokenId: number | null;
  /** Newest first (by time, then by id). */
  entries: AuditEntryDto[];
  /** Everyone who acted anywhere in this chain, for the "who" filter. */
  actors: { id: string; name: string }[];
  /** Pass as ?before= for the next (older) page; null when there is none. */
  nextBefore: number | null;
}
