// Moving to PostgreSQL, seen in Chromium [Note: sqlite to postgres]: on the SQLite demo a pupil
// reports with a photo, the counsellor answers and hands the case to the CdR; a backup of the
// SQLite file is copied by `admin copy-to-postgres` into a new PostgreSQL database; the same web
// app, now served from PostgreSQL, shows the counsellor the report, its photo and the reply, the
// CdR specialist the case handed over, and the pupil the reply under their code.
import { serve } from '@hono/node-server';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { backupSqlite } from '../../server/db/backup.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/middleware/rate-limit.ts';
import { createRequestLog, silentLogger } from '../../server/middleware/request-log.ts';
import { loadPowSecret } from '../../server/setup.ts';
import { captureAlerts } from '../tools/alert-capture.ts';
import { launchChromium } from '../tools/browser.ts';
import { runScript } from '../tools/cli-process.ts';
import { startPostgres, type PostgresServer } from '../tools/postgres-server.ts';
import { newVisit, sendAndReadReceipt, TEXTS, writeReport } from './pupil-helpers.ts';
import { signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const dataDir = inject('e2eDataDir');
const account = (login: string) => demo.accounts.find((a) => a.login === login)!;
const story = `Przeprowadzka do PostgreSQL ${Math.random().toString(36).slice(2)}`;
const reply = 'Dziękuję, że piszesz. Jestem tu.';

let browser: Browser;
let postgres: PostgresServer;
let pgHandle: DatabaseHandle | undefined;
let pgServer: ReturnType<typeof serve> | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  postgres = await startPostgres();
});
afterAll(async () => {
  await browser.close();
  await new Promise<void>((r) => (pgServer ? pgServer.close(() => r()) : r()));
  await pgHandle?.close();
  postgres.stop();
});

/** The inbox is shared with other test files: open the rows until one shows the story. */
async function openShowing(p: Page, selector: string) {
  const rows = p.locator('.inbox__open');
  await rows.first().waitFor({ timeout: 60_000 });
  for (let i = 0; i < (await rows.count()); i++) {
    await rows.nth(i).click();
    await p.locator(selector).first().waitFor({ timeout: 20_000 });
    if (((await p.locator(selector).first().textContent()) ?? '').includes(story)) return;
    await p.goBack().catch(() => undefined);
    await rows.first().waitFor();
  }
  throw new Error('no case shows the story');
}

describe('a deployment moved from SQLite to PostgreSQL', () => {
  let receipt = '';
  let pgBase = '';

  it('makes a case with a photo, a reply and an escalation on SQLite', async () => {
    const pupil = await newVisit(browser);
    await pupil.page.goto(`${base}/s/SP6`);
    await writeReport(pupil.page, 'pl', story, true);
    receipt = await sendAndReadReceipt(pupil.page, 'pl');
    await pupil.context.close();

    const school = await newVisit(browser);
    await signIn(school.page, base, account('pedagog.sp6@demo.invalid'));
    await openShowing(school.page, '.case__report');
    await school.page.getByLabel(/Odpowiedź dla ucznia/).fill(reply);
    await school.page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await expect.poll(() => school.page.locator('.messages').textContent()).toContain(reply);
    await school.page.getByRole('button', { name: 'Przekaż do Centrum dla Rodzin' }).click();
    await school.page.getByLabel('Podsumowanie dla CdR').fill(`Podsumowanie: ${story}`);
    await school.page.getByLabel(/Powód przekazania/).fill('Sprawa dla CdR.');
    await school.page.getByLabel(/Przekaż też rozmowę/).check();
    await school.page.getByRole('button', { name: /Przekaż \(zaszyfrowane/ }).click();
    await expect
      .poll(() => school.page.locator('#esc-title + ul').textContent())
      .toContain('przekazane');
    await school.context.close();
  }, 180_000);

  it('copies a backup into a new PostgreSQL database and serves it from there', async () => {
    const copyDir = mkdtempSync(join(tmpdir(), 'pg-copy-'));
    const backup = join(copyDir, 'app.sqlite');
    await backupSqlite(join(dataDir, 'app.sqlite'), backup);
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query('create database moved');
    await admin.end();
    const databaseUrl = postgres.adminUrl.replace(/\/postgres$/, '/moved');
    const copied = await runScript('server/cli/admin.ts', ['copy-to-postgres', '--from', backup], {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DATABASE_URL: databaseUrl,
    });
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toContain('audit chains are whole');

    // The same built web app (it pins the demo's root key), now over PostgreSQL.
    pgHandle = openDatabase({ databaseUrl, dataDir: copyDir });
    const app = createApp({
      requestLog: createRequestLog(silentLogger, () => new Date()),
      db: pgHandle.db,
      dialect: pgHandle.dialect,
      clock: () => new Date(),
      log: silentLogger,
      pupil: {
        powBits: 4,
        powSecret: await loadPowSecret(pgHandle.db),
        limits: DEFAULT_RATE_LIMITS,
      },
      alerts: captureAlerts(),
      secureTransport: false,
      webDir: join(dataDir, 'web'),
    });
    pgServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    pgBase = `http://127.0.0.1:${(pgServer.address() as AddressInfo).port}`;
    expect(await (await fetch(`${pgBase}/api/health`)).json()).toMatchObject({
      database: 'postgres',
    });
  }, 120_000);

  it('shows the counsellor, the CdR and the pupil their case from PostgreSQL', async () => {
    const school = await newVisit(browser);
    await signIn(school.page, pgBase, account('pedagog.sp6@demo.invalid'), pgHandle!.db);
    await openShowing(school.page, '.case__report');
    await expect.poll(() => school.page.locator('.messages').textContent()).toContain(reply);
    // The photo decrypts and shows in the browser.
    await expect
      .poll(
        () =>
          school.page
            .locator('.case__photo')
            .first()
            .evaluate((i: HTMLImageElement) => i.naturalWidth),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
    await school.context.close();

    const cdr = await newVisit(browser);
    await signIn(cdr.page, pgBase, account('psycholog.cdr@demo.invalid'), pgHandle!.db);
    await openShowing(cdr.page, '.case');
    expect(await cdr.page.locator('.case').textContent()).toContain(`Podsumowanie: ${story}`);
    await cdr.context.close();

    const pupil = await newVisit(browser);
    await pupil.page.goto(`${pgBase}/s/SP6`);
    await pupil.page.getByRole('button', { name: TEXTS.pl.back }).click();
    await pupil.page.locator('#receipt-code').fill(receipt);
    await pupil.page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
    await expect.poll(() => pupil.page.locator('.thread').textContent()).toContain(reply);
    await pupil.context.close();
  }, 180_000);
});
