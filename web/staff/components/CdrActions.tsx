// The CdR's side of an escalation: who takes it, what support was offered (the CdR's catalogue),
// the date a Niebieska Karta procedure was started by the responsible institution, and closing it
// with a result the school sees.
import { TextLimit, tooLong } from '../../common/components/TextLimit.tsx';
import { useEffect, useState } from 'preact/hooks';
import {
  CDR_SERVICES,
  ESCALATION_RESULTS,
  type EscalationCaseDto,
} from '../../../shared/protocol/escalations.ts';
import type { MemberDto } from '../../../shared/protocol/staff.ts';
import { crypto } from '../crypto.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { ts } from '../i18n.ts';
import { RESULT_LABEL, SERVICE_LABEL } from '../labels.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';
import { formatDate } from '../format-time.ts';

interface Outcome {
  id: string;
  service: string;
  note: string | null;
  createdAt: string;
}

export function CdrActions(props: {
  id: string;
  dto: EscalationCaseDto;
  escKey: Uint8Array;
  outcomes: Outcome[];
  onChanged: () => void;
}) {
  const { id, dto } = props;
  const [members, setMembers] = useState<MemberDto[]>([]);
  const [service, setService] = useState<string>(CDR_SERVICES[0]);
  const [note, setNote] = useState('');
  // No result is chosen for the specialist: closing is final, so they pick one themselves.
  const [result, setResult] = useState<string>('');
  const [dialog, ask] = useConfirm();
  const close = () =>
    ask({
      title: ts('closeTitle'),
      text: <p>{ts('closeText', { result: ts(RESULT_LABEL[result] ?? 'resSupport') })}</p>,
      confirm: ts('closeConfirm'),
      run: () => act(staffApi.closeEscalation(id, result)),
    });
  const [failed, setFailed] = useState(false);
  useEffect(
    () =>
      void staffApi.members().then(
        (m) => setMembers(m.filter((x) => x.status === 'active')),
        () => undefined,
      ),
    [],
  );
  const act = (p: Promise<unknown>) => p.then(props.onChanged, () => setFailed(true));
  const closed = dto.item.status === 'closed';
  const addOutcome = async () => {
    const u = unlocked.value;
    if (!u) return;
    if (tooLong(note)) return document.getElementById('cdr-note')?.focus();
    const sealed = note.trim()
      ? await crypto(
          'composeOutcome',
          props.escKey,
          dto.item.reportId,
          note.trim(),
          u.personal.signSecretKey,
        )
      : null;
    await act(
      staffApi.addOutcome(id, {
        id: sealed?.id ?? randomId(),
        service,
        note: sealed?.note ?? null,
        signature: sealed?.signature ?? null,
      }),
    );
    setNote('');
  };
  return (
    <section class="panel" aria-labelledby="cdr-actions">
      {dialog}
      <h3 id="cdr-actions">{ts('cdrWork')}</h3>
      <ul class="notes">
        {props.outcomes.map((o) => (
          <li key={o.id}>
            <strong>{ts(SERVICE_LABEL[o.service] ?? 'svcPsych')}</strong> ·{' '}
            {formatDate(o.createdAt)}
            {o.note && <p class="bubble__text">{o.note}</p>}
          </li>
        ))}
      </ul>
      {!closed && (
        <>
          <div class="field">
            <label for="cdr-assignee">{ts('assignee')}</label>
            <select
              id="cdr-assignee"
              value={dto.item.assigneeId ?? ''}
              onChange={(e) =>
                void act(
                  staffApi.updateEscalation(id, {
                    assigneeId: e.currentTarget.value || null,
                    status: 'in_progress',
                  }),
                )
              }
            >
              <option value="">{ts('nobody')}</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </select>
          </div>
          <form onSubmit={(e) => (e.preventDefault(), void addOutcome())}>
            <div class="field">
              <label for="cdr-service">{ts('serviceOffered')}</label>
              <select
                id="cdr-service"
                value={service}
                onChange={(e) => setService(e.currentTarget.value)}
              >
                {CDR_SERVICES.map((s) => (
                  <option key={s} value={s}>
                    {ts(SERVICE_LABEL[s] ?? 'svcPsych')}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="cdr-note">{ts('outcomeNote')}</label>
              <textarea
                id="cdr-note"
                rows={2}
                value={note}
                aria-describedby="cdr-note-count"
                aria-invalid={tooLong(note)}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
              <TextLimit id="cdr-note-count" text={note} quiet />
            </div>
            <button type="submit">{ts('recordOutcome')}</button>
          </form>
          <div class="field">
            <label for="cdr-nk">{ts('niebieskaKarta')}</label>
            <input
              id="cdr-nk"
              type="date"
              value={dto.item.niebieskaKartaDate ?? ''}
              onChange={(e) =>
                void act(
                  staffApi.updateEscalation(id, {
                    niebieskaKartaDate: e.currentTarget.value || null,
                  }),
                )
              }
            />
          </div>
          <form onSubmit={(e) => (e.preventDefault(), close())}>
            <div class="field">
              <label for="cdr-result">{ts('escResult')}</label>
              <select
                id="cdr-result"
                value={result}
                required
                onChange={(e) => setResult(e.currentTarget.value)}
              >
                <option value="">{ts('chooseResult')}</option>
                {ESCALATION_RESULTS.map((r) => (
                  <option key={r} value={r}>
                    {ts(RESULT_LABEL[r] ?? 'resSupport')}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={!result}>
              {ts('closeEscalation')}
            </button>
          </form>
        </>
      )}
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('saveFailed')}
        </p>
      )}
    </section>
  );
}

/** An id for an outcome without a note (ids of encrypted items come from the worker). */
function randomId(): string {
  return globalThis.crypto.randomUUID();
}
