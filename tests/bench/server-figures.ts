// The server's figures: the real server (server-phases.ts) on a temp SQLite database or on
// PostgreSQL, and in the same run two bare Hono baselines (baselines.ts), all loaded by autocannon
// with 50 connections from this process; each figure printed as a ratio to the echo's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DialectName } from '../../server/db/dialect.ts';
import { baseline } from './baselines.ts';
import { createBenchDatabase } from './bench-database.ts';
import { LOAD_HEADER, loadRow, mb, row } from './format.ts';
import { CONNECTIONS, type LoadResult } from './load.ts';
import { BENCH_SERVER_ENV, measureServer, type PhaseSizes } from './server-phases.ts';
import { measureUploads, uploadRow } from './upload-figures.ts';

export interface ServerBenchOptions {
  dialect: DialectName;
  quick: boolean;
  /** Node flags for the real server only (BENCH_NODE_FLAGS), e.g. to try V8 heap settings. */
  nodeFlags: string[];
}

/** Issue 16's targets (docs/benchmarks.md), as ratios to the echo of the same run. */
const TARGETS = {
  submissionRatio: 0.05,
  receiptRatio: 0.1,
  inboxRatio: 0.1,
  inboxP99Ms: 20,
  submitAloneP50Ms: 0.5,
  inboxAloneP50Ms: 0.3,
  rssBytes: 120 * 2 ** 20,
  twoProcessesRatio: 1.5,
};

const sizes = (quick: boolean): PhaseSizes =>
  quick
    ? { seconds: 3, submissions: 2_000, receipts: 2_000, inbox: [20_000, 100_000] }
    : { seconds: 10, submissions: 15_000, receipts: 15_000, inbox: [100_000, 1_000_000] };

const count = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

export async function serverFigures(options: ServerBenchOptions): Promise<string[]> {
  const size = sizes(options.quick);
  const logDir = mkdtempSync(join(tmpdir(), 'bench-echo-'));
  let echo: LoadResult;
  try {
    echo = await baseline('tests/bench/echo-server.ts', {}, logDir, size.seconds);
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
  const db = await createBenchDatabase(options.dialect);
  try {
    const insert = await baseline('tests/bench/insert-server.ts', db.env, db.dir, size.seconds);
    await sql`drop table bench_insert`.execute(db.handle.db);
    const r = await measureServer(db, size, options.nodeFlags);
    const uploads = await measureUploads(db);

    const peak = Math.max(
      r.submit.peakRss,
      r.receipt.peakRss,
      r.submitAlone.peakRss,
      r.inboxAlone.peakRss,
      r.inboxUncached.peakRss,
      r.inboxUncachedAlone.peakRss,
      ...r.inbox.map((i) => i.result.peakRss),
    );
    const largest = r.inbox[r.inbox.length - 1];
    const ratioOk = (x: LoadResult, least: number) => x.rps >= least * echo.rps;
    const inboxTarget = `>= x${TARGETS.inboxRatio}, p99 <= ${TARGETS.inboxP99Ms} ms`;
    const inboxOk = (x: LoadResult) =>
      ratioOk(x, TARGETS.inboxRatio) && x.p99 <= TARGETS.inboxP99Ms;
    /** A phase over 1 connection: its p50 is the service time. */
    const aloneRow = (name: string, x: LoadResult, p50Ms: number) =>
      loadRow(name, x, echo, `p50 <= ${p50Ms} ms`, x.p50 <= p50Ms);
    const two = r.inboxTwoProcesses;
    const env = Object.entries(BENCH_SERVER_ENV).map(([k, v]) => `${k}=${v}`);
    return [
      `Server benchmarks (${db.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; the real server ` +
        `in its own process; autocannon, ${CONNECTIONS} connections; ` +
        `${size.seconds} s per timed phase, after a warm-up)`,
      `  bench server env: ${env.join(' ')} (checking a proof of work costs the same at any difficulty)`,
      ...(options.nodeFlags.length ? [`  server node flags: ${options.nodeFlags.join(' ')}`] : []),
      LOAD_HEADER,
      loadRow('bare Hono echo (baseline)', echo, echo, '-', undefined),
      loadRow('echo + 1 Kysely insert (baseline)', insert, echo, '-', undefined),
      loadRow(
        `report submission (${count(r.submit.requests)})`,
        r.submit,
        echo,
        `>= x${TARGETS.submissionRatio} req/s`,
        ratioOk(r.submit, TARGETS.submissionRatio),
      ),
      aloneRow('same, 1 connection', r.submitAlone, TARGETS.submitAloneP50Ms),
      loadRow(
        `receipt opening (${count(r.receipt.requests)})`,
        r.receipt,
        echo,
        `>= x${TARGETS.receiptRatio} req/s`,
        ratioOk(r.receipt, TARGETS.receiptRatio),
      ),
      ...r.inbox.map((i) =>
        loadRow(
          `inbox page (${r.inboxItems}) of ${count(i.total)} reports`,
          i.result,
          echo,
          i === largest ? inboxTarget : '-',
          i === largest ? inboxOk(i.result) : undefined,
        ),
      ),
      aloneRow('same, 1 connection', r.inboxAlone, TARGETS.inboxAloneP50Ms),
      // The same targets with no page kept: every page read from the database.
      loadRow(
        'same, nothing kept (read each time)',
        r.inboxUncached,
        echo,
        inboxTarget,
        inboxOk(r.inboxUncached),
      ),
      aloneRow('same, nothing kept, 1 connection', r.inboxUncachedAlone, TARGETS.inboxAloneP50Ms),
      ...(two && largest
        ? [
            loadRow('same, 2 processes (RSS: supervisor)', two, echo, '-', undefined),
            row(
              'inbox, 2 processes vs 1',
              `${(two.rps / largest.result.rps).toFixed(2)}x`,
              two.rps / largest.result.rps,
              `1 process ${largest.result.rps.toFixed(0)}/s`,
              `x${TARGETS.twoProcessesRatio}`,
              two.rps >= TARGETS.twoProcessesRatio * largest.result.rps,
            ),
          ]
        : [
            `${'inbox, 2 processes vs 1'.padEnd(34)} - (PostgreSQL only: npm run bench -- --server --postgres)`,
          ]),
      row(
        'server RSS, peak under load',
        mb(peak),
        peak / echo.peakRss,
        `echo server ${mb(echo.peakRss)}`,
        '120 MB',
        peak <= TARGETS.rssBytes,
      ),
      uploadRow(uploads, echo.peakRss),
      `  seeding: ${r.inbox.map((i) => `to ${count(i.total)} in ${i.seedSeconds.toFixed(0)} s`).join(', ')}`,
    ];
  } finally {
    await db.close();
  }
}
