// The only side-effecting entry: config -> database -> migrate -> serve, and a graceful shutdown
// on SIGTERM/SIGINT that lets requests in flight finish before the database closes. Built to
// dist/server/main.js by `npm run build`, it is the production command; it never creates the
// demo ([Note: demo only when empty]: `npm start`'s preparation step does) and never builds.
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { startAlertWorker } from './alerts/sender.ts';
import { createWriter } from './db/group-commit.ts';
import { alertsFromConfig } from './alerts/setup.ts';
import { createApp } from './app.ts';
import { runCli } from './cli/run-cli.ts';
import { serverProcessId, superviseWorkers } from './cluster.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/dialect.ts';
import { readDemoCredentials } from './demo/demo-files.ts';
import {
  createRequestLog,
  jsonLogger,
  silentLogger,
  startHourlyFlush,
} from './middleware/request-log.ts';
import { clearStaging } from './services/attachment-upload.ts';
import { startRetentionScheduler } from './services/retention-scheduler.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadPowSecret } from './setup.ts';

await runCli(async () => {
  const config = loadConfig();
  // WORKERS > 1: this process only supervises the server processes [Note: several processes].
  if (await superviseWorkers(config)) return;
  const processId = serverProcessId();
  const log = config.logLevel === 'silent' ? silentLogger : jsonLogger;
  const clock = () => new Date();
  const handle = openDatabase(config);
  await migrateToLatest(handle.db);
  const retention = startRetentionScheduler({
    db: handle.db,
    dialect: handle.dialect,
    clock,
    log,
  });

  // One writer for the app and the alerts it queues [Note: group commit].
  const writer = createWriter(handle.db, handle.dialect);
  const alerts = await alertsFromConfig(config, handle.db, log, clock, writer);
  const alertWorker = startAlertWorker(alerts, log);
  const requestLog = createRequestLog(log, clock);
  const stopFlush = startHourlyFlush(requestLog, clock);
  // Half uploads a killed process left behind are dropped [Note: upload budgets] (by the
  // supervisor when there are several processes: none may drop another's).
  const stagingDir = join(config.dataDir, 'uploads');
  if (processId === undefined) clearStaging(stagingDir);
  const app = createApp({
    writer,
    requestLog,
    db: handle.db,
    dialect: handle.dialect,
    clock,
    log,
    pupil: {
      powBits: config.powBits,
      powSecret: await loadPowSecret(handle.db),
      limits: config.rateLimits,
      quickExit: config.quickExit,
    },
    alerts,
    secureTransport: config.secureTransport,
    webDir: config.webDir,
    uploads: { ...config.uploads, stagingDir },
    inboxCachePages: config.inboxCachePages,
    pushRules: { hosts: config.alerts.pushHosts },
  });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    const credentials =
      config.demo && (processId ?? 1) === 1 ? readDemoCredentials(config.dataDir) : undefined;
    if (credentials) console.log(`\n${credentials}`);
    console.log(
      `Listening on http://${config.host}:${info.port}/ (staff: /staff/), database: ${handle.dialect}`,
    );
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: `${signal}: shutting down` });
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs).unref();
    // No new retention run from now on; one in progress (a single transaction) may finish.
    const retentionStopped = retention.stop();
    // The hour in progress is not written: its line would carry the time of the stop.
    stopFlush();
    // Queued alerts stay in the database for the next start; a delivery in progress may finish.
    const alertsStopped = alertWorker.stop().then(() => alerts.settled());
    server.close(() => {
      void Promise.all([retentionStopped, alertsStopped])
        .then(() => handle.close())
        .then(() => {
          clearTimeout(force);
          process.exit(0);
        });
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
});
