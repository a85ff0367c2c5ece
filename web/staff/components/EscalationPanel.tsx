// In a school case: the report's escalations to the CdR (status and result), and handing it over.
import { useEffect, useState } from 'preact/hooks';
import type { EscalationItemDto, EscalationPackage } from '../../../shared/protocol/escalations.ts';
import type { StaffOps } from '../../crypto/staff-worker.ts';
import { ts } from '../i18n.ts';
import { RESULT_LABEL, ESC_STATUS_LABEL } from '../labels.ts';
import { staffApi } from '../staff-api.ts';
import { go } from '../router.ts';
import { EscalateForm } from './EscalateForm.tsx';

type Opened = Awaited<ReturnType<StaffOps['openCase']>>;

export function EscalationPanel(props: {
  reportId: string;
  urgent: boolean;
  triage: NonNullable<EscalationPackage['triage']>;
  opened: Opened;
  /** Told after a hand-over, so the case (its title's marker, its history) is read again. */
  onEscalated?: () => void;
}) {
  const [items, setItems] = useState<EscalationItemDto[]>([]);
  const [open, setOpen] = useState(false);
  const reload = () =>
    staffApi.escalations().then(
      (all) => setItems(all.filter((e) => e.reportId === props.reportId)),
      () => undefined,
    );
  useEffect(() => void reload(), [props.reportId]);
  const active = items.some((e) => e.status !== 'closed');
  return (
    <section class="panel" aria-labelledby="esc-title">
      <h3 id="esc-title">{ts('cdrTitle')}</h3>
      <ul class="members">
        {items.map((e) => (
          <li key={e.id}>
            {ts(ESC_STATUS_LABEL[e.status] ?? 'escOpen')}
            {e.result && ` · ${ts('escResult')}: ${ts(RESULT_LABEL[e.result] ?? 'resSupport')}`}
            <button
              type="button"
              class="button--secondary"
              onClick={() => go({ name: 'escalation', id: e.id })}
            >
              {ts('openEscalation')}
            </button>
          </li>
        ))}
      </ul>
      {!active && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          {ts('escalate')}
        </button>
      )}
      {open && (
        <EscalateForm
          reportId={props.reportId}
          urgent={props.urgent}
          triage={props.triage}
          opened={props.opened}
          onDone={() => {
            setOpen(false);
            void reload();
            props.onEscalated?.();
          }}
        />
      )}
    </section>
  );
}
