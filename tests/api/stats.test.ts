// Statistics [Note: small-count suppression]: counts of 1 to 4 are "<5", medians need 5 values,
// and no "<5" can be worked out by subtraction from the other cells and the totals (issue 12 §4:
// SP1 6, SP2 "<5", all schools 8 gave SP2 away); a counsellor sees their own school only, the CdR
// and the administrator every school and a total; the CSV carries the same rows and cells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsCount, StatsDto, StatsRowDto } from '../../shared/protocol/admin.ts';
import { flattenRow } from '../../server/services/stats-csv.ts';
import { STATS_SHAPE } from '../../server/services/stats.ts';
import { narrow, type Published } from '../tools/stats-attacker.ts';
import { orgOf } from './escalation-fixture.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import { DIALECTS } from './test-db.ts';

const QUERY = '?from=2026-10&to=2026-11';

/** RFC 4180 fields, enough for the export (quotes, commas, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') [cell, i] = [cell + '"', i + 1];
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') [row, cell] = [[...row, cell], ''];
    else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      [row, cell, i] = [[], '', i + 1];
    } else cell += ch;
  }
  return rows;
}

const NOT_COUNTS = new Set([
  'month',
  'schoolId',
  'schoolCode',
  'schoolName',
  'medianHoursToFirstAnswer',
]);

/** Each month's table as the attacker reads it: cells by column, the total row last. */
function monthTables(header: string[], rows: string[][]): Published[] {
  const byMonth = new Map<
    string,
    { cells: Record<string, StatsCount>; medianShown: boolean; total: boolean }[]
  >();
  for (const row of rows) {
    const at = (name: string) => row[header.indexOf(name)] ?? '';
    const cells: Record<string, StatsCount> = {};
    header.forEach((name, j) => {
      const cell = row[j] ?? '';
      if (!NOT_COUNTS.has(name)) cells[name] = cell === '<5' || cell === '*' ? cell : Number(cell);
    });
    const month = at('month');
    byMonth.set(month, [
      ...(byMonth.get(month) ?? []),
      { cells, medianShown: at('medianHoursToFirstAnswer') !== '', total: at('schoolId') === '' },
    ]);
  }
  return [...byMonth.values()].map((list) => {
    const total = list.findIndex((r) => r.total);
    return { rows: list, total: total < 0 ? null : total };
  });
}

/** The JSON rows as the CSV's header and fields. */
function asFields(dto: StatsDto): [string[], string[][]] {
  const header = flattenRow(dto.rows[0] as StatsRowDto).map(([name]) => name);
  const rows = dto.rows.map((r) =>
    flattenRow(r).map(([, cell]) => (cell === null ? '' : String(cell))),
  );
  return [header, rows];
}

const cellAt = (row: StatsRowDto, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], row);

