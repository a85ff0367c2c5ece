// Memory under uploads [Note: upload budgets]: the real server in its own process, 30 uploads of
// the maximum size at once (three pupils, ten each), and the growth of its RSS over what it held
// just before. The caps are raised for this run so that all 30 stream at once: the figure is
// what the streaming costs, not what the cap refuses.
import { join } from 'node:path';
import { PUPIL_LIMITS } from '../../shared/protocol/pupil.ts';
import type { OrganisationListDto } from '../../shared/protocol/orgs.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { PupilClient, viaUrl } from '../tools/pupil-client.ts';
import type { BenchDatabase } from './bench-database.ts';
import { mb, row } from './format.ts';
import { BENCH_SERVER_ENV, SERVER_ENTRY } from './server-phases.ts';
import { rssBytes, sampleRss, startServerProcess } from './server-process.ts';

const AT_ONCE = 30;
const PER_REPORT = PUPIL_LIMITS.attachmentsPerReport;
export const UPLOAD_RSS_TARGET = 100 * 2 ** 20;

export interface UploadFigure {
  before: number;
  peak: number;
  stored: number;
  sizeBytes: number;
}

export async function measureUploads(db: BenchDatabase): Promise<UploadFigure> {
  const server = await startServerProcess(
    SERVER_ENTRY,
    {
      ...db.env,
      ...BENCH_SERVER_ENV,
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO: '1',
      WEB_DIR: join(db.dir, 'no-web'),
      LOG_LEVEL: 'silent',
      UPLOADS_AT_ONCE: String(AT_ONCE),
      UPLOADS_AT_ONCE_PER_REPORT: String(PER_REPORT),
      REPORT_STORAGE_MIB: '200',
      RATE_ATTACHMENTS_PER_RECEIPT: '1000',
    },
    join(db.dir, 'uploads.log'),
  );
  try {
    const sodium = await loadSodium();
    const orgs = (await (await fetch(`${server.baseUrl}/api/orgs`)).json()) as OrganisationListDto;
    const school = orgs.organisations.find((o) => o.code === 'SP1');
    if (!school) throw new Error('no demo school SP1');
    const client = new PupilClient(sodium, viaUrl(server.baseUrl), school);
    // A stream of the maximum size: the plaintext less secretstream's overhead per 64 KiB chunk.
    const plain = new Uint8Array(PUPIL_LIMITS.attachmentBytes - 8 * 1024).fill(1);
    const uploads: { token: string; a: ReturnType<PupilClient['composeAttachment']> }[] = [];
    for (let r = 0; r < AT_ONCE / PER_REPORT; r++) {
      const report = client.compose({ text: 'zdjęcia' });
      const res = await client.submit(report);
      if (res.status !== 201) throw new Error(`report refused: ${res.status}`);
      const { session } = (await res.json()) as { session: { token: string } };
      const a = client.composeAttachment(report, plain);
      if (a.data.length > PUPIL_LIMITS.attachmentBytes) throw new Error('stream over the limit');
      // One encrypted stream per report, sent under ten ids: the server stores bytes, it does
      // not open them, and the bench process need not hold 30 different 10 MiB streams.
      for (let i = 0; i < PER_REPORT; i++) {
        uploads.push({ token: session.token, a: { ...a, id: crypto.randomUUID() } });
      }
    }
    // A small upload first, so the code paths are loaded before the baseline is read.
    const warm = client.compose({ text: 'rozgrzewka' });
    const warmRes = await client.submit(warm);
    const warmToken = ((await warmRes.json()) as { session: { token: string } }).session.token;
    await client.upload(warmToken, client.composeAttachment(warm, new Uint8Array(100)));

    const before = rssBytes(server.pid);
    const sampler = sampleRss(server.pid, 20);
    const results = await Promise.all(uploads.map((u) => client.upload(u.token, u.a)));
    const peak = sampler.stop();
    return {
      before,
      peak,
      stored: results.filter((r) => r.status === 201).length,
      sizeBytes: uploads[0]?.a.data.length ?? 0,
    };
  } finally {
    await server.stop();
  }
}

export function uploadRow(f: UploadFigure, echoRss: number): string {
  const growth = f.peak - f.before;
  return row(
    `RSS growth, ${AT_ONCE} uploads at once`,
    mb(growth),
    growth / echoRss,
    `echo server ${mb(echoRss)}`,
    '100 MB',
    growth < UPLOAD_RSS_TARGET && f.stored === AT_ONCE,
  ).concat(`\n  (${f.stored}/${AT_ONCE} stored, ${mb(f.sizeBytes)} each, from ${mb(f.before)})`);
}
