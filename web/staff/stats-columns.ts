// The statistics' columns in words (issue 13): one list the table, the charts and the CSV all
// read, so a column has the same name on the screen and in the spreadsheet. Cells are shown as the
// server sent them ("<5", "*") [Note: small-count suppression].
import { csvText, type CsvCell } from '../../shared/csv.ts';
import {
  NO_CATEGORY,
  OPEN_RESULT,
  type StatsCount,
  type StatsRowDto,
} from '../../shared/protocol/admin.ts';
import { CDR_SERVICES, ESCALATION_RESULTS } from '../../shared/protocol/escalations.ts';
import { RISK_LEVELS, TRIAGE_CATEGORIES } from '../../shared/protocol/staff.ts';
import { lang } from '../common/i18n.ts';
import { ts, type StaffKey } from './i18n.ts';
import { CATEGORY_LABEL, RESULT_LABEL, RISK_LABEL, SERVICE_LABEL } from './labels.ts';

export type StatsGroup = 'category' | 'risk' | 'result' | 'service';

export interface StatsColumn {
  /** Its path in StatsRowDto, as the server's CSV names it ('category.self_harm'). */
  path: string;
  label: string;
  /** The heading over a group of columns ('Kategoria'), null for a column of its own. */
  group: StatsGroup | null;
  cell: (row: StatsRowDto) => StatsCount | string | null;
}

export const GROUP_LABEL: Record<StatsGroup, StaffKey> = {
  category: 'category',
  risk: 'risk',
  result: 'statsResults',
  service: 'statsServices',
};

/** "lipiec 2026" for "2026-07". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang.value, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)));
}

export const schoolLabel = (row: StatsRowDto) => row.schoolCode ?? ts('allSchools');

function grouped<K extends string>(
  group: StatsGroup,
  keys: readonly K[],
  label: (k: K) => string,
): StatsColumn[] {
  return keys.map((k) => ({
    path: `${group}.${k}`,
    label: label(k),
    group,
    cell: (row) => (row[group] as Record<string, StatsCount>)[k] ?? 0,
  }));
}

export const categoryColumns = () =>
  grouped('category', [...TRIAGE_CATEGORIES, NO_CATEGORY], (k) =>
    ts(k === NO_CATEGORY ? 'notTriaged' : (CATEGORY_LABEL[k] ?? 'catOther')),
  );
export const riskColumns = () =>
  grouped('risk', [...RISK_LEVELS, NO_CATEGORY], (k) =>
    ts(k === NO_CATEGORY ? 'notAssessed' : (RISK_LABEL[k] ?? 'riskLow')),
  );

/** The columns the table shows: the month's figures, then categories and risk levels. */
export function tableColumns(): StatsColumn[] {
  return [
    { path: 'month', label: ts('month'), group: null, cell: (r) => monthLabel(r.month) },
    { path: 'schoolCode', label: ts('schoolColumn'), group: null, cell: schoolLabel },
    { path: 'reports', label: ts('reportsColumn'), group: null, cell: (r) => r.reports },
    { path: 'urgent', label: ts('urgentColumn'), group: null, cell: (r) => r.urgent },
    {
      path: 'medianHoursToFirstAnswer',
      label: ts('medianAnswer'),
      group: null,
      cell: (r) => r.medianHoursToFirstAnswer,
    },
    { path: 'escalations', label: ts('escalations'), group: null, cell: (r) => r.escalations },
    ...categoryColumns(),
    ...riskColumns(),
  ];
}

/** The CSV also carries what the CdR did (results, services), as the server's export does. */
function csvColumns(): StatsColumn[] {
  const [month, school, ...rest] = tableColumns();
  return [
    { ...month!, cell: (r) => r.month },
    school!,
    { path: 'schoolName', label: ts('schoolName'), group: null, cell: (r) => r.schoolName },
    ...rest,
    ...grouped('result', [...ESCALATION_RESULTS, OPEN_RESULT], (k) =>
      ts(k === OPEN_RESULT ? 'resOpen' : (RESULT_LABEL[k] ?? 'resSupport')),
    ),
    ...grouped('service', CDR_SERVICES, (k) => ts(SERVICE_LABEL[k] ?? 'svcPsych')),
  ];
}

/** The statistics as a spreadsheet reads them, with headers in the app's language. */
export function statsCsvText(rows: StatsRowDto[]): string {
  const columns = csvColumns();
  const header = columns.map((c) =>
    c.group ? `${ts(GROUP_LABEL[c.group])}: ${c.label}` : c.label,
  );
  return csvText([header, ...rows.map((r) => columns.map((c): CsvCell => c.cell(r)))]);
}
