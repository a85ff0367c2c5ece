// The administrator's retention policy [Note: retention]: GET /api/staff/admin/retention -> 200
// RetentionStatusDto; PUT (RetentionPolicySchema) -> 200 RetentionStatusDto. A change goes into the
// municipality's audit chain as 'retention.policy' (the action only, as every audit entry).
import { Hono } from 'hono';
import {
  RetentionPolicySchema,
  type RetentionStatusDto,
} from '../../../../shared/protocol/admin.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { getSetting } from '../../../db/repositories/settings.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  loadRetentionPolicy,
  RETENTION_LAST_RUN_KEY,
  saveRetentionPolicy,
} from '../../../services/retention.ts';

const adminOnly = requireStaff({ roles: ['admin'] });

async function status(db: DbOrTrx): Promise<RetentionStatusDto> {
  const [policy, lastRun] = await Promise.all([
    loadRetentionPolicy(db),
    getSetting(db, RETENTION_LAST_RUN_KEY),
  ]);
  return { ...policy, lastRun: lastRun ?? null };
}

export function retentionRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .get('/', adminOnly, async (c) => c.json<RetentionStatusDto>(await status(c.var.deps.db)))
    .put('/', adminOnly, validate('json', RetentionPolicySchema), async (c) => {
      const { deps, staff } = c.var;
      const policy = c.req.valid('json');
      const result = await deps.db.transaction().execute(async (trx) => {
        await saveRetentionPolicy(trx, {
          closedMonths: policy.closedMonths,
          flaggedMonths: policy.flaggedMonths,
        });
        await appendAudit(
          trx,
          { orgId: null, actorId: staff.id, action: 'retention.policy', at: deps.clock() },
          deps.dialect,
        );
        return status(trx);
      });
      return c.json<RetentionStatusDto>(result);
    });
}
