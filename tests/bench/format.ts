// The bench's printed rows: each figure with its ratio to the baseline measured in the same run
// (these machines are shared and noisy: absolute numbers drift, ratios much less), the target, and
// `ok` or `MISSED`.
import { TIMEOUT_S, type LoadResult } from './load.ts';

export const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const ratio = (value: number, base: number) =>
  base > 0 && Number.isFinite(value) ? `x${(value / base).toFixed(2)}` : 'x-';

export const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
export const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

/** A figure against one baseline value. */
export function row(
  name: string,
  value: string,
  ratioValue: number,
  base: string,
  target: string,
  ok: boolean,
): string {
  return `${name.padEnd(34)} ${value.padStart(10)}  x${ratioValue.toFixed(2).padEnd(7)} vs ${base.padEnd(26)} target ${target.padEnd(9)} ${verdict(ok)}`;
}

export const LOAD_HEADER = `${'figure'.padEnd(34)} ${'req/s'.padStart(7)} ${'x echo'.padEnd(7)} ${'p50'.padStart(8)} ${'x echo'.padEnd(7)} ${'p99'.padStart(8)} ${'x echo'.padEnd(7)} ${'RSS'.padStart(6)} target`;

/** A load figure: req/s, p50 and p99 latency, each as a ratio to the echo baseline's, and the
 * peak RSS of the loaded process during the phase. */
export function loadRow(
  name: string,
  r: LoadResult,
  echo: LoadResult,
  target: string,
  ok: boolean | undefined,
): string {
  const cells = [
    name.padEnd(34),
    r.rps.toFixed(0).padStart(7),
    ratio(r.rps, echo.rps).padEnd(7),
    `${r.p50} ms`.padStart(8),
    ratio(r.p50, echo.p50).padEnd(7),
    `${r.p99} ms`.padStart(8),
    ratio(r.p99, echo.p99).padEnd(7),
    `${(r.peakRss / 2 ** 20).toFixed(0)} MB`.padStart(6),
    target.padEnd(28),
    ok === undefined ? '' : verdict(ok),
    r.timeouts > 0 ? `(${r.timeouts} timed out after ${TIMEOUT_S} s)` : '',
  ];
  return cells.join(' ').trimEnd();
}
