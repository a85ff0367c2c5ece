// Fills the reports table up to a given size, fast: multi-row inserts through Kysely in big
// transactions, spread round robin over the schools. The byte columns are real ciphertext made by
// the pupil's composeReport (a pool of them, reused: the inbox never reads them, but the rows are
// as wide as real ones), and the metadata looks like a school year's worth of work: most reports
// closed, a few open, waiting or urgent.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { composeReport, fromB64, type Sodium } from '../../shared/crypto/index.ts';
import { RISK_LEVELS, TRIAGE_CATEGORIES } from '../../shared/protocol/staff.ts';
import type { Db } from '../../server/db/database.ts';
import type { DialectName } from '../../server/db/dialect.ts';
import type { NewReport, ReportStatus } from '../../server/db/tables/reports.ts';
import { coarseHourIso } from '../../server/services/pupil-time.ts';
import { BENCH_RECEIPT_ARGON, reportContent, type BenchSchool } from './pupil-requests.ts';

const HOUR_MS = 60 * 60 * 1000;
/** Rows per INSERT: 19 columns x 1000 stays under both dialects' bound-parameter limits. */
const ROWS_PER_INSERT = 1000;
const INSERTS_PER_TRANSACTION = 20;

interface Blobs {
  body: Uint8Array;
  sealed: Uint8Array;
  pupil: Uint8Array;
}

function blobPool(sodium: Sodium, school: BenchSchool, size = 64): Blobs[] {
  return Array.from({ length: size }, (_, i) => {
    const { request } = composeReport(sodium, school, reportContent(i), BENCH_RECEIPT_ARGON);
    return {
      body: fromB64(request.body),
      sealed: fromB64(request.threadKeySealed),
      pupil: fromB64(request.threadKeyPupil),
    };
  });
}

export interface ReportSeeder {
  /** Inserts reports until the table holds `total` rows; returns the seconds it took. */
  fillTo(total: number): Promise<number>;
}

export async function reportSeeder(
  db: Db,
  dialect: DialectName,
  sodium: Sodium,
  schools: BenchSchool[],
): Promise<ReportSeeder> {
  const first = schools[0];
  if (!first) throw new Error('no schools');
  const pool = blobPool(sodium, first);
  const counsellors = await db
    .selectFrom('staff')
    .select(['id', 'org_id'])
    .where('role', '=', 'counsellor')
    .execute();
  const counsellorOf = new Map(counsellors.map((s) => [s.org_id, s.id]));
  const now = Date.now();
  let n = 0;

  const row = (): NewReport => {
    const i = n++;
    const school = schools[i % schools.length] ?? first;
    const blobs = pool[i % pool.length] ?? pool[0];
    if (!blobs) throw new Error('empty pool');
    // Within the last ~300 days, so the default retention (12 months after closing) keeps them.
    const created = coarseHourIso(new Date(now - (i % 7200) * HOUR_MS - (i % 13) * HOUR_MS));
    const r = (i * 2654435761) % 1000; // a cheap, well spread per-row number
    const status: ReportStatus =
      r < 950 ? 'closed' : r < 970 ? 'new' : r < 990 ? 'in_progress' : 'waiting_for_pupil';
    const triaged = status !== 'new';
    return {
      id: randomUUID(),
      org_id: school.orgId,
      lookup_hash: randomBytes(32).toString('hex'),
      urgent: r % 20 === 0 ? 1 : 0,
      status,
      category: triaged ? (TRIAGE_CATEGORIES[i % TRIAGE_CATEGORIES.length] ?? null) : null,
      risk: triaged ? (RISK_LEVELS[i % RISK_LEVELS.length] ?? null) : null,
      assignee_id: triaged ? (counsellorOf.get(school.orgId) ?? null) : null,
      flag: 'none',
      replies_paused: 0,
      org_key_version: school.orgKeyVersion,
      body: blobs.body,
      thread_key_sealed: blobs.sealed,
      thread_key_pupil: blobs.pupil,
      staff_key_sealed: null,
      created_hour: created,
      first_answer_at: triaged ? created : null,
      updated_at: created,
      waiting_since: status === 'new' || status === 'in_progress' ? created : null,
    };
  };

  return {
    async fillTo(total) {
      const started = performance.now();
      const counted = await db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      let missing = total - Number(counted.n);
      while (missing > 0) {
        await db.transaction().execute(async (trx) => {
          for (let k = 0; k < INSERTS_PER_TRANSACTION && missing > 0; k++) {
            const rows = Array.from({ length: Math.min(ROWS_PER_INSERT, missing) }, row);
            await trx.insertInto('reports').values(rows).execute();
            missing -= rows.length;
          }
        });
      }
      // PostgreSQL's autovacuum would gather the planner's statistics soon after such a load;
      // do it now rather than measure a planner that has not seen the table yet.
      if (dialect === 'postgres') await sql`analyze reports`.execute(db);
      return (performance.now() - started) / 1000;
    },
  };
}
