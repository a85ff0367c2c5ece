// Per-member alert settings and Web Push subscriptions, and who gets an alert about a report.
import type { DbOrTrx } from '../database.ts';
import type { AlertSettings, PushSubscription } from '../tables/staff-work.ts';

export function findAlertSettings(
  db: DbOrTrx,
  staffId: string,
): Promise<AlertSettings | undefined> {
  return db
    .selectFrom('alert_settings')
    .selectAll()
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
}

export async function saveAlertSettings(db: DbOrTrx, settings: AlertSettings): Promise<void> {
  const { staff_id: _id, ...update } = settings;
  await db
    .insertInto('alert_settings')
    .values(settings)
    .onConflict((oc) => oc.column('staff_id').doUpdateSet(update))
    .execute();
}

/** A browser's subscription; an endpoint belongs to whoever subscribed it last. */
/** Saves or renews the member's subscription; false when the endpoint is another member's
 * (it stays with its owner [Note: push endpoints]). */
export async function savePushSubscription(db: DbOrTrx, sub: PushSubscription): Promise<boolean> {
  const result = await db
    .insertInto('push_subscriptions')
    .values(sub)
    .onConflict((oc) =>
      oc
        .column('endpoint')
        .doUpdateSet({ p256dh: sub.p256dh, auth: sub.auth, created_at: sub.created_at })
        .where('push_subscriptions.staff_id', '=', sub.staff_id),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The member's subscriptions other than this endpoint. */
export async function countOtherPushSubscriptions(
  db: DbOrTrx,
  staffId: string,
  endpoint: string,
): Promise<number> {
  const row = await db
    .selectFrom('push_subscriptions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('staff_id', '=', staffId)
    .where('endpoint', '<>', endpoint)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deletePushSubscription(
  db: DbOrTrx,
  endpoint: string,
  staffId?: string,
): Promise<void> {
  let q = db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint);
  if (staffId !== undefined) q = q.where('staff_id', '=', staffId);
  await q.execute();
}

export interface AlertRecipient {
  staffId: string;
  email: string | null;
  emailEnabled: boolean;
  pushEnabled: boolean;
}

/** Active members of the organisation in this role (counsellors of a school, specialists of a
 * CdR) who want an alert about something of this urgency. */
export async function listAlertRecipients(
  db: DbOrTrx,
  orgId: string,
  urgent: boolean,
  role: 'counsellor' | 'cdr_specialist' = 'counsellor',
): Promise<AlertRecipient[]> {
  let q = db
    .selectFrom('staff as s')
    .innerJoin('alert_settings as a', 'a.staff_id', 's.id')
    .select(['s.id', 'a.email', 'a.email_enabled', 'a.push_enabled'])
    .where('s.org_id', '=', orgId)
    .where('s.role', '=', role)
    .where('s.status', '=', 'active')
    .where((eb) => eb.or([eb('a.email_enabled', '=', 1), eb('a.push_enabled', '=', 1)]));
  if (!urgent) q = q.where('a.urgent_only', '=', 0);
  const rows = await q.orderBy('s.id').execute();
  return rows.map((r) => ({
    staffId: r.id,
    email: r.email,
    emailEnabled: r.email_enabled === 1,
    pushEnabled: r.push_enabled === 1,
  }));
}

export function listPushSubscriptions(
  db: DbOrTrx,
  staffIds: string[],
): Promise<PushSubscription[]> {
  if (staffIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('staff_id', 'in', staffIds)
    .orderBy('endpoint')
    .execute();
}
