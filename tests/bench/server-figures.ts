// The server's figures: the real server (server/main.ts, as `npm start` runs it, in its own
// process) on a temp SQLite database or on PostgreSQL, and in the same run a bare Hono echo server
// as the baseline, both loaded by autocannon with 50 connections from this process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromB64 } from '../../shared/crypto/index.ts';
import { hashAuthKey } from '../../server/auth-hash.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import type { Db } from '../../server/db/database.ts';
import type { DialectName } from '../../server/db/dialect.ts';
import { viaUrl } from '../tools/pupil-client.ts';
import { staffLogin } from '../tools/staff-login.ts';
import { createBenchDatabase } from './bench-database.ts';
import { LOAD_HEADER, loadRow, mb, row } from './format.ts';
import { CONNECTIONS, runLoad, settle, type LoadPhase, type LoadResult } from './load.ts';
import {
  buildReceiptOpenings,
  buildSubmissions,
  fetchSchools,
  type BuiltSubmissions,
} from './pupil-requests.ts';
import { reportSeeder } from './seed-reports.ts';
import { startServerProcess } from './server-process.ts';

export interface ServerBenchOptions {
  dialect: DialectName;
  quick: boolean;
}

/**
 * The bench server's configuration, through the real env variables: a proof of work of 4 bits
 * (checking one costs the server one SHA-256 whatever the difficulty; solving 16 bits for tens of
 * thousands of requests would only slow the bench down), and rate limits raised so that the
 * load measures the work, not the refusals.
 */
export const BENCH_SERVER_ENV = {
  POW_BITS: '4',
  RATE_REPORTS_PER_SCHOOL: '1000000',
  RATE_RECEIPTS_PER_SCHOOL: '1000000',
} as const;

const TARGETS = {
  submissionRatio: 0.25,
  submissionP99Ms: 20,
  inboxP99Ms: 10,
  rssBytes: 150 * 2 ** 20,
};

function sizes(quick: boolean) {
  return quick
    ? { seconds: 3, submissions: 2_000, receipts: 2_000, inbox: [20_000, 100_000] }
    : { seconds: 10, submissions: 15_000, receipts: 15_000, inbox: [100_000, 1_000_000] };
}

const WARM_UP = 500;
const ECHO_BODY = JSON.stringify({ orgId: '5f0c2d4e-8a43-4d8b-9a57-3f1c9e0b7a21', n: 1 });
const count = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** A phase run twice: a short untimed warm-up (JIT, caches, pools), then the measured one. */
async function measured(
  phase: Omit<LoadPhase, 'load'>,
  load: { body?: string; seconds: number } | { bodies: string[] },
): Promise<LoadResult> {
  if ('bodies' in load) {
    const warm = load.bodies.slice(0, WARM_UP + CONNECTIONS);
    const rest = load.bodies.slice(WARM_UP + CONNECTIONS);
    await runLoad({ ...phase, load: { bodies: warm, amount: WARM_UP } });
    return runLoad({ ...phase, load: { bodies: rest, amount: rest.length - CONNECTIONS } });
  }
  await runLoad({ ...phase, load: { ...load, seconds: 1 } });
  await settle(phase.baseUrl);
  return runLoad({ ...phase, load });
}

