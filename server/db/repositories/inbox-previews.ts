// What the inbox decrypts in the browser for each row of a page [Note: inbox previews]: the
// sealed report and thread key, the number of the pupil's photos and who wrote last in the pupil
// thread, for reports of one school only. Reading it marks nothing read.
import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';
import type { AuthorRole } from '../tables/reports.ts';

export interface PreviewRow {
  id: string;
  org_key_version: number;
  body: Uint8Array;
  thread_key_sealed: Uint8Array;
  photos: number;
  last_role: AuthorRole | null;
  last_at: string | null;
}

export async function listPreviews(
  db: DbOrTrx,
  orgId: string,
  ids: readonly string[],
): Promise<PreviewRow[]> {
  if (ids.length === 0) return [];
  const [reports, photos, last] = await Promise.all([
    db
      .selectFrom('reports')
      .select(['id', 'org_key_version', 'body', 'thread_key_sealed'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('attachments')
      .select(['report_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('report_id', 'in', ids)
      .where('uploader_role', '=', 'pupil')
      .groupBy('report_id')
      .execute(),
    db
      .selectFrom('messages as m')
      .select(['m.report_id', 'm.author_role', 'm.created_at'])
      .where('m.report_id', 'in', ids)
      .where('m.thread', '=', 'pupil')
      .where(
        'm.seq',
        '=',
        sql<number>`(select max(m2.seq) from messages m2 where m2.report_id = m.report_id and m2.thread = 'pupil')`,
      )
      .execute(),
  ]);
  return reports.map((r) => {
    const l = last.find((m) => m.report_id === r.id);
    return {
      ...r,
      photos: Number(photos.find((p) => p.report_id === r.id)?.n ?? 0),
      last_role: l?.author_role ?? null,
      last_at: l?.created_at ?? null,
    };
  });
}
