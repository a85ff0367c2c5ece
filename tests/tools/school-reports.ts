// Many real reports of one school at once, for the browser tests and the bench that need more than
// a pupil could send through the demo instance's rate limit (30 reports per school): each composed
// and encrypted by the pupil's own composeReport, stored with the server's insertReport, the row
// POST /api/pupil/reports stores (server/routes/pupil/reports.ts). Each opens in the staff app,
// unlike the bench's bulk rows (tests/bench/seed-reports.ts), which reuse a pool of ciphertext.
import type { ReportContent } from '../../shared/protocol/content.ts';
import { composeReport, fromB64 } from '../../shared/crypto/index.ts';
import { openDatabase } from '../../server/db/dialect.ts';
import { insertReport } from '../../server/db/repositories/reports.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { coarseHourIso } from '../../server/services/pupil-time.ts';
import { hashAuthKey } from '../../server/auth-hash.ts';
import { BENCH_RECEIPT_ARGON, fetchSchools } from '../bench/pupil-requests.ts';
import type { DemoServer } from './demo-server.ts';

/** Stores `count` reports of school `code`, the i-th with `content(i)`; answers their ids. */
export async function seedSchoolReports(
  server: Pick<DemoServer, 'baseUrl' | 'dataDir'>,
  code: string,
  count: number,
  content: (i: number) => ReportContent,
): Promise<string[]> {
  const sodium = await loadSodium();
  const school = (await fetchSchools(server.baseUrl)).find((s) => s.code === code);
  if (!school) throw new Error(`no school ${code}`);
  const handle = openDatabase({ dataDir: server.dataDir });
  const hour = coarseHourIso(new Date());
  const ids: string[] = [];
  try {
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) {
        const { request } = composeReport(sodium, school, content(i), BENCH_RECEIPT_ARGON);
        ids.push(request.reportId);
        await insertReport(trx, {
          id: request.reportId,
          org_id: school.orgId,
          lookup_hash: hashAuthKey(fromB64(request.authKey)),
          urgent: request.urgent ? 1 : 0,
          status: 'new',
          category: null,
          risk: null,
          assignee_id: null,
          flag: 'none',
          replies_paused: 0,
          org_key_version: request.orgKeyVersion,
          body: fromB64(request.body),
          thread_key_sealed: fromB64(request.threadKeySealed),
          thread_key_pupil: fromB64(request.threadKeyPupil),
          staff_key_sealed: null,
          created_hour: hour,
          first_answer_at: null,
          updated_at: hour,
          waiting_since: hour,
        });
      }
    });
  } finally {
    await handle.close();
  }
  return ids;
}
