// [Note: small-count suppression], secondary part. A cell of 1 to 4 is hidden as '<5'; but the
// table also publishes how its cells add up (a school's categories and its risks add up to its
// reports, its results to its escalations, and each column of the schools adds up to the total
// row), so a hidden cell that is the only one of a sum could be worked out by subtraction, and
// two could be pinned by their known bounds ("<5" is at least 1). So more cells are hidden, as
// '*' (a number withheld, any value from 0 up), until every hidden cell has a witness: another
// table, equal to the real one in every visible cell, consistent with every sum, every '<5' bound,
// urgent <= reports and "a shown median needs 5 reports", in which that hidden cell has another
// value. Whoever sees the table cannot tell the two apart, so no hidden cell is determined.
//
// The witness for a cell is the real table plus a move: +1 or -1 on the cell, the same on one
// other cell of its sum in the row (a swap within categories, or the report with one category,
// one risk and, if needed, urgent), and in the column the move repeated on the total row or
// undone on another school. Of all such moves the one hiding the fewest visible cells is taken
// (a '<5' that would leave 1..4 becomes '*' at a small cost); a move with all +1 is always
// possible, so every hidden cell gets one. Hiding more cells later only takes information away,
// so earlier witnesses stay good. Each month is its own table, decided from that month's counts
// and the scope alone, so asking for other ranges shows the same cells.
import type { StatsCount } from '../../shared/protocol/admin.ts';

export const SMALL_MIN = 1;
export const SMALL_MAX = 4;

/** How the columns of a table add up. */
export interface TableShape {
  /** Each group of child columns adds up to its parent column (several groups may share one). */
  groups: readonly { parent: string; children: readonly string[] }[];
  /** [a, b]: column a never exceeds column b in the same row. */
  atMost: readonly (readonly [string, string])[];
  /** The column that is at least 5 in a row whose median is shown. */
  medianOf: string;
}

export interface TableRow {
  values: Record<string, number>;
  /** The row shows a median, so `medianOf` is at least 5 there. */
  medianShown: boolean;
}

/** Rows of one month; `total` is the index of the row that adds up the others, if any. */
export interface MonthTable {
  rows: readonly TableRow[];
  total: number | null;
}

type State = 'shown' | '<5' | '*';
/** Columns of one row and their change by +1 or -1. */
type Move = Map<string, number>;

const HIDE_COST = 10;
const DOWNGRADE_COST = 1;

const keyOf = (row: number, col: string) => `${row}|${col}`;

