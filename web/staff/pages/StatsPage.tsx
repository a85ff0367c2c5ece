// Prevention monitoring ("stały monitoring profilaktyczny"): reports per school and month by
// category and risk, time to first answer, escalations and outcomes. Small counts arrive from the
// server already as "<5", and cells that would give them away as "*" [Note: small-count
// suppression]; the charts leave those cells out and the CSV download carries the same cells,
// with the same column names as the table, in the app's language.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StatsDto, StatsRowDto } from '../../../shared/protocol/admin.ts';
import { requestJson } from '../../common/api.ts';
import { lang } from '../../common/i18n.ts';
import { drawable, StatsChart } from '../components/StatsChart.tsx';
import { ts } from '../i18n.ts';
import {
  categoryColumns,
  GROUP_LABEL,
  monthLabel,
  schoolLabel,
  statsCsvText,
  tableColumns,
  type StatsColumn,
} from '../stats-columns.ts';

const month = (d: Date) => d.toISOString().slice(0, 7);

function defaultRange() {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1));
  return { from: month(from), to: month(now) };
}

/** The rows the charts draw: the total per month where there is one, else the one school's. */
const overview = (rows: StatsRowDto[]) => {
  const totals = rows.filter((r) => r.schoolId === null);
  return totals.length > 0 ? totals : rows;
};

function Charts({ rows }: { rows: StatsRowDto[] }) {
  const byMonth = overview(rows);
  const months = byMonth.map((r) => monthLabel(r.month));
  const perSchool = rows.filter((r) => r.schoolId !== null);
  const schools = [...new Set(perSchool.map((r) => r.schoolCode ?? ''))].sort();
  const monthKeys = [...new Set(perSchool.map((r) => r.month))].sort();
  return (
    <div class="stats-charts">
      <StatsChart
        title={ts('chartByCategory')}
        description={ts('chartByCategoryText')}
        labels={months}
        stacked
        series={categoryColumns().map((c) => ({
          label: c.label,
          values: byMonth.map((r) => drawable(c.cell(r))),
        }))}
      />
      {schools.length > 1 && (
        <StatsChart
          title={ts('chartBySchool')}
          description={ts('chartBySchoolText')}
          labels={schools}
          stacked={false}
          series={monthKeys.map((m) => ({
            label: monthLabel(m),
            values: schools.map((code) =>
              drawable(perSchool.find((r) => r.month === m && r.schoolCode === code)?.reports),
            ),
          }))}
        />
      )}
    </div>
  );
}

function Table({ rows }: { rows: StatsRowDto[] }) {
  const columns = tableColumns();
  const heads: { label: string; span: number; group: StatsColumn['group'] }[] = [];
  for (const c of columns) {
    const last = heads.at(-1);
    if (c.group && last?.group === c.group) last.span++;
    else
      heads.push({ label: c.group ? ts(GROUP_LABEL[c.group]) : c.label, span: 1, group: c.group });
  }
  return (
    // Scrolls both ways, so it takes keyboard focus (axe: scrollable-region-focusable).
    <div class="table-wrap" role="region" aria-labelledby="stats-table-title" tabIndex={0}>
      <table class="stats">
        <caption id="stats-table-title">{ts('statsTable')}</caption>
        <thead>
          <tr>
            {heads.map((h) =>
              h.group ? (
                <th key={h.label} scope="colgroup" colSpan={h.span} class="stats__group">
                  {h.label}
                </th>
              ) : (
                <th key={h.label} scope="col" rowSpan={2}>
                  {h.label}
                </th>
              ),
            )}
          </tr>
          <tr>
            {columns
              .filter((c) => c.group)
              .map((c) => (
                <th key={c.path} scope="col" class="stats__sub">
                  {c.label}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.month}-${r.schoolId ?? 'all'}`}
              class={r.schoolId === null ? 'stats__total' : undefined}
            >
              <th scope="row">
                <time dateTime={r.month}>{monthLabel(r.month)}</time>
              </th>
              <td>{schoolLabel(r)}</td>
              {columns.slice(2).map((c) => (
                <td key={c.path} class="stats__num">
                  {c.cell(r) ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatsPage() {
  const [range, setRange] = useState(defaultRange);
  const [data, setData] = useState<StatsDto | 'error' | null>(null);
  useEffect(() => {
    setData(null);
    requestJson<StatsDto>(`/api/staff/stats?from=${range.from}&to=${range.to}`).then(setData, () =>
      setData('error'),
    );
  }, [range.from, range.to]);
  const rows: StatsRowDto[] = data && data !== 'error' ? data.rows : [];
  // The CSV is made here from the rows on screen, so its headers read like the table's.
  const csvUrl = useMemo(
    () => URL.createObjectURL(new Blob([statsCsvText(rows)], { type: 'text/csv;charset=utf-8' })),
    [rows, lang.value],
  );
  useEffect(() => () => URL.revokeObjectURL(csvUrl), [csvUrl]);
  return (
    <section class="wide">
      <h2>{ts('stats')}</h2>
      <p class="hint">{ts('statsHint')}</p>
      <div class="toolbar">
        <label for="stats-from">{ts('from')}</label>
        <input
          id="stats-from"
          type="month"
          value={range.from}
          onChange={(e) => setRange({ ...range, from: e.currentTarget.value })}
        />
        <label for="stats-to">{ts('to')}</label>
        <input
          id="stats-to"
          type="month"
          value={range.to}
          onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
        />
        <a
          class="button button--secondary"
          href={csvUrl}
          download={`${ts('statsFile')}-${range.from}-${range.to}.csv`}
        >
          {ts('downloadCsv')}
        </a>
      </div>
      {data === 'error' && (
        <p class="notice notice--error" role="alert">
          {ts('loadFailed')}
        </p>
      )}
      {data === null && <p role="status">{ts('loading')}</p>}
      {rows.length > 0 && (
        <>
          <Charts rows={rows} />
          <p class="hint">{ts('chartsHidden')}</p>
          <Table rows={rows} />
        </>
      )}
    </section>
  );
}
