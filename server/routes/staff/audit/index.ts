// GET /api/staff/audit?limit=&before=&org=&actor=&group=&since=&until= -> 200 AuditLogDto. A member reads their own
// organisation's chain (asking for another with ?org= is 403); the administrator reads the
// municipality's chain, or with ?org= any organisation's (404 for an unknown one). Each answer
// says whether the whole chain verifies [Note: audit chain]; the entries hold actions, never
// content, so showing them to the organisation's members reveals nothing they could not see.
import { Hono } from 'hono';
import {
  AUDIT_GROUPS,
  AuditQuerySchema,
  type AuditLogDto,
} from '../../../../shared/protocol/admin.ts';
import {
  listAuditActors,
  listAuditPage,
  verifyAuditChain,
} from '../../../db/repositories/audit.ts';
import { findOrganisation } from '../../../db/repositories/organisations.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';

export function staffAuditRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>().get(
    '/',
    requireStaff(),
    validate('query', AuditQuerySchema),
    async (c) => {
      const { db } = c.var.deps;
      const staff = c.var.staff;
      const query = c.req.valid('query');
      const asked = query.org?.toLowerCase();
      let orgId: string | null;
      if (staff.role === 'admin') {
        orgId = asked ?? null;
        if (orgId !== null && !(await findOrganisation(db, { id: orgId }))) {
          throw notFound('Organisation');
        }
      } else {
        if (staff.orgId === null) throw new ApiError(403, 'forbidden', 'No organisation');
        if (asked !== undefined && asked !== staff.orgId) {
          throw new ApiError(403, 'forbidden', "Only your own organisation's log");
        }
        orgId = staff.orgId;
      }
      const [entries, broken, actors] = await Promise.all([
        listAuditPage(db, orgId, {
          limit: query.limit,
          before: query.before,
          actorId: query.actor,
          prefixes: query.group && AUDIT_GROUPS[query.group],
          since: query.since,
          until: query.until,
        }),
        verifyAuditChain(db, orgId),
        listAuditActors(db, orgId),
      ]);
      const last = entries.at(-1);
      return c.json<AuditLogDto>({
        orgId,
        chainIntact: broken === null,
        firstBrokenId: broken,
        entries: entries.map((e) => ({
          id: e.id,
          action: e.action,
          actorId: e.actor_id,
          actorName: e.actor_name,
          subjectType: e.subject_type,
          subjectId: e.subject_id,
          subjectName: e.subject_name,
          at: e.created_at,
        })),
        actors,
        nextBefore: entries.length === query.limit && last ? last.id : null,
      });
    },
  );
}
