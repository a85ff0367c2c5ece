// The member's own alert settings under /api/staff/me/alerts [Note: content-free alerts]:
// GET/PUT the settings, GET /push-key (the VAPID public key to subscribe with), POST and DELETE
// /push-subscription (a browser's Web Push subscription). Any active member manages their own.
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  AlertSettingsSchema,
  PushSubscriptionSchema,
  type AlertSettingsDto,
} from '../../../../shared/protocol/staff.ts';
import {
  PUSH_SUBSCRIPTIONS_PER_MEMBER,
  pushEndpointProblem,
} from '../../../alerts/push-endpoints.ts';
import {
  countOtherPushSubscriptions,
  deletePushSubscription,
  findAlertSettings,
  saveAlertSettings,
  savePushSubscription,
} from '../../../db/repositories/alert-settings.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';

/** Not (yet) in shared/protocol/staff.ts: the answer of GET /push-key. */
export interface PushKeyDto {
  publicKey: string;
}

const UnsubscribeSchema = v.object({ endpoint: PushSubscriptionSchema.entries.endpoint });

/** Until a member saves settings: nothing is sent (e-mail needs an address first). */
const DEFAULTS: AlertSettingsDto = {
  email: null,
  emailEnabled: false,
  pushEnabled: false,
  urgentOnly: false,
};

export function staffAlertRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .use(requireStaff())
    .get('/', async (c) => {
      const row = await findAlertSettings(c.var.deps.db, c.var.staff.id);
      if (!row) return c.json<AlertSettingsDto>(DEFAULTS);
      return c.json<AlertSettingsDto>({
        email: row.email,
        emailEnabled: row.email_enabled === 1,
        pushEnabled: row.push_enabled === 1,
        urgentOnly: row.urgent_only === 1,
      });
    })
    .put('/', validate('json', AlertSettingsSchema), async (c) => {
      const input = c.req.valid('json');
      if (input.emailEnabled && !input.email) {
        throw new ApiError(400, 'validation_failed', 'Invalid json', [
          { path: 'email', message: 'is needed for e-mail alerts' },
        ]);
      }
      await saveAlertSettings(c.var.deps.db, {
        staff_id: c.var.staff.id,
        email: input.email,
        email_enabled: input.emailEnabled ? 1 : 0,
        push_enabled: input.pushEnabled ? 1 : 0,
        urgent_only: input.urgentOnly ? 1 : 0,
      });
      return c.json<AlertSettingsDto>(input);
    })
    .get('/push-key', (c) => {
      const publicKey = c.var.deps.alerts.pushPublicKey;
      if (!publicKey) throw notFound('Push key');
      return c.json<PushKeyDto>({ publicKey });
    })
    .post('/push-subscription', validate('json', PushSubscriptionSchema), async (c) => {
      const input = c.req.valid('json');
      const { db, clock, pushRules } = c.var.deps;
      // [Note: push endpoints]: a known push service, kept with its owner, a few per member.
      const problem = pushEndpointProblem(input.endpoint, pushRules);
      if (problem) {
        throw new ApiError(400, 'validation_failed', 'Invalid json', [
          { path: 'endpoint', message: problem },
        ]);
      }
      const staffId = c.var.staff.id;
      await db.transaction().execute(async (trx) => {
        if (
          (await countOtherPushSubscriptions(trx, staffId, input.endpoint)) >=
          PUSH_SUBSCRIPTIONS_PER_MEMBER
        ) {
          throw new ApiError(409, 'conflict', 'Too many push subscriptions; remove one first');
        }
        const saved = await savePushSubscription(trx, {
          endpoint: input.endpoint,
          staff_id: staffId,
          p256dh: input.keys.p256dh,
          auth: input.keys.auth,
          created_at: clock().toISOString(),
        });
        if (!saved) throw new ApiError(409, 'conflict', 'This endpoint belongs to a subscription');
      });
      return c.body(null, 204);
    })
    .delete('/push-subscription', validate('json', UnsubscribeSchema), async (c) => {
      // Only the member's own subscription; an unknown endpoint is already gone.
      await deletePushSubscription(c.var.deps.db, c.req.valid('json').endpoint, c.var.staff.id);
      return c.body(null, 204);
    });
}
