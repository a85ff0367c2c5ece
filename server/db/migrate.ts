// Runs the migrations in order. They are listed here (not read from the directory) so the same
// code works under tsx, in tests and in a bundled build.
import { Migrator, type Migration } from 'kysely';
import type { Db } from './database.ts';
import * as initial from './migrations/2026-11-23T1200-initial.ts';
import * as pupil from './migrations/2026-11-23T1800-pupil.ts';
import * as staff from './migrations/2026-11-23T2000-staff.ts';
import * as escalations from './migrations/2026-11-23T2100-escalations.ts';
import * as schoolRecovery from './migrations/2026-12-01T1200-school-recovery.ts';
import * as inboxOrder from './migrations/2026-12-01T2200-inbox-order.ts';
import * as escalationHandover from './migrations/2026-12-03T1000-escalation-handover.ts';
import * as admission from './migrations/2026-12-03T1300-admission.ts';
import * as loginThrottle from './migrations/2026-12-03T1400-login-throttle.ts';
import * as alertQueue from './migrations/2026-12-03T1410-alert-queue.ts';
import * as attachmentChunks from './migrations/2026-12-03T1500-attachment-chunks.ts';
import * as alertLink from './migrations/2026-12-03T1600-alert-link.ts';
import * as alertCaseLink from './migrations/2026-12-03T1800-alert-case-link.ts';
import * as inboxGeneration from './migrations/2026-12-03T2000-inbox-generation.ts';

const migrations: Record<string, Migration> = {
  '2026-11-23T1200-initial': initial,
  '2026-11-23T1800-pupil': pupil,
  '2026-11-23T2000-staff': staff,
  '2026-11-23T2100-escalations': escalations,
  '2026-12-01T1200-school-recovery': schoolRecovery,
  '2026-12-01T2200-inbox-order': inboxOrder,
  '2026-12-03T1000-escalation-handover': escalationHandover,
  '2026-12-03T1300-admission': admission,
  '2026-12-03T1400-login-throttle': loginThrottle,
  '2026-12-03T1410-alert-queue': alertQueue,
  '2026-12-03T1500-attachment-chunks': attachmentChunks,
  '2026-12-03T1600-alert-link': alertLink,
  '2026-12-03T1800-alert-case-link': alertCaseLink,
  '2026-12-03T2000-inbox-generation': inboxGeneration,
};

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(
      `Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
