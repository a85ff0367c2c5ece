// Secondary suppression [Note: small-count suppression], property-tested without a database
// (the API tests of tests/api/stats.test.ts run the same attacks on both dialects): random
// tables, suppressed, then attacked. On a small table shape an exact search looks for every value
// a hidden cell could take in a whole table consistent with what is published; on the real shape
// (ten categories, five risks, results, services, up to eight schools and the total row)
// subtraction along every row, column and total narrows each hidden cell. No hidden cell may be
// pinned; visible cells are the real counts; every count of 1 to 4 is hidden.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CDR_SERVICES } from '../../shared/protocol/escalations.ts';
import { STATS_SHAPE } from '../../server/services/stats.ts';
import {
  suppressTable,
  type MonthTable,
  type TableShape,
} from '../../server/services/stats-suppression.ts';
import { narrow, pinnedCells, type Published } from '../tools/stats-attacker.ts';

const SMALL_SHAPE: TableShape = {
  groups: [
    { parent: 'reports', children: ['cat.a', 'cat.b', 'cat.c'] },
    { parent: 'reports', children: ['risk.a', 'risk.b'] },
    { parent: 'escalations', children: ['result.a', 'result.b'] },
  ],
  atMost: [['urgent', 'reports']],
  medianOf: 'reports',
};

/** A consistent random table of the shape from a stream of random numbers. */
function tableOf(
  shape: TableShape,
  standalone: readonly string[],
  noise: readonly number[],
  schools: number,
  withTotal: boolean,
  max: number,
): MonthTable {
  let i = 0;
  const next = (n: number) => (noise[i++ % noise.length] ?? 0) % n;
  // Mostly zeros and small counts, sometimes larger ones: where suppression has work to do.
  const count = () => (next(3) === 0 ? 0 : next(2) === 0 ? 1 + next(4) : next(max + 1));
  const rowOf = () => {
    const values: Record<string, number> = {};
    for (const parent of new Set(shape.groups.map((g) => g.parent))) {
      const [first, ...others] = shape.groups.filter((g) => g.parent === parent);
      let total = 0;
      for (const c of first?.children ?? []) total += values[c] = count();
      values[parent] = total;
      for (const g of others) {
        for (const c of g.children) values[c] = 0;
        for (let u = 0; u < total; u++) {
          const c = g.children[next(g.children.length)] ?? '';
          values[c] = (values[c] ?? 0) + 1;
        }
      }
    }
    for (const col of standalone) values[col] = count();
    for (const [a, b] of shape.atMost) values[a] = next((values[b] ?? 0) + 1);
    return values;
  };
  const rows = Array.from({ length: schools }, rowOf);
  if (withTotal) {
    const total: Record<string, number> = {};
    for (const row of rows)
      for (const [k, v] of Object.entries(row)) total[k] = (total[k] ?? 0) + v;
    rows.push(total);
  }
  return {
    rows: rows.map((values) => ({
      values,
      medianShown: (values[shape.medianOf] ?? 0) >= 5 && next(2) === 0,
    })),
    total: withTotal ? rows.length - 1 : null,
  };
}

function publish(shape: TableShape, table: MonthTable): Published {
  const cells = suppressTable(shape, table);
  return {
    rows: table.rows.map((r, i) => ({ cells: cells[i] ?? {}, medianShown: r.medianShown })),
    total: table.total,
  };
}

/** Visible cells are the real ones, '<5' holds 1..4, and every 1..4 is hidden. */
function expectHonest(table: MonthTable, published: Published) {
  table.rows.forEach((row, r) => {
    for (const [col, n] of Object.entries(row.values)) {
      const cell = published.rows[r]?.cells[col];
      if (typeof cell === 'number') expect(cell).toBe(n);
      if (cell === '<5') expect(n >= 1 && n <= 4).toBe(true);
      if (n >= 1 && n <= 4) expect(typeof cell).not.toBe('number');
    }
  });
}

const arbitraryTable = (schools: number, noiseLength: number) =>
  fc.record({
    noise: fc.array(fc.nat({ max: 9973 }), { minLength: noiseLength, maxLength: noiseLength }),
    schools: fc.integer({ min: 1, max: schools }),
    withTotal: fc.boolean(),
  });

describe('secondary suppression', () => {
  it('leaves no hidden cell of a small table determined (exact search)', () => {
    fc.assert(
      fc.property(arbitraryTable(3, 97), ({ noise, schools, withTotal }) => {
        const table = tableOf(SMALL_SHAPE, ['service'], noise, schools, withTotal, 7);
        const published = publish(SMALL_SHAPE, table);
        expectHonest(table, published);
        const cap = Math.max(...table.rows.flatMap((r) => Object.values(r.values))) + 2;
        expect(pinnedCells(SMALL_SHAPE, published, cap)).toEqual([]);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('leaves no hidden cell of the real statistics narrowed to one value by subtraction', () => {
    const services = CDR_SERVICES.map((s) => `service.${s}`);
    fc.assert(
      fc.property(arbitraryTable(8, 499), ({ noise, schools, withTotal }) => {
        const table = tableOf(STATS_SHAPE, services, noise, schools, withTotal, 12);
        const published = publish(STATS_SHAPE, table);
        expectHonest(table, published);
        expect([...narrow(STATS_SHAPE, published)]).toEqual([]);
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('has an attacker that finds the subtraction when only small counts are hidden', () => {
    // Primary suppression alone, as before issue 12: the attacks above must find pinned cells.
    const primaryOnly = (table: MonthTable): Published => ({
      rows: table.rows.map((r) => ({
        cells: Object.fromEntries(
          Object.entries(r.values).map(([k, n]) => [k, n >= 1 && n <= 4 ? '<5' : n]),
        ),
        medianShown: r.medianShown,
      })),
      total: table.total,
    });
    const samples = fc.sample(arbitraryTable(3, 97), { seed: 12, numRuns: 50 });
    const exact = samples.filter(({ noise, schools, withTotal }) => {
      const table = tableOf(SMALL_SHAPE, ['service'], noise, schools, withTotal, 7);
      return pinnedCells(SMALL_SHAPE, primaryOnly(table), 10).length > 0;
    });
    const real = fc
      .sample(arbitraryTable(8, 499), { seed: 12, numRuns: 50 })
      .filter(({ noise, schools, withTotal }) => {
        const services = CDR_SERVICES.map((s) => `service.${s}`);
        const table = tableOf(STATS_SHAPE, services, noise, schools, withTotal, 12);
        return narrow(STATS_SHAPE, primaryOnly(table)).size > 0;
      });
    expect(exact.length).toBeGreaterThan(25);
    expect(real.length).toBeGreaterThan(25);
  });

  it('hides the complement of issue 12: SP1 6, SP2 1, all schools 7', () => {
    const row = (reports: number) => ({
      values: { reports, urgent: 0, 'cat.a': reports, 'cat.b': 0, 'cat.c': 0 },
      medianShown: false,
    });
    const shape: TableShape = { ...SMALL_SHAPE, groups: SMALL_SHAPE.groups.slice(0, 1) };
    const table = { rows: [row(6), row(1), row(7)], total: 2 };
    const published = publish(shape, table);
    expect(published.rows[1]?.cells.reports).toBe('<5');
    // Without secondary suppression 7 - 6 would give SP2's 1 away.
    expect(published.rows.filter((r) => r.cells.reports === '*').length).toBeGreaterThan(0);
    expect(pinnedCells(shape, published, 12)).toEqual([]);
  });
});
