// The real server's load phases: the built server (dist/server/main.js), as the production
// command runs it, in its own process over the bench database. Report submissions and receipt openings are pre-built before their timed
// phase; the inbox is loaded at each database size after seeding up to it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromB64 } from '../../shared/crypto/index.ts';
import { hashAuthKey } from '../../server/auth-hash.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import type { Db } from '../../server/db/database.ts';
import { viaUrl } from '../tools/pupil-client.ts';
import { staffLogin } from '../tools/staff-login.ts';
import type { BenchDatabase } from './bench-database.ts';
import { bodiesFor, measured, type LoadResult } from './load.ts';
import {
  buildReceiptOpenings,
  buildSubmissions,
  fetchSchools,
  type BuiltSubmissions,
} from './pupil-requests.ts';
import { reportSeeder } from './seed-reports.ts';
import { startServerProcess } from './server-process.ts';

/**
 * The bench server's configuration, through the real env variables: a proof of work of 4 bits
 * (checking one costs the server one SHA-256 whatever the difficulty; solving 16 bits for tens of
 * thousands of requests would only slow the bench down), and a difficulty that does not follow
 * load, so that the load measures the work, not answers solved in advance going stale.
 */
export const BENCH_SERVER_ENV = {
  POW_BITS: '4',
  POW_REPORTS_PER_BIT: '1000000',
  POW_RECEIPTS_PER_BIT: '1000000',
} as const;

/**
 * The server as production runs it: the bundle `npm run build` writes (dist/server/main.js), run
 * by node alone, no tsx (startServerProcess builds it first).
 */
export const SERVER_ENTRY = 'dist/server/main.js';

/** Requests of the 1-connection submission phase. */
const ALONE = 1_000;

export interface PhaseSizes {
  seconds: number;
  submissions: number;
  receipts: number;
  /** Database sizes (reports in total) at which the inbox is loaded, ascending. */
  inbox: number[];
}

export interface ServerResults {
  submit: LoadResult;
  /** Submissions over 1 connection. */
  submitAlone: LoadResult;
  receipt: LoadResult;
  inbox: { total: number; result: LoadResult; seedSeconds: number }[];
  /** The largest database's inbox for one counsellor alone (1 connection). */
  inboxAlone: LoadResult;
  /** How many items an inbox page held (a page is INBOX_PAGE reports). */
  inboxItems: number;
  /** PostgreSQL only: the largest inbox again, served by two processes [Note: several processes]. */
  inboxTwoProcesses: LoadResult | undefined;
  /** The largest inbox with no page kept (INBOX_CACHE_PAGES=0): each read from the database. */
  inboxUncached: LoadResult;
  inboxUncachedAlone: LoadResult;
}

let serversStarted = 0;