describe.each(DIALECTS)('statistics on %s', (dialect) => {
  let f: StaffFixture;
  let sp1: Member;
  let sp1Id = '';
  let sp2Id = '';

  const stats = async (m: Member, query = QUERY) => {
    const res = await f.get(m.cookie, `/api/staff/stats${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as StatsDto;
  };
  const rowOf = (dto: StatsDto, month: string, schoolId: string | null) => {
    const row = dto.rows.find((r) => r.month === month && r.schoolId === schoolId);
    if (!row) throw new Error(`no row ${month} ${schoolId}`);
    return row;
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    sp1 = await f.member(SP1_COUNSELLOR);
    sp1Id = orgOf(f, 'SP1').id;
    sp2Id = orgOf(f, 'SP2').id;
    const c1 = f.client('SP1');
    const sp1Reports: string[] = [];
    for (let i = 0; i < 6; i++) {
      const report = c1.compose({ text: 'help' }, i < 2);
      expect((await c1.submit(report)).status).toBe(201);
      sp1Reports.push(report.reportId);
    }
    for (const [i, id] of sp1Reports.entries()) {
      const body = { category: 'emotional', ...(i < 2 ? { risk: 'high' } : {}) };
      const res = await f.send(sp1.cookie, 'PATCH', `/api/staff/reports/${id}`, body);
      expect(res.status).toBe(200);
    }
    // A test report is not a case: it is left out.
    const flagged = (await f.submitted(c1)).reportId;
    await f.send(sp1.cookie, 'PATCH', `/api/staff/reports/${flagged}`, { flag: 'test' });
    for (let i = 0; i < 2; i++) await f.submitted(f.client('SP2'));
    // Answered 2 h 17 min after the (hour-precision) creation at 10:00.
    f.t.advance(2 * 60 * 60 * 1000);
    sp1 = await f.member(SP1_COUNSELLOR);
    for (const id of sp1Reports.slice(0, 5)) await f.reply(sp1, id, 'Jestem tutaj.');
  });
  afterAll(() => f.t.close());

  it('shows small counts as "<5" and larger ones as numbers', async () => {
    const row = rowOf(await stats(sp1), '2026-11', sp1Id);
    expect(row).toMatchObject({
      reports: 6,
      urgent: '<5',
      escalations: 0,
      medianHoursToFirstAnswer: 2.3,
    });
    expect(row.category).toMatchObject({ emotional: 6, none: 0, self_harm: 0 });
    expect(row.risk).toMatchObject({ high: '<5', none: '<5', low: 0 });
    expect(rowOf(await stats(sp1), '2026-10', sp1Id)).toMatchObject({
      reports: 0,
      medianHoursToFirstAnswer: null,
    });
  });

  it('shows a counsellor their own school only', async () => {
    const dto = await stats(sp1);
    expect(dto.rows).toHaveLength(2);
    expect(new Set(dto.rows.map((r) => r.schoolId))).toEqual(new Set([sp1Id]));
  });

  it('shows the CdR and the administrator every school and a total', async () => {
    for (const login of [CDR_SPECIALIST, ADMIN]) {
      const dto = await stats(await f.member(login));
      const schools = f.orgs.filter((o) => o.kind === 'school');
      expect(dto.rows).toHaveLength(2 * (schools.length + 1));
      expect(rowOf(dto, '2026-11', sp2Id)).toMatchObject({
        reports: '<5',
        medianHoursToFirstAnswer: null,
      });
      // SP1's 6 and the total's 8 would give SP2's 2 away: one of them is withheld.
      const shown = [rowOf(dto, '2026-11', sp1Id).reports, rowOf(dto, '2026-11', null).reports];
      expect(shown).toContain('*');
      expect(rowOf(dto, '2026-11', null)).toMatchObject({
        schoolCode: null,
        medianHoursToFirstAnswer: 2.3,
      });
    }
  });

  it('leaves no "<5" to subtraction along rows, columns and totals, on screen and in the CSV', async () => {
    for (const login of [SP1_COUNSELLOR, CDR_SPECIALIST, ADMIN]) {
      const member = await f.member(login);
      const [header, rows] = asFields(await stats(member));
      const csv = parseCsv(
        await (await f.get(member.cookie, `/api/staff/stats.csv${QUERY}`)).text(),
      );
      for (const [h, r] of [
        [header, rows],
        [csv[0] ?? [], csv.slice(1)],
      ] as const) {
        const tables = monthTables(h, r);
        expect(tables).toHaveLength(2);
        // November has small counts to attack; October none.
        const small = (t: Published) => t.rows.some((x) => Object.values(x.cells).includes('<5'));
        expect(tables.map(small)).toEqual([false, true]);
        for (const table of tables) expect([...narrow(STATS_SHAPE, table)], login).toEqual([]);
      }
    }
  });

  it('exports the same rows and cells as CSV', async () => {
    const admin = await f.member(ADMIN);
    const json = await stats(admin);
    const res = await f.get(admin.cookie, `/api/staff/stats.csv${QUERY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toContain('category.emotional');
    expect(header).toContain('service.family_therapy');
    expect(rows).toHaveLength(json.rows.length);
    for (const [i, row] of rows.entries()) {
      const expected = json.rows[i];
      if (!expected || !header) throw new Error('row missing');
      expect(row).toHaveLength(header.length);
      header.forEach((column, j) => {
        const cell = cellAt(expected, column);
        expect(row[j], `${i} ${column}`).toBe(cell === null ? '' : String(cell));
      });
    }
  });

  it('refuses a bad range', async () => {
    for (const q of ['', '?from=2026-11', '?from=2026-13&to=2026-12', '?from=2026-11&to=2026-10']) {
      expect((await f.get(sp1.cookie, `/api/staff/stats${q}`)).status).toBe(400);
    }
    expect((await f.get(sp1.cookie, '/api/staff/stats?from=2020-01&to=2026-11')).status).toBe(400);
  });
});
