// The statistics as CSV: the same rows and the same (suppressed) cells as the JSON
// [Note: small-count suppression]. A column is named by its path in StatsRowDto
// ('category.self_harm'), so a reader can match every cell to the JSON. UTF-8, comma-separated,
// CRLF line ends (RFC 4180), the total row with empty school cells.
import { csvText, type CsvCell as Cell } from '../../shared/csv.ts';
import type { StatsDto, StatsRowDto } from '../../shared/protocol/admin.ts';

/** [column, cell] pairs of a row, nested records flattened as 'record.key'. */
export function flattenRow(row: StatsRowDto): [string, Cell][] {
  const out: [string, Cell][] = [];
  for (const [key, value] of Object.entries(row) as [string, unknown][]) {
    if (value !== null && typeof value === 'object') {
      for (const [sub, cell] of Object.entries(value as Record<string, Cell>)) {
        out.push([`${key}.${sub}`, cell]);
      }
    } else {
      out.push([key, value as Cell]);
    }
  }
  return out;
}

export function statsCsv(dto: StatsDto): string {
  const first = dto.rows[0];
  if (!first) return '\r\n';
  const header = flattenRow(first).map(([name]) => name);
  return csvText([header, ...dto.rows.map((row) => flattenRow(row).map(([, cell]) => cell))]);
}
