// Status, triage category, risk, assignee, misuse flag and pausing the pupil's replies. Every change
// is recorded in the case history (actions only, never content).
import { useState } from 'preact/hooks';
import {
  REPORT_STATUSES,
  RISK_LEVELS,
  TRIAGE_CATEGORIES,
  type CaseDto,
  type MemberDto,
} from '../../../shared/protocol/staff.ts';
import { ts } from '../i18n.ts';
import { CATEGORY_LABEL, RISK_LABEL, STATUS_LABEL } from '../labels.ts';
import { staffApi } from '../staff-api.ts';

export function TriagePanel({
  id,
  item,
  members: all,
  onChanged,
}: {
  id: string;
  item: CaseDto['item'];
  /** The school's members, as the case page already loaded them. */
  members: MemberDto[];
  onChanged: () => void;
}) {
  const members = all.filter((m) => m.status === 'active');
  const [failed, setFailed] = useState(false);
  const patch = (body: Record<string, unknown>) =>
    staffApi.triage(id, body).then(onChanged, () => setFailed(true));
  const select = (label: string, field: string, value: string, options: [string, string][]) => (
    <div class="field">
      <label for={`triage-${field}`}>{label}</label>
      <select
        id={`triage-${field}`}
        value={value}
        onChange={(e) => void patch({ [field]: e.currentTarget.value || null })}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section class="panel triage" aria-labelledby="triage-title">
      <h3 id="triage-title">{ts('triage')}</h3>
      {select(
        ts('status'),
        'status',
        item.status,
        REPORT_STATUSES.map((s) => [s, ts(STATUS_LABEL[s] ?? 'statusNew')]),
      )}
      {select(ts('category'), 'category', item.category ?? '', [
        ['', ts('notTriaged')],
        ...TRIAGE_CATEGORIES.map((c): [string, string] => [c, ts(CATEGORY_LABEL[c] ?? 'catOther')]),
      ])}
      {select(ts('risk'), 'risk', item.risk ?? '', [
        ['', ts('notAssessed')],
        ...RISK_LEVELS.map((r): [string, string] => [r, ts(RISK_LABEL[r] ?? 'riskLow')]),
      ])}
      {select(ts('assignee'), 'assigneeId', item.assigneeId ?? '', [
        ['', ts('nobody')],
        ...members.map((m): [string, string] => [m.id, m.displayName]),
      ])}
      {select(ts('flag'), 'flag', item.flag, [
        ['none', ts('flagNone')],
        ['false_report', ts('flagFalse')],
        ['test', ts('flagTest')],
      ])}
      <div class="field field--check">
        <input
          id="triage-paused"
          type="checkbox"
          checked={item.repliesPaused}
          onChange={(e) => void patch({ repliesPaused: e.currentTarget.checked })}
        />
        <label for="triage-paused">{ts('pauseReplies')}</label>
      </div>
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('saveFailed')}
        </p>
      )}
    </section>
  );
}