async function startBenchServer(
  db: BenchDatabase,
  nodeFlags: string[],
  workers: number,
  env: Record<string, string> = {},
) {
  // A log of its own per server started: its first 'Listening on' line gives its address.
  const logFile = join(db.dir, `server-${++serversStarted}.log`);
  const server = await startServerProcess(
    SERVER_ENTRY,
    {
      ...db.env,
      ...BENCH_SERVER_ENV,
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO: '1',
      // API only: the web app is not built for this server (the browser figures use their own).
      WEB_DIR: join(db.dir, 'no-web'),
      LOG_LEVEL: 'info',
      WORKERS: String(workers),
      ...env,
    },
    logFile,
    nodeFlags,
  );
  // Every process listening before the load starts (the first one's line started the bench).
  const deadline = Date.now() + 120_000;
  while ((readFileSync(logFile, 'utf8').match(/Listening on/g)?.length ?? 0) < workers) {
    if (Date.now() > deadline) throw new Error(`not all ${workers} server processes started`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return server;
}

/** The staff inbox's first page, loaded for `seconds` (over CONNECTIONS unless given). */
function inboxLoad(
  server: { baseUrl: string; pid: number },
  cookie: string,
  seconds: number,
  connections?: number,
): Promise<LoadResult> {
  return measured(
    {
      baseUrl: server.baseUrl,
      pid: server.pid,
      method: 'GET',
      path: '/api/staff/reports',
      headers: { cookie },
      expectStatus: 200,
      ...(connections ? { connections } : {}),
    },
    { seconds },
  );
}

export async function measureServer(
  db: BenchDatabase,
  size: PhaseSizes,
  nodeFlags: string[],
): Promise<ServerResults> {
  const server = await startBenchServer(db, nodeFlags, 1);
  try {
    const base = { baseUrl: server.baseUrl, pid: server.pid };
    const sodium = await loadSodium();
    const schools = await fetchSchools(server.baseUrl);

    const n = bodiesFor(size.submissions);
    const built = await buildSubmissions(server.baseUrl, sodium, schools, n + bodiesFor(ALONE));
    const submitPhase = {
      ...base,
      method: 'POST' as const,
      path: '/api/pupil/reports',
      expectStatus: 201,
    };
    const submit = await measured(submitPhase, { bodies: built.bodies.slice(0, n) });
    // One pupil alone: the service time, without the queue of 49 others.
    const submitAlone = await measured(
      { ...submitPhase, connections: 1 },
      { bodies: built.bodies.slice(n) },
    );
    const stored = await submitted(db.handle.db, built.receipts);
    const openings = await buildReceiptOpenings(server.baseUrl, stored, bodiesFor(size.receipts));
    const receipt = await measured(
      { ...base, method: 'POST', path: '/api/pupil/receipts', expectStatus: 200 },
      { bodies: openings },
    );

    // A school's counsellor signs in through the real login API (password keys, TOTP code).
    const account = db.demo.accounts.find((a) => a.login === 'pedagog.sp1@demo.invalid');
    if (!account) throw new Error('no demo counsellor of SP1');
    const { cookie } = await staffLogin(viaUrl(server.baseUrl), sodium, account);
    const inboxPhase = (connections?: number) =>
      inboxLoad(server, cookie, size.seconds, connections);
    const seeder = await reportSeeder(db.handle.db, db.dialect, sodium, schools);
    const inbox: ServerResults['inbox'] = [];
    for (const total of size.inbox) {
      const seedSeconds = await seeder.fillTo(total);
      inbox.push({ total, result: await inboxPhase(), seedSeconds });
    }
    const inboxAlone = await inboxPhase(1);
    const res = await fetch(`${server.baseUrl}/api/staff/reports`, { headers: { cookie } });
    const inboxItems = ((await res.json()) as { items: unknown[] }).items.length;
    await server.stop();

    // Nothing changes during the phases above, so every page after the first came from the
    // process's memory [Note: inbox generation]; the same with nothing kept is what a page costs
    // when the school's inbox changed since it was last read.
    const uncached = await startBenchServer(db, nodeFlags, 1, { INBOX_CACHE_PAGES: '0' });
    let inboxUncached: LoadResult;
    let inboxUncachedAlone: LoadResult;
    try {
      inboxUncached = await inboxLoad(uncached, cookie, size.seconds);
      inboxUncachedAlone = await inboxLoad(uncached, cookie, size.seconds, 1);
    } finally {
      await uncached.stop();
    }

    // The same inbox from two processes on the same database: the session is in the database,
    // so the cookie of the first process's sign-in serves.
    let inboxTwoProcesses: LoadResult | undefined;
    if (db.dialect === 'postgres') {
      const two = await startBenchServer(db, nodeFlags, 2);
      try {
        inboxTwoProcesses = await inboxLoad(two, cookie, size.seconds);
      } finally {
        await two.stop();
      }
    }
    return {
      submit,
      submitAlone,
      receipt,
      inbox,
      inboxAlone,
      inboxItems,
      inboxTwoProcesses,
      inboxUncached,
      inboxUncachedAlone,
    };
  } finally {
    await server.stop();
  }
}

/** The receipts whose report was stored: autocannon builds, but never sends, a last request on
 * each connection, so some pre-built submissions were never made. */
async function submitted(db: Db, receipts: BuiltSubmissions['receipts']) {
  const rows = await db.selectFrom('reports').select('lookup_hash').execute();
  const stored = new Set(rows.map((r) => r.lookup_hash));
  return receipts.filter((r) => stored.has(hashAuthKey(fromB64(r.authKey))));
}
