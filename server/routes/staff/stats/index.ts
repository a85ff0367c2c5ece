// GET /api/staff/stats?from=YYYY-MM&to=YYYY-MM -> 200 StatsDto, and GET /api/staff/stats.csv with
// the same query -> 200 text/csv (an attachment). A counsellor sees their own school only; CdR
// specialists and the administrator see every school and a total per month. Counts of 1 to 4
// are "<5" in both [Note: small-count suppression].
import { Hono, type Context } from 'hono';
import { StatsQuerySchema, type StatsDto } from '../../../../shared/protocol/admin.ts';
import { ApiError } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { computeStats } from '../../../services/stats.ts';
import { statsCsv } from '../../../services/stats-csv.ts';

const members = requireStaff({ roles: ['counsellor', 'cdr_specialist', 'admin'] });
const query = validate('query', StatsQuerySchema);

/** undefined: every school; otherwise the counsellor's own school. */
function scopeOf(c: Context<StaffEnv>): string | undefined {
  const { role, orgId } = c.var.staff;
  if (role !== 'counsellor') return undefined;
  if (orgId === null) throw new ApiError(403, 'forbidden', 'No school');
  return orgId;
}

export function staffStatsRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .get('/stats', members, query, async (c) =>
      c.json<StatsDto>(await computeStats(c.var.deps.db, c.req.valid('query'), scopeOf(c))),
    )
    .get('/stats.csv', members, query, async (c) => {
      const q = c.req.valid('query');
      const dto = await computeStats(c.var.deps.db, q, scopeOf(c));
      return c.body(statsCsv(dto), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="statistics-${q.from}-${q.to}.csv"`,
      });
    });
}
