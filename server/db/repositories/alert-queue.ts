// The alert queue [Note: alert delay]: rows in, due rows claimed by one process, delivered, out.
import type { DbOrTrx } from '../database.ts';
import type { AlertQueueTable, QueuedAlert } from '../tables/staff-work.ts';

/** Queues an alert; a second one with the batch key of a waiting row joins it (nothing new). */
export async function queueAlert(
  db: DbOrTrx,
  row: Omit<AlertQueueTable, 'claimed_until'>,
): Promise<void> {
  await db
    .insertInto('alert_queue')
    .values({ ...row, claimed_until: null })
    .onConflict((oc) => oc.column('batch_key').doNothing())
    .execute();
}

/** Rows due by `until` that no live process holds, oldest first. */
export function dueAlerts(db: DbOrTrx, until: string, now: string, limit: number) {
  return db
    .selectFrom('alert_queue')
    .selectAll()
    .where('due_at', '<=', until)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

/** Takes the row until `until`; false when another process holds it. */
export async function claimAlert(
  db: DbOrTrx,
  row: QueuedAlert,
  now: string,
  until: string,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_queue')
    .set({ claimed_until: until })
    .where('id', '=', row.id)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteAlert(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('alert_queue').where('id', '=', id).execute();
}
