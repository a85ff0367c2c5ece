// Where the pupil app's quick exit goes [Note: quick exit destination]: the deployment's choice,
// a kiosk's own school page where one is set, the app's blank page by default; a bad setting stops
// the start with a message, a bad query is a 400 in the one error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorBody } from '../../shared/errors.ts';
import { DEFAULT_QUICK_EXIT_URL } from '../../shared/protocol/pupil-config.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { parseQuickExit } from '../../server/quick-exit.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { DIALECTS } from './test-db.ts';

const exitOf = async (t: TestApp, query = '') => {
  const res = await t.app.request(`/api/pupil/config${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toContain('no-store');
  return ((await res.json()) as { quickExitUrl: string }).quickExitUrl;
};

describe.each(DIALECTS)('the pupil app configuration on %s', (dialect) => {
  let plain: TestApp;
  let configured: TestApp;

  beforeAll(async () => {
    plain = await createTestApp(dialect);
    configured = await createTestApp(dialect, {
      quickExit: parseQuickExit(
        'https://pogoda.example.pl/',
        'SP3=https://sp3.example.pl/ , sp-7=/neutral.html',
      ),
    });
  });
  afterAll(async () => {
    await plain.close();
    await configured.close();
  });

  it("leaves for the app's own blank page when the deployment sets nothing", async () => {
    expect(await exitOf(plain)).toBe(DEFAULT_QUICK_EXIT_URL);
    expect(await exitOf(plain, '?kiosk=SP3')).toBe(DEFAULT_QUICK_EXIT_URL);
  });

  it("leaves for the deployment's page, and a kiosk for its school's page", async () => {
    expect(await exitOf(configured)).toBe('https://pogoda.example.pl/');
    expect(await exitOf(configured, '?kiosk=sp3')).toBe('https://sp3.example.pl/');
    expect(await exitOf(configured, '?kiosk=SP7')).toBe('/neutral.html');
    expect(await exitOf(configured, '?kiosk=SP1')).toBe('https://pogoda.example.pl/');
  });

  it('refuses a query that is no school code with 400 in the one error shape', async () => {
    const res = await configured.app.request('/api/pupil/config?kiosk=%E2%9C%93');
    expect(res.status).toBe(400);
    expect(isErrorBody(await res.json())).toBe(true);
  });
});

describe('the quick-exit settings', () => {
  it.each([
    [{ QUICK_EXIT_URL: 'http://plain.example.pl/' }, 'QUICK_EXIT_URL'],
    [{ QUICK_EXIT_URL: 'javascript:alert(1)' }, 'QUICK_EXIT_URL'],
    [{ QUICK_EXIT_URL: '//evil.example/' }, 'QUICK_EXIT_URL'],
    [{ QUICK_EXIT_KIOSK_URLS: 'SP3' }, 'QUICK_EXIT_KIOSK_URLS'],
    [{ QUICK_EXIT_KIOSK_URLS: 'SP3=ftp://x' }, 'QUICK_EXIT_KIOSK_URLS'],
  ])('stop the start on %o, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('default to the blank page and read a kiosk map', () => {
    expect(loadConfig({}).quickExit).toEqual({ url: DEFAULT_QUICK_EXIT_URL, kiosk: {} });
    expect(
      loadConfig({ QUICK_EXIT_KIOSK_URLS: 'sp 3=https://sp3.example.pl/' }).quickExit.kiosk,
    ).toEqual({ SP3: 'https://sp3.example.pl/' });
  });
});
