// "A counsellor decrypting 500 reports", in Chromium with the staff app's own crypto: 500 real
// reports of one school (tests/tools/school-reports.ts: the demo instance's rate limit of 30 reports
// per school would take hours to let 500 through), the counsellor signed in through the staff app's login page, then, in that
// page, the built staff worker (web/crypto/staff-worker.ts) opening each case with openCase, as
// the case page does, one after another. The baseline is 500 round trips to the same worker
// carrying the same case data to an operation it does not have (it clones the arguments in and
// answers with an error): messaging costs without any cryptography.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../server/db/dialect.ts';
import { signIn } from '../e2e/staff-helpers.ts';
import type { DemoServer } from '../tools/demo-server.ts';
import { seedSchoolReports } from '../tools/school-reports.ts';
import { reportContent } from './pupil-requests.ts';

export const DECRYPT_REPORTS = 500;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface PageArgs {
  workerUrl: string;
  login: string;
  password: string;
  ids: string[];
  runs: number;
}

/** Runs in the signed-in staff page: the same worker calls the app makes, timed. */
async function decryptInPage(a: PageArgs): Promise<{ decrypt: number[]; bare: number[] }> {
  type Answer = { ok: boolean; result?: unknown; error?: { message: string } };
  const worker = new Worker(a.workerUrl, { type: 'module' });
  const pending = new Map<number, (answer: Answer) => void>();
  let nextId = 1;
  worker.onmessage = (e: MessageEvent<Answer & { id: number }>) => {
    pending.get(e.data.id)?.(e.data);
    pending.delete(e.data.id);
  };
  const call = (op: string, ...args: unknown[]) =>
    new Promise<Answer>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ id, op, args });
    });
  const must = async <T>(op: string, ...args: unknown[]): Promise<T> => {
    const answer = await call(op, ...args);
    if (!answer.ok) throw new Error(`${op}: ${answer.error?.message ?? '?'}`);
    return answer.result as T;
  };
  const getJson = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(path, init);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  // Unlocking as actions.ts signIn does: password keys, personal keys, organisation keys.
  const params = await getJson<{ salt: string }>('/api/staff/login/params', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF': '1' },
    body: JSON.stringify({ login: a.login }),
  });
  const { wrapKey } = await must<{ wrapKey: Uint8Array }>(
    'derivePassword',
    a.password,
    params.salt,
    params,
  );
  const me = await getJson<{ wrappedKeys: string; keyGrants: unknown[]; org: { id: string } }>(
    '/api/staff/me',
  );
  const { certificates } = await getJson<{ certificates: unknown[] }>(
    `/api/orgs/${me.org.id}/certificates`,
  );
  // As the staff app signs in: grants count only when their certificate names them.
  const { orgKeys, orgSignKeys: signKeys } = await must<{
    orgKeys: unknown;
    orgSignKeys: unknown;
  }>('unlock', me.wrappedKeys, wrapKey, me.keyGrants, me.org.id, certificates);
  const cases = await Promise.all(a.ids.map((id) => getJson<unknown>(`/api/staff/reports/${id}`)));

  const decrypt: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < a.runs; run++) {
    let start = performance.now();
    for (let i = 0; i < a.ids.length; i++) {
      await call('benchNoSuchOperation', cases[i], a.ids[i], orgKeys, signKeys, me.org.id);
    }
    bare.push(performance.now() - start);
    start = performance.now();
    let opened = 0;
    for (let i = 0; i < a.ids.length; i++) {
      const c = await must<{ report: { text: string } }>(
        'openCase',
        cases[i],
        a.ids[i],
        orgKeys,
        signKeys,
        me.org.id,
      );
      if (c.report.text.length > 0) opened++;
    }
    decrypt.push(performance.now() - start);
    if (opened !== a.ids.length) throw new Error(`opened ${opened} of ${a.ids.length}`);
  }
  worker.terminate();
  return { decrypt, bare };
}

export async function staffDecryption(browser: Browser, server: DemoServer, runs: number) {
  const ids = await seedSchoolReports(server, 'SP1', DECRYPT_REPORTS, reportContent);
  const account = server.demo.accounts.find((a) => a.login === 'pedagog.sp1@demo.invalid');
  if (!account) throw new Error('no demo counsellor of SP1');
  const workerFile = readdirSync(join(server.dataDir, 'web', 'assets')).find((f) =>
    /^staff-worker-.*\.js$/.test(f),
  );
  if (!workerFile) throw new Error('no built staff worker');
  const context = await browser.newContext();
  // The demo instance's own database for the TOTP step: signIn's default reads the e2e run's,
  // through Vitest's inject(), which only works inside Vitest (the bench is a plain script).
  const handle = openDatabase({ dataDir: server.dataDir });
  try {
    const page = await context.newPage();
    await signIn(page, server.baseUrl, account, handle.db);
    await page.getByRole('heading', { name: 'Zgłoszenia' }).waitFor({ timeout: 30_000 });
    // tsx compiles this file with esbuild's keepNames, which wraps inner functions in __name();
    // the page has no such helper, so give it an identity one before sending the function.
    await page.evaluate('globalThis.__name ??= (fn) => fn');
    const { decrypt, bare } = await page.evaluate(decryptInPage, {
      workerUrl: `/assets/${workerFile}`,
      login: account.login,
      password: account.password,
      ids,
      runs,
    });
    return { decryptMs: median(decrypt), bareMs: median(bare) };
  } finally {
    await context.close();
    await handle.close();
  }
}
