// Prevention monitoring ("stały monitoring profilaktyczny"): reports per school and month by
// category and risk, time to first answer, escalations and outcomes. Small counts arrive from the
// server already as "<5", and cells that would give them away as "*" [Note: small-count
// suppression]; the CSV download carries the same cells.
import { useEffect, useState } from 'preact/hooks';
import type { StatsCount, StatsDto, StatsRowDto } from '../../../shared/protocol/admin.ts';
import { requestJson } from '../../common/api.ts';
import { StatsChart } from '../components/StatsChart.tsx';
import { ts } from '../i18n.ts';

const month = (d: Date) => d.toISOString().slice(0, 7);

function defaultRange() {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1));
  return { from: month(from), to: month(now) };
}

const sum = (record: Record<string, StatsCount>, keys: string[]) =>
  keys.map((k) => `${k}: ${record[k] ?? 0}`).join(', ');

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
  return (
    <section>
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
          href={`/api/staff/stats.csv?from=${range.from}&to=${range.to}`}
          download
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
      {rows.length > 0 && <StatsChart rows={rows} label={ts('statsChart')} />}
      <div class="table-wrap">
        <table class="stats">
          <thead>
            <tr>
              <th scope="col">{ts('month')}</th>
              <th scope="col">{ts('schoolColumn')}</th>
              <th scope="col">{ts('reportsColumn')}</th>
              <th scope="col">{ts('urgent')}</th>
              <th scope="col">{ts('medianAnswer')}</th>
              <th scope="col">{ts('escalations')}</th>
              <th scope="col">{ts('category')}</th>
              <th scope="col">{ts('risk')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.month}-${r.schoolId ?? 'all'}`}>
                <td>{r.month}</td>
                <td>{r.schoolCode ?? ts('allSchools')}</td>
                <td>{r.reports}</td>
                <td>{r.urgent}</td>
                <td>{r.medianHoursToFirstAnswer ?? '—'}</td>
                <td>{r.escalations}</td>
                <td class="stats__detail">{sum(r.category, Object.keys(r.category))}</td>
                <td class="stats__detail">{sum(r.risk, Object.keys(r.risk))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
