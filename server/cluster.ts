// [Note: several processes] With WORKERS=N (N > 1, PostgreSQL only) the started process becomes
// a supervisor: it migrates the database once, clears the upload staging directory once, then
// starts N server processes (node:cluster) that share the port (the supervisor hands each new
// connection to the next process in turn) and restarts one that dies. It serves nothing itself.
//
// Everything the processes must agree on lives in the database, never in one process's memory:
// sessions (staff and pupil, read at every request), the proof-of-work secret and the admission
// counts that set the difficulty, spent challenges, per-report limits, the sign-in slow-down, the
// alert queue (claimed before sending, so an alert goes out once) and retention's last run (taken
// under a lock). What stays per process is only what may differ: the request log's hourly counters
// (each process writes its own lines), the count of uploads in progress (a memory cap of that
// process: N processes take up to N times UPLOADS_AT_ONCE; the storage budgets are checked in the
// database), and the prepared statements. SQLite keeps one process: its group commit [Note: group
// commit] is that process's, and one file has one writer at a time anyway.
import cluster from 'node:cluster';
import type { Config } from './config.ts';
import { openDatabase } from './db/dialect.ts';
import { join } from 'node:path';
import { clearStaging } from './services/attachment-upload.ts';
import { migrateToLatest } from './db/migrate.ts';

/** A dead process is started again, but not more often than this (a crash at start loops). */
const RESTART_PAUSE_MS = 1_000;

/**
 * In a supervisor (WORKERS > 1, the first process): supervises until stopped and answers true.
 * In a server process, or with one process: answers false at once, and the caller serves.
 */
export async function superviseWorkers(config: Config): Promise<boolean> {
  if (config.workers <= 1 || !cluster.isPrimary) return false;
  const handle = openDatabase(config);
  try {
    // What a single process does before it serves (main.ts), once for all of them: migrate,
    // never seed a demo [Note: demo only when empty].
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  // Half uploads a killed process left behind are dropped [Note: upload budgets]; the processes
  // themselves leave the directory alone, so that none deletes another's upload in progress.
  clearStaging(join(config.dataDir, 'uploads'));

  let stopping = false;
  const start = () => cluster.fork();
  for (let i = 0; i < config.workers; i++) start();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(
      `server process ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another`,
    );
    setTimeout(start, RESTART_PAUSE_MS).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Each process finishes what it has in flight and closes its pool (main.ts's shutdown).
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 2_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  console.log(`Supervising ${config.workers} server processes (database: postgres)`);
  return true;
}

/** The supervisor's number of this process (1, 2, ...), or undefined when it runs alone. */
export const serverProcessId = (): number | undefined => cluster.worker?.id;