/** Suppressed cells of one month's table, row by row, in the columns of the first row. */
export function suppressTable(shape: TableShape, table: MonthTable): Record<string, StatsCount>[] {
  const { rows, total } = table;
  const columns = Object.keys(rows[0]?.values ?? {});
  const value = (row: number, col: string) => rows[row]?.values[col] ?? 0;
  const state: Map<string, State>[] = rows.map(
    (r) =>
      new Map(
        columns.map((col) => {
          const n = r.values[col] ?? 0;
          return [col, n >= SMALL_MIN && n <= SMALL_MAX ? '<5' : 'shown'];
        }),
      ),
  );
  const schools = rows.map((_, i) => i).filter((i) => i !== total);
  const totalRow = schools.length > 0 ? total : null;
  const childOf = new Map(shape.groups.flatMap((g) => g.children.map((c) => [c, g] as const)));
  const groupsOf = new Map<string, { parent: string; children: readonly string[] }[]>();
  for (const g of shape.groups) groupsOf.set(g.parent, [...(groupsOf.get(g.parent) ?? []), g]);
  const boundedBy = (parent: string) =>
    shape.atMost.filter(([, b]) => b === parent).map(([a]) => a);

  /** The move on `here`, repeated (factor 1) or undone (-1) on `other` to keep the columns. */
  interface Pair {
    here: number;
    other: number | null;
    factor: number;
  }
  const cellCost = (row: number, col: string, d: number): number | null => {
    const alt = value(row, col) + d;
    if (alt < 0) return null;
    const s = state[row]?.get(col);
    if (s === 'shown') return HIDE_COST;
    return s === '<5' && (alt < SMALL_MIN || alt > SMALL_MAX) ? DOWNGRADE_COST : 0;
  };
  const colCost = (p: Pair, col: string, d: number): number | null => {
    const a = cellCost(p.here, col, d);
    const b = p.other === null ? 0 : cellCost(p.other, col, d * p.factor);
    return a === null || b === null ? null : a + b;
  };
  /** urgent <= reports and "a shown median needs 5" in both rows of the witness. */
  const rowsOk = (p: Pair, move: Move): boolean => {
    const check = (row: number, factor: number) => {
      const alt = (col: string) => value(row, col) + (move.get(col) ?? 0) * factor;
      if (shape.atMost.some(([a, b]) => alt(a) > alt(b))) return false;
      return !rows[row]?.medianShown || alt(shape.medianOf) >= 5;
    };
    return check(p.here, 1) && (p.other === null || check(p.other, p.factor));
  };
  /** The cost of a move in one row (columns -> +1/-1) over the pair; null when inconsistent. */
  const moveCost = (p: Pair, move: Move): number | null => {
    let cost = 0;
    for (const [col, d] of move) {
      const c = colCost(p, col, d);
      if (c === null) return null;
      cost += c;
    }
    return rowsOk(p, move) ? cost : null;
  };
  // The parent with one child of each of its groups (`child` in its own), all by `sign`: the
  // cheapest child per group (costs add up, and no row check looks at children); with and without
  // the columns bounded by the parent moving along.
  const parentChanges = (p: Pair, parent: string, sign: number, child?: string): Move[] => {
    const move: Move = new Map([[parent, sign]]);
    for (const g of groupsOf.get(parent) ?? []) {
      const options = child !== undefined && g.children.includes(child) ? [child] : g.children;
      let pick: string | null = null;
      let cheapest = Infinity;
      for (const c of options) {
        const cost = colCost(p, c, sign);
        if (cost !== null && cost < cheapest) [pick, cheapest] = [c, cost];
      }
      if (pick === null) return [];
      move.set(pick, sign);
    }
    const bounded = boundedBy(parent);
    return bounded.length === 0
      ? [move]
      : [move, new Map([...move, ...bounded.map((a) => [a, sign] as const)])];
  };
  /** Every kind of move of `col` by `sign` in one row that keeps the row's sums. */
  const rowMoves = (p: Pair, col: string, sign: number): Move[] => {
    const group = childOf.get(col);
    if (group) {
      const swaps = group.children
        .filter((sibling) => sibling !== col)
        .map(
          (sibling) =>
            new Map([
              [col, sign],
              [sibling, -sign],
            ]),
        );
      return [...swaps, ...parentChanges(p, group.parent, sign, col)];
    }
    if (groupsOf.has(col)) return parentChanges(p, col, sign);
    const out: Move[] = [new Map([[col, sign]])];
    for (const [a, b] of shape.atMost) {
      if (a === col)
        out.push(...parentChanges(p, b, sign).map((m) => new Map([...m, [col, sign]])));
    }
    return out;
  };
  const pairsOf = (row: number): Pair[] => {
    if (totalRow === null) return [{ here: row, other: null, factor: 1 }];
    if (row === totalRow) return schools.map((s) => ({ here: row, other: s, factor: 1 }));
    return [
      ...schools.filter((s) => s !== row).map((s) => ({ here: row, other: s, factor: -1 })),
      { here: row, other: totalRow, factor: 1 },
    ];
  };

  const covered = new Set<string>();
  const hide = (row: number, col: string, d: number) => {
    const alt = value(row, col) + d;
    const s = state[row];
    if (s?.get(col) === 'shown' || alt < SMALL_MIN || alt > SMALL_MAX) s?.set(col, '*');
    covered.add(keyOf(row, col));
  };
  const primaries = state.flatMap((s, row) =>
    [...s].filter(([, x]) => x === '<5').map(([col]) => [row, col] as const),
  );
  for (const [row, col] of primaries) {
    if (covered.has(keyOf(row, col))) continue;
    let best: { p: Pair; move: Move; cost: number } | null = null;
    search: for (const sign of [1, -1]) {
      for (const p of pairsOf(row)) {
        for (const move of rowMoves(p, col, sign)) {
          const cost = moveCost(p, move);
          if (cost !== null && (best === null || cost < best.cost)) best = { p, move, cost };
          if (best?.cost === 0) break search;
        }
      }
    }
    // Unreachable: the all-+1 move with the total row (or alone) is always consistent.
    if (!best) throw new Error('no witness for a suppressed cell');
    for (const [c, d] of best.move) {
      hide(best.p.here, c, d);
      if (best.p.other !== null) hide(best.p.other, c, d * best.p.factor);
    }
  }

  return rows.map((r, i) =>
    Object.fromEntries(
      columns.map((col) => {
        const s = state[i]?.get(col);
        return [col, s === 'shown' ? (r.values[col] ?? 0) : (s as '<5' | '*')];
      }),
    ),
  );
}
