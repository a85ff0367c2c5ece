// An attacker on published statistics [Note: small-count suppression]: from the visible cells,
// the "<5" bounds (1..4), "*" (any number from 0) and every published relation (a row's groups
// add up to their parent, the schools of a column to the total row, urgent <= reports, a shown
// median means at least 5 reports) it narrows each hidden cell to an interval by subtraction
// until nothing changes (`narrow`), and, for small tables, searches for every other value a hidden
// cell could take in a whole consistent table (`pinnedCells`, exact).
import type { StatsCount } from '../../shared/protocol/admin.ts';
import type { TableShape } from '../../server/services/stats-suppression.ts';

export interface PublishedRow {
  cells: Record<string, StatsCount>;
  medianShown: boolean;
}

export interface Published {
  rows: PublishedRow[];
  total: number | null;
}

type Bounds = Map<string, [number, number]>;

const key = (row: number, col: string) => `${row}|${col}`;

interface Relations {
  sums: { whole: string; parts: string[] }[];
  atMost: [string, string][];
}

function relationsOf(shape: TableShape, t: Published): Relations {
  const columns = Object.keys(t.rows[0]?.cells ?? {});
  const sums: Relations['sums'] = [];
  const atMost: [string, string][] = [];
  t.rows.forEach((_, r) => {
    for (const g of shape.groups) {
      sums.push({ whole: key(r, g.parent), parts: g.children.map((c) => key(r, c)) });
    }
    for (const [a, b] of shape.atMost) atMost.push([key(r, a), key(r, b)]);
  });
  if (t.total !== null) {
    const schools = t.rows.map((_, i) => i).filter((i) => i !== t.total);
    for (const col of columns) {
      sums.push({ whole: key(t.total, col), parts: schools.map((s) => key(s, col)) });
    }
  }
  return { sums, atMost };
}

function initialBounds(shape: TableShape, t: Published): Bounds {
  const b: Bounds = new Map();
  t.rows.forEach((row, r) => {
    for (const [col, cell] of Object.entries(row.cells)) {
      b.set(key(r, col), cell === '<5' ? [1, 4] : cell === '*' ? [0, Infinity] : [cell, cell]);
    }
    if (row.medianShown) {
      const k = key(r, shape.medianOf);
      const [lo, hi] = b.get(k) ?? [0, Infinity];
      b.set(k, [Math.max(lo, 5), hi]);
    }
  });
  return b;
}

/** Narrows the bounds in place; false when they contradict each other. */
function propagate(b: Bounds, rel: Relations): boolean {
  const get = (k: string) => b.get(k) ?? [0, Infinity];
  for (let changed = true; changed;) {
    changed = false;
    const set = (k: string, lo: number, hi: number) => {
      const [l, h] = get(k);
      if (lo > l || hi < h) {
        b.set(k, [Math.max(lo, l), Math.min(hi, h)]);
        changed = true;
      }
    };
    for (const { whole, parts } of rel.sums) {
      const los = parts.map((p) => get(p)[0]);
      const his = parts.map((p) => get(p)[1]);
      const sumLo = los.reduce((a, x) => a + x, 0);
      const sumHi = his.reduce((a, x) => a + x, 0);
      set(whole, sumLo, sumHi);
      const [wLo, wHi] = get(whole);
      parts.forEach((p, i) => {
        const othersHi = sumHi - (his[i] ?? 0);
        const othersLo = sumLo - (los[i] ?? 0);
        set(p, Number.isFinite(othersHi) ? wLo - othersHi : -Infinity, wHi - othersLo);
      });
    }
    for (const [a, c] of rel.atMost) {
      set(a, -Infinity, get(c)[1]);
      set(c, get(a)[0], Infinity);
    }
    for (const [lo, hi] of b.values()) if (lo > hi) return false;
  }
  return true;
}

/** The hidden cells subtraction pins to one value, with that value. */
export function narrow(shape: TableShape, t: Published): Map<string, number> {
  const b = initialBounds(shape, t);
  if (!propagate(b, relationsOf(shape, t)))
    throw new Error('the published table contradicts itself');
  const pinned = new Map<string, number>();
  t.rows.forEach((row, r) => {
    for (const [col, cell] of Object.entries(row.cells)) {
      const [lo, hi] = b.get(key(r, col)) ?? [0, Infinity];
      if (typeof cell !== 'number' && lo === hi) pinned.set(key(r, col), lo);
    }
  });
  return pinned;
}

/** Whether some whole table consistent with the bounds exists (depth-first, with narrowing). */
function feasible(b: Bounds, rel: Relations, cap: number): boolean {
  if (!propagate(b, rel)) return false;
  let pick: string | null = null;
  let width = Infinity;
  for (const [k, [lo, hi]] of b) {
    const w = Math.min(hi, cap) - lo;
    if (w > 0 && w < width) [pick, width] = [k, w];
  }
  if (pick === null) {
    // Every cell fixed (or capped): check the fixed table.
    const fixed: Bounds = new Map([...b].map(([k, [lo]]) => [k, [lo, lo]]));
    return propagate(fixed, rel);
  }
  const [lo, hi] = b.get(pick) ?? [0, 0];
  for (let v = lo; v <= Math.min(hi, cap); v++) {
    const next: Bounds = new Map(b);
    next.set(pick, [v, v]);
    if (feasible(next, rel, cap)) return true;
  }
  return false;
}

/**
 * Exact: the hidden cells that take one value in every consistent table whose cells are at most
 * `cap` (pick a cap above every real count). For small tables only.
 */
export function pinnedCells(shape: TableShape, t: Published, cap: number): string[] {
  const rel = relationsOf(shape, t);
  const start = initialBounds(shape, t);
  if (!propagate(start, rel)) throw new Error('the published table contradicts itself');
  const pinned: string[] = [];
  t.rows.forEach((row, r) => {
    for (const [col, cell] of Object.entries(row.cells)) {
      if (typeof cell === 'number') continue;
      const k = key(r, col);
      const [lo, hi] = start.get(k) ?? [0, 0];
      let values = 0;
      for (let v = lo; v <= Math.min(hi, cap) && values < 2; v++) {
        const b: Bounds = new Map(start);
        b.set(k, [v, v]);
        if (feasible(b, rel, cap)) values++;
      }
      if (values < 2) pinned.push(k);
    }
  });
  return pinned;
}