export async function serverFigures(options: ServerBenchOptions): Promise<string[]> {
  const size = sizes(options.quick);
  const extra = WARM_UP + 2 * CONNECTIONS;
  const logDir = mkdtempSync(join(tmpdir(), 'bench-echo-'));
  const echoServer = await startServerProcess(
    'tests/bench/echo-server.ts',
    {},
    join(logDir, 'echo.log'),
  );
  let echo: LoadResult;
  try {
    echo = await measured(
      {
        baseUrl: echoServer.baseUrl,
        pid: echoServer.pid,
        method: 'POST',
        path: '/echo',
        expectStatus: 200,
      },
      { body: ECHO_BODY, seconds: size.seconds },
    );
  } finally {
    await echoServer.stop();
    rmSync(logDir, { recursive: true, force: true });
  }

  const db = await createBenchDatabase(options.dialect);
  const server = await startServerProcess(
    'server/main.ts',
    {
      ...db.env,
      ...BENCH_SERVER_ENV,
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO: '1',
      // API only: the web app is not built for this server (the browser figures use their own).
      WEB_DIR: join(db.dir, 'no-web'),
      LOG_LEVEL: 'info',
    },
    join(db.dir, 'server.log'),
  );
  try {
    const base = { baseUrl: server.baseUrl, pid: server.pid };
    const sodium = await loadSodium();
    const schools = await fetchSchools(server.baseUrl);

    const built = await buildSubmissions(server.baseUrl, sodium, schools, size.submissions + extra);
    const submit = await measured(
      { ...base, method: 'POST', path: '/api/pupil/reports', expectStatus: 201 },
      { bodies: built.bodies },
    );
    const openings = await buildReceiptOpenings(
      server.baseUrl,
      await submitted(db.handle.db, built.receipts),
      size.receipts + extra,
    );
    const receipt = await measured(
      { ...base, method: 'POST', path: '/api/pupil/receipts', expectStatus: 200 },
      { bodies: openings },
    );

    // A school's counsellor signs in through the real login API (password keys, TOTP code).
    const account = db.demo.accounts.find((a) => a.login === 'pedagog.sp1@demo.invalid');
    if (!account) throw new Error('no demo counsellor of SP1');
    const { cookie } = await staffLogin(viaUrl(server.baseUrl), sodium, account);
    const seeder = await reportSeeder(db.handle.db, db.dialect, sodium, schools);
    const inbox: { total: number; result: LoadResult; seedSeconds: number }[] = [];
    for (const total of size.inbox) {
      const seedSeconds = await seeder.fillTo(total);
      const result = await measured(
        {
          ...base,
          method: 'GET',
          path: '/api/staff/reports',
          headers: { cookie },
          expectStatus: 200,
        },
        { seconds: size.seconds },
      );
      inbox.push({ total, result, seedSeconds });
    }
    const inboxItems = await countInboxItems(server.baseUrl, cookie);

    const peak = Math.max(submit.peakRss, receipt.peakRss, ...inbox.map((i) => i.result.peakRss));
    const largest = inbox[inbox.length - 1];
    const submitOk =
      submit.rps >= TARGETS.submissionRatio * echo.rps && submit.p99 <= TARGETS.submissionP99Ms;
    return [
      `Server benchmarks (${db.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; the real server ` +
        `in its own process; autocannon, ${CONNECTIONS} connections; ` +
        `${size.seconds} s per duration phase, after a warm-up)`,
      `  bench server env: ${Object.entries(BENCH_SERVER_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} (checking a proof of work costs the same at any difficulty)`,
      LOAD_HEADER,
      loadRow('bare Hono echo (baseline)', echo, echo, '-', undefined),
      loadRow(
        `report submission (${count(submit.requests)})`,
        submit,
        echo,
        `>= x${TARGETS.submissionRatio} req/s, p99 <= ${TARGETS.submissionP99Ms} ms`,
        submitOk,
      ),
      loadRow(`receipt lookup (${count(receipt.requests)})`, receipt, echo, '-', undefined),
      ...inbox.map((i) =>
        loadRow(
          `inbox page (${inboxItems}) of ${count(i.total)} reports`,
          i.result,
          echo,
          i === largest ? `p99 <= ${TARGETS.inboxP99Ms} ms` : '-',
          i === largest ? i.result.p99 <= TARGETS.inboxP99Ms : undefined,
        ),
      ),
      row(
        'server RSS, peak under load',
        mb(peak),
        peak / echo.peakRss,
        `echo server ${mb(echo.peakRss)}`,
        '150 MB',
        peak <= TARGETS.rssBytes,
      ),
      `  seeding: ${inbox.map((i) => `to ${count(i.total)} in ${i.seedSeconds.toFixed(0)} s`).join(', ')}`,
    ];
  } finally {
    await server.stop();
    await db.close();
  }
}

/** The receipts whose report was stored: autocannon builds, but never sends, a last request on
 * each connection, so some pre-built submissions were never made. */
async function submitted(db: Db, receipts: BuiltSubmissions['receipts']) {
  const rows = await db.selectFrom('reports').select('lookup_hash').execute();
  const stored = new Set(rows.map((r) => r.lookup_hash));
  return receipts.filter((r) => stored.has(hashAuthKey(fromB64(r.authKey))));
}

/** How many items the inbox answered with (it is capped, not paginated: INBOX_LIMIT). */
async function countInboxItems(baseUrl: string, cookie: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/staff/reports`, { headers: { cookie } });
  return ((await res.json()) as { items: unknown[] }).items.length;
}
