// The pupil API tests' common ground: the real app over a test database holding the demo
// municipality (real keys and certificates, small Argon2id limits), a pupil client per school,
// row counts to prove a refused request stored nothing, and the one error shape.
import { expect } from 'vitest';
import { isErrorBody } from '../../shared/errors.ts';
import type { OrganisationDto, OrganisationListDto } from '../../shared/protocol/orgs.ts';
import type { SubmitReportDto } from '../../shared/protocol/pupil.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import type { Db } from '../../server/db/database.ts';
import type { DialectName } from '../../server/db/dialect.ts';
import { seedDemo, type DemoResult } from '../../server/demo/seed-demo.ts';
import { PupilClient, TEST_ARGON, viaApp, type ComposedReport } from '../tools/pupil-client.ts';
import { createTestApp, type TestApp, type TestAppOptions } from './app-harness.ts';

export interface PupilFixture {
  t: TestApp;
  demo: DemoResult;
  orgs: OrganisationDto[];
  client(code?: string): PupilClient;
  /** Composes and submits a report; fails the test unless it is accepted. */
  submitted(client: PupilClient, content?: unknown): Promise<ComposedReport & { token: string }>;
}

export async function pupilFixture(
  dialect: DialectName,
  options: TestAppOptions = {},
): Promise<PupilFixture> {
  const t = await createTestApp(dialect, options);
  const sodium = await loadSodium();
  const demo = await seedDemo({
    db: t.handle.db,
    dialect,
    sodium,
    clock: () => t.now,
    limits: TEST_ARGON,
  });
  const res = await t.app.request('/api/orgs');
  const orgs = ((await res.json()) as OrganisationListDto).organisations;
  const client = (code = 'SP1') => {
    const school = orgs.find((o) => o.code === code);
    if (!school) throw new Error(`no organisation ${code}`);
    return new PupilClient(sodium, viaApp(t.app), school);
  };
  const submitted = async (c: PupilClient, content: unknown = { text: 'help' }) => {
    const report = c.compose(content);
    const res = await c.submit(report);
    expect(res.status, await res.clone().text()).toBe(201);
    return { ...report, token: ((await res.json()) as SubmitReportDto).session.token };
  };
  return { t, demo, orgs, client, submitted };
}

export function passwordOf(demo: DemoResult, login: string): string {
  const account = demo.accounts.find((a) => a.login === login);
  if (!account) throw new Error(`no demo account ${login}`);
  return account.password;
}

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['reports', 'messages', 'attachments', 'pupil_sessions'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Asserts the status and the one error shape with this code; returns the body. */
export async function expectError(res: Response, status: number, code: string) {
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(isErrorBody(body)).toBe(true);
  expect(body).toMatchObject({ error: { code } });
  return body;
}

/** Runs a refused request and asserts it stored no report, message, attachment or session. */
export async function storesNothing(db: Db, request: () => Promise<Response>): Promise<Response> {
  const before = await rowCounts(db);
  const res = await request();
  expect(await rowCounts(db)).toEqual(before);
  return res;
}
