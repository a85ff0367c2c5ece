// A malicious server against the real apps' key checks, in Chromium: the real demo server answers
// and page.route() rewrites its answers. It swaps a school's key, serves another school's or
// another root's certificate, replays an older certificate than the one listed or already seen,
// and hands a counsellor organisation keys that no certificate vouches for. Each time the app must
// refuse visibly, and the pupil must send nothing at all.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import {
  fromB64,
  openSealed,
  sealOrgKeys,
  toB64,
  type SignedCertificate,
} from '../../shared/crypto/index.ts';
import type { CertificateDto, OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { StaffMeDto } from '../../shared/protocol/staff.ts';
import { launchChromium } from '../tools/browser.ts';
import {
  attackerKeys,
  demoRootSecretKey,
  reissued,
  signedByAnotherRoot,
  swapKeysKeepSignature,
} from '../tools/hostile-server.ts';
import { api, honest, recordApi, rewriteJson, signInFresh, UUID } from './malicious-helpers.ts';
import { newVisit, TEXTS } from './pupil-helpers.ts';
import { realThread, type RealThread } from './real-thread.ts';
import { schoolKeysOf } from './school-keys.ts';

const base = inject('e2eBaseUrl');
const demo = inject('e2eDemo');
const sodium = await loadSodium();
const root = demoRootSecretKey(sodium, demo.rootKeyFile, demo.rootPassphrase);
const COUNSELLOR = 'pedagog.sp4@demo.invalid';
const NOT_TRUSTED = 'Nie mogę bezpiecznie połączyć się ze szkołą';
let browser: Browser;
let handle: DatabaseHandle;
let sp4: OrganisationDto;
let sp5: OrganisationDto;
let cdr: OrganisationDto;
let thread: RealThread;

const org = async (code: string) =>
  (await (await fetch(`${base}/api/orgs/by-code/${code}`)).json()) as OrganisationDto;
const reportsOf = async (orgId: string) =>
  (await handle.db.selectFrom('reports').select('id').where('org_id', '=', orgId).execute()).length;
const certificatesOf = (o: OrganisationDto) => api(`orgs/${o.id}/certificates`);
const list =
  (...certs: SignedCertificate[]) =>
  () => ({ certificates: certs });

beforeAll(async () => {
  browser = await launchChromium();
  handle = openDatabase({ dataDir: inject('e2eDataDir') });
  [sp4, sp5, cdr] = await Promise.all([org('SP4'), org('SP5'), org('CDR')]);
  thread = await realThread(sodium, {
    base,
    db: handle.db,
    demo,
    code: 'SP4',
    counsellor: COUNSELLOR,
  });
});
afterAll(async () => {
  await browser.close();
  await handle.close();
});

describe('pupil: a school key the server swapped or replayed', () => {
  const v1 = () => sp4.certificate;
  const v2 = () => reissued(sodium, root, sp4.certificate, { version: 2 });
  const cases: [
    string,
    (o: OrganisationDto) => OrganisationDto,
    (() => CertificateDto[]) | null,
  ][] = [
    [
      'the box key swapped in the certificate',
      (o) => ({ ...o, certificate: swapKeysKeepSignature(o.certificate, attackerKeys(sodium)) }),
      null,
    ],
    [
      'a certificate signed by another root',
      (o) => ({
        ...o,
        certificate: signedByAnotherRoot(sodium, o.certificate, attackerKeys(sodium)),
      }),
      null,
    ],
    [
      'the genuine certificate of another school',
      (o) => ({ ...o, certificate: sp5.certificate }),
      null,
    ],
    [
      'an older certificate than the newest one listed',
      (o) => ({ ...o, certificate: v1() }),
      () => [v1(), v2()],
    ],
  ];

  it.each(cases)('refuses %s and sends nothing', async (_name, edit, listed) => {
    const { context, page } = await newVisit(browser);
    const sent = recordApi(page);
    const before = await reportsOf(sp4.id);
    await rewriteJson<OrganisationDto>(page, api('orgs/by-code/SP4'), edit);
    if (listed) await rewriteJson(page, certificatesOf(sp4), list(...listed()));
    await page.goto(`${base}/s/SP4`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(NOT_TRUSTED);
    expect(await page.getByRole('button', { name: TEXTS.pl.start }).count()).toBe(0);
    // Nothing of the pupil's goes out: the only pupil request is the page's read of where quick
    // exit leads ([Note: quick exit destination]), made before any school is chosen.
    const pupilSent = sent.filter(
      (r) => r.path.startsWith('/api/pupil/') && !r.path.startsWith('/api/pupil/config'),
    );
    expect(pupilSent).toEqual([]);
    expect(sent.filter((r) => r.path.startsWith('/api/pupil/config'))).toEqual(
      sent.filter((r) => r.path.startsWith('/api/pupil/config') && r.method === 'GET' && !r.body),
    );
    expect(await reportsOf(sp4.id)).toBe(before);
    await context.close();
  });

  it('refuses a conversation once the server hides a certificate the page has seen', async () => {
    const { context, page } = await newVisit(browser);
    const current = v2();
    // First the server shows version 2 (genuinely signed), and the page accepts it...
    await rewriteJson<OrganisationDto>(page, api('orgs/by-code/SP4'), (o) => ({
      ...o,
      certificate: current,
    }));
    await rewriteJson(page, certificatesOf(sp4), list(v1(), current));
    await page.goto(`${base}/s/SP4`);
    await page.getByRole('button', { name: TEXTS.pl.back }).click();
    // ...then it lists only version 1, as if version 2 had never been made.
    await honest(page);
    await rewriteJson(page, certificatesOf(sp4), list(v1()));
    await page.locator('#receipt-code').fill(thread.receipt);
    await page.getByRole('button', { name: TEXTS.pl.check, exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Nie mogę sprawdzić');
    const shown = (await page.locator('main').textContent()) ?? '';
    for (const text of thread.texts) expect(shown).not.toContain(text);
    await context.close();
  });
});

describe('staff: organisation keys no certificate vouches for', () => {
  let page: Page;
  const loginAs = async (p: Page) => {
    const account = demo.accounts.find((a) => a.login === COUNSELLOR)!;
    await signInFresh(p, base, account, handle.db);
  };
  /** The server seals keys of its own making to the member's public box key as a "grant". */
  const forgedGrant = (me: StaffMeDto, version: number) => ({
    orgId: sp4.id,
    version,
    sealedKeys: toB64(sealOrgKeys(sodium, attackerKeys(sodium), fromB64(me.boxPublicKey))),
  });

  it('refuses to sign in with a forged grant in place of the certified key', async () => {
    const visit = await newVisit(browser);
    await rewriteJson<StaffMeDto>(visit.page, api('staff/login'), (me) => ({
      ...me,
      keyGrants: [forgedGrant(me, 1)],
    }));
    await loginAs(visit.page);
    await expect
      .poll(() => visit.page.getByRole('alert').textContent())
      .toContain('nie zgadzają się z certyfikatami');
    expect(await visit.page.getByRole('heading', { name: 'Zgłoszenia' }).count()).toBe(0);
    await visit.context.close();
  });

  it('leaves out a forged newer grant: an invitation is sealed to the certified key', async () => {
    ({ page } = await newVisit(browser));
    const sent = recordApi(page);
    await rewriteJson<StaffMeDto>(page, api('staff/login'), (me) => ({
      ...me,
      keyGrants: [...me.keyGrants, forgedGrant(me, 2)],
    }));
    await loginAs(page);
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Zespół', exact: true }).click();
    await page.getByLabel('E-mail').fill(`zaproszenie.${Date.now()}@demo.invalid`);
    await page.getByLabel('Imię i nazwisko lub funkcja').fill('Nowa osoba');
    await page.getByRole('button', { name: 'Utwórz zaproszenie' }).click();
    await page.getByTestId('invite-link').waitFor();
    const invite = sent.find((r) => r.method === 'POST' && r.path === '/api/staff/invitations');
    const sealed = fromB64(
      (JSON.parse(invite?.body ?? '{}') as { secretSealed: string }).secretSealed,
    );
    const real = await schoolKeysOf(sodium, handle.db, demo, COUNSELLOR);
    expect(openSealed(sodium, sealed, real.boxPublicKey, real.boxSecretKey)).toHaveLength(32);
  });

  it('marks a replayed older certificate in the key directory after showing the newer one', async () => {
    const v2 = reissued(sodium, root, sp4.certificate, { version: 2 });
    const withSp4 =
      (certificate: SignedCertificate) => (b: { organisations: OrganisationDto[] }) => ({
        organisations: b.organisations.map((o) => (o.id === sp4.id ? { ...o, certificate } : o)),
      });
    await honest(page);
    await rewriteJson(page, api('orgs'), withSp4(v2));
    await page.getByRole('button', { name: 'Katalog kluczy', exact: true }).click();
    const row = page.locator('.directory li', { hasText: sp4.name });
    await expect.poll(() => row.textContent()).toContain('wersja klucza 2');
    await page.getByRole('button', { name: 'Zespół', exact: true }).click();
    await honest(page);
    await page.getByRole('button', { name: 'Katalog kluczy', exact: true }).click();
    await expect.poll(() => row.textContent()).toContain('PODPIS NIEPOPRAWNY');
    // Every other organisation still verifies (the demo's seven, and any another file added).
    const listed = await page.locator('.directory li').count();
    expect(await page.locator('.directory li', { hasText: 'podpis poprawny' }).count()).toBe(
      listed - 1,
    );
  });

  it('hands nothing to a CdR whose certificate is older than listed, or whose key was swapped', async () => {
    const sent = recordApi(page);
    await page.getByRole('button', { name: 'Zgłoszenia', exact: true }).click();
    // Other test files write to SP4 too: open this report's row, wherever the order puts it.
    await page.locator(`.inbox__row[data-report-id="${thread.reportId}"] .inbox__open`).click();
    await expect.poll(() => page.locator('.case__report').textContent()).toContain(thread.texts[0]);
    await page.getByRole('button', { name: 'Przekaż do Centrum dla Rodzin' }).click();
    await page.getByLabel(/Powód przekazania/).fill('Przemoc w domu.');
    const send = page.getByRole('button', { name: /Przekaż \(zaszyfrowane/ });

    const cdrV2 = reissued(sodium, root, cdr.certificate, { version: 2 });
    await rewriteJson(page, certificatesOf(cdr), list(cdr.certificate, cdrV2));
    await send.click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('starszy certyfikat');

    await honest(page);
    await rewriteJson(page, api('orgs'), (b: { organisations: OrganisationDto[] }) => ({
      organisations: b.organisations.map((o) =>
        o.kind === 'cdr'
          ? { ...o, certificate: swapKeysKeepSignature(o.certificate, attackerKeys(sodium)) }
          : o,
      ),
    }));
    await send.click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('nie jest podpisany kluczem gminy');
    expect(sent.filter((r) => new RegExp(`/reports/${UUID}/escalations`).test(r.path))).toEqual([]);
    const escalations = await handle.db
      .selectFrom('escalations')
      .select('id')
      .where('report_id', '=', thread.reportId)
      .execute();
    expect(escalations).toEqual([]);
  });
});
