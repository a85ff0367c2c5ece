// A new organisation set up from nothing in real Chromium [Note: founding member]: the
// administrator adds it on the schools page and invites its first member; the member's browser
// makes the key and shows its fingerprint; the administrator runs the two commands the schools
// page shows, `sign-certificate --out` on an offline machine (no database) and
// `import-certificate` on the server; the member checks the certificate and is in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { findOrganisationRow } from '../../server/db/repositories/organisations.ts';
import { findPendingKey } from '../../server/services/pending-keys.ts';
import { fingerprint, fromB64 } from '../../shared/crypto/index.ts';
import { launchChromium } from '../tools/browser.ts';
import { newVisit } from './pupil-helpers.ts';
import { acceptInvitation, signIn } from './staff-helpers.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
let browser: Browser;
let handle: DatabaseHandle;

beforeAll(async () => {
  browser = await launchChromium();
  handle = openDatabase({ dataDir: inject('e2eDataDir') });
});
afterAll(async () => {
  await browser.close();
  await handle.close();
});

describe('founding member', () => {
  it('takes a new organisation from the administrator form to its first member at work', async () => {
    const admin = await newVisit(browser);
    await signIn(
      admin.page,
      base,
      demo.accounts.find((a) => a.login === 'admin@demo.invalid')!,
    );
    await admin.page.getByRole('button', { name: 'Szkoły i CdR' }).click();
    const form = admin.page.locator('details', { hasText: 'Dodaj placówkę' });
    await form.locator('summary').click();
    await form.getByLabel('Rodzaj').selectOption('school');
    await form.getByLabel('Nazwa').fill('Szkoła Podstawowa nr 8 w Przykładowie');
    await form.getByLabel(/^Kod/).fill('sp8');
    await form.getByRole('button', { name: 'Dodaj placówkę' }).click();
    await expect
      .poll(() => admin.page.getByRole('status').first().textContent())
      .toContain('Placówka dodana');
    const branch = admin.page.locator('details', { hasText: '(SP8)' });
    await branch.locator('summary').click();
    await expect.poll(() => branch.textContent()).toContain('Brak klucza');
    await branch.getByLabel('E-mail').fill('pierwsza.sp8@demo.invalid');
    await branch.getByLabel('Imię i nazwisko lub funkcja').fill('Pedagog SP 8');
    await branch.getByRole('button', { name: 'Utwórz zaproszenie' }).click();
    const link = (await branch.getByTestId('admin-invite-link').textContent())!;
    await admin.context.close();

    const { context, page } = await newVisit(browser);
    const password = 'osiem-jeden-dwa-trzy';
    const totpSecret = await acceptInvitation(page, link, password);
    await signIn(page, base, { login: 'pierwsza.sp8@demo.invalid', password, totpSecret });
    await page.getByRole('button', { name: 'Utwórz klucz placówki' }).click();
    const shown = page.getByTestId('founding-fingerprint');
    await expect.poll(() => shown.textContent()).toMatch(/(\d{5} ){7}\d{5}/);

    // The first member is told what really comes next: no colleague to wait for.
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Jesteś pierwszą osobą w tej placówce',
    );

    // The administrator's offline step, with the commands the schools page shows.
    const sodium = await loadSodium();
    const org = await findOrganisationRow(handle.db, { code: 'SP8' });
    const pending = org ? await findPendingKey(handle.db, org.id) : undefined;
    if (!org || !pending) throw new Error('no pending key for SP8');
    expect(await shown.textContent()).toContain(fingerprint(sodium, fromB64(pending.boxPublicKey)));
    const again = await newVisit(browser);
    await signIn(
      again.page,
      base,
      demo.accounts.find((a) => a.login === 'admin@demo.invalid')!,
    );
    await again.page.getByRole('button', { name: 'Szkoły i CdR' }).click();
    const signCommand = (await again.page.getByTestId('sign-command').textContent()) ?? '';
    const importCommand = (await again.page.getByTestId('import-command').textContent()) ?? '';
    await again.context.close();
    expect(signCommand).toContain('--key /media/usb/root-key.json');
    expect(signCommand).toContain(`--box-pk=${pending.boxPublicKey}`);
    expect(importCommand).toBe(
      'node dist/server/cli/admin.js import-certificate --file SP8-v1.json',
    );

    // The offline machine: the root key on its stick, no data directory, no database at all.
    const offline = mkdtempSync(join(tmpdir(), 'offline-'));
    writeFileSync(join(offline, 'root-key.json'), demo.rootKeyFile);
    // This checkout runs the source (under tsx) where the page names the built command.
    const here = (command: string, dir: string) =>
      command
        .replace(
          'node dist/server/cli/admin.js',
          `${process.execPath} --import tsx server/cli/admin.ts`,
        )
        .replace('/media/usb/root-key.json', join(offline, 'root-key.json'))
        .replace(/ (--out|--file) (\S+)$/, ` $1 ${dir}/$2`);
    const signed = spawnSync('sh', ['-c', here(signCommand, offline)], {
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        DATA_DIR: join(offline, 'no-database-here'),
        ADMIN_PASSPHRASE: demo.rootPassphrase,
      },
    });
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stderr).toContain(fingerprint(sodium, fromB64(pending.boxPublicKey)));
    // Carried to the server, imported there against the pinned root public key.
    const serverDir = inject('e2eDataDir');
    copyFileSync(join(offline, 'SP8-v1.json'), join(serverDir, 'SP8-v1.json'));
    const imported = spawnSync('sh', ['-c', here(importCommand, serverDir)], {
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        DATA_DIR: serverDir,
        ROOT_PUBLIC_KEY: demo.rootPublicKey,
      },
    });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported: version 1 is now current');

    await page.getByRole('button', { name: 'Sprawdź ponownie' }).click();
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Zespół' }).click();
    await page.getByRole('button', { name: 'Utwórz nowy klucz awaryjny' }).click();
    await expect
      .poll(() => page.getByTestId('school-recovery-key').textContent())
      .toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/);
    await context.close();
  });
});
