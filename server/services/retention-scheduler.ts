// Runs retention daily [Note: retention]: once at start (if the last run is 24 h old), then an
// hourly check, so a server restarted every night still runs it and one that ran it an hour ago
// does not run it again. The timer is unref'd: it never keeps the process alive.
import type { Logger } from '../middleware/request-log.ts';
import { runRetention, type RetentionDeps } from './retention.ts';

export const RETENTION_CHECK_MS = 60 * 60 * 1000;

export interface RetentionScheduler {
  /** Stops the hourly check and waits for a run in progress, so the database can close. */
  stop(): Promise<void>;
}

export function startRetentionScheduler(deps: RetentionDeps & { log: Logger }): RetentionScheduler {
  let current: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    current = runRetention(deps)
      .then((r) => {
        if (r.ran) deps.log({ level: 'info', msg: `retention run: ${r.deleted} reports deleted` });
      })
      .catch((err: unknown) => {
        // Class and message only [Note: privacy-safe logging]; the next hour tries again.
        const error = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown';
        deps.log({ level: 'error', msg: 'retention failed', error });
      })
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, RETENTION_CHECK_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
