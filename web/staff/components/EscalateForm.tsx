// Handing a case to the CdR: the counsellor chooses what goes (the report, messages, photos), writes
// a summary and a reason; the browser checks the CdR's certificate against the pinned root key,
// and that it is the newest one listed or seen [Note: certificate rollback], before it seals
// anything [Note: escalation keys].
import { TextLimit, tooLong } from '../../common/components/TextLimit.tsx';
import { useEffect, useState } from 'preact/hooks';
import { useDraft } from '../drafts.ts';
import { toB64 } from '../../../shared/envelope/base64url.ts';
import type { EscalationPackage } from '../../../shared/protocol/escalations.ts';
import type { StaffOps } from '../../crypto/staff-worker.ts';
import { sawVersion, seenVersion } from '../../common/seen-versions.ts';
import { CryptoFailure } from '../../crypto/client.ts';
import { crypto } from '../crypto.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { triageText } from '../labels.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';

type Opened = Awaited<ReturnType<StaffOps['openCase']>>;

async function verifiedCdr() {
  const { organisations } = await staffApi.organisations();
  const cdr = organisations.find((o) => o.kind === 'cdr');
  if (!cdr) throw new Error('no CdR');
  const { certificates } = await staffApi.certificates(cdr.id);
  const keys = await crypto('verifyCurrentOrg', cdr, certificates, seenVersion(cdr.id));
  if (keys.kind !== 'cdr') throw new Error('not a CdR certificate');
  sawVersion(cdr.id, keys.version);
  return keys;
}

export function EscalateForm(props: {
  reportId: string;
  urgent: boolean;
  /** The school's triage, handed over with the case so the CdR sees how the school assessed it. */
  triage: NonNullable<EscalationPackage['triage']>;
  opened: Opened;
  onDone: () => void;
}) {
  const { opened } = props;
  const [withReport, setWithReport] = useState(true);
  const [messages, setMessages] = useState<Set<number>>(new Set(opened.messages.map((m) => m.seq)));
  const [attachments, setAttachments] = useState<Set<string>>(new Set());
  // Kept through the idle lock [Note: drafts through the lock].
  const [summary, setSummary] = useDraft('esc-summary');
  const [reason, setReason] = useDraft('esc-reason');
  const [urgent, setUrgent] = useState(props.urgent);
  const [handover, setHandover] = useState(false);
  const [error, setError] = useState<StaffKey | null>(null);
  const toggle = <T,>(set: Set<T>, value: T, update: (s: Set<T>) => void) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update(next);
  };
  const submit = async () => {
    const u = unlocked.value;
    if (!u || !reason.trim()) return setError('reasonRequired');
    // Over the readers' limit: told under the box, nothing sealed [Note: written as it will be
    // read].
    if (tooLong(summary)) return document.getElementById('esc-summary')?.focus();
    if (tooLong(reason)) return document.getElementById('esc-reason')?.focus();
    setError(null);
    let cdr;
    try {
      cdr = await verifiedCdr();
    } catch (e) {
      const rollback = e instanceof CryptoFailure && e.code === 'certificate_rollback';
      return setError(rollback ? 'cdrOldCertificate' : 'cdrNotTrusted');
    }
    try {
      const school = u.orgKeys.reduce((a, b) => (b.version > a.version ? b : a));
      const pkg: EscalationPackage = {
        v: 1,
        report: withReport ? opened.report : null,
        messages: opened.messages
          .filter((m) => messages.has(m.seq))
          .map((m) => ({
            seq: m.seq,
            authorRole: m.authorRole,
            text: m.content.text,
            createdAt: m.createdAt,
          })),
        attachments: opened.attachments
          .filter((a) => attachments.has(a.id))
          .map((a) => ({
            attachmentId: a.id,
            name: a.meta.name,
            type: a.meta.type,
            size: a.meta.size,
            fileKey: toB64(a.fileKey),
          })),
        summary: summary.trim(),
        triage: props.triage,
      };
      const composed = await crypto('prepareEscalation', {
        reportId: props.reportId,
        cdrBoxPublicKey: cdr.boxPublicKey,
        schoolBoxPublicKey: school.keys.boxPublicKey,
        pkg,
        reason: reason.trim(),
        signSecretKey: u.personal.signSecretKey,
        threadKey: handover ? opened.threadKey : null,
      });
      await staffApi.escalate(props.reportId, {
        ...composed,
        cdrOrgId: cdr.orgId,
        cdrKeyVersion: cdr.version,
        schoolKeyVersion: school.version,
        urgent,
        attachmentIds: [...attachments],
      });
      setSummary('');
      setReason('');
      props.onDone();
    } catch {
      setError('sendFailed');
    }
  };
  // Opened by a click below it: the keyboard's place moves to its first choice (and the view with it).
  useEffect(() => document.getElementById('esc-report')?.focus(), []);
  const check = (id: string, label: string, checked: boolean, onChange: () => void) => (
    <div class="field field--check" key={id}>
      <input id={id} type="checkbox" checked={checked} onChange={onChange} />
      <label for={id}>{label}</label>
    </div>
  );
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <fieldset class="choices">
        <legend>{ts('escWhat')}</legend>
        {check('esc-report', ts('escReport'), withReport, () => setWithReport(!withReport))}
        {opened.messages.map((m) =>
          check(
            `esc-m${m.seq}`,
            `${ts('escMessage', { n: m.seq })}: ${m.content.text.slice(0, 60)}`,
            messages.has(m.seq),
            () => toggle(messages, m.seq, setMessages),
          ),
        )}
        {opened.attachments.map((a) =>
          check(
            `esc-a-${a.id}`,
            `${ts('escAttachment')}: ${a.meta.name}`,
            attachments.has(a.id),
            () => toggle(attachments, a.id, setAttachments),
          ),
        )}
      </fieldset>
      <div class="field">
        <label for="esc-summary">{ts('escSummary')}</label>
        <textarea
          id="esc-summary"
          rows={3}
          value={summary}
          aria-describedby="esc-summary-count"
          aria-invalid={tooLong(summary)}
          onInput={(e) => setSummary(e.currentTarget.value)}
        />
        <TextLimit id="esc-summary-count" text={summary} quiet />
      </div>
      <div class="field">
        <label for="esc-reason">{ts('escReason')}</label>
        <textarea
          id="esc-reason"
          rows={2}
          value={reason}
          aria-describedby="esc-reason-count"
          aria-invalid={tooLong(reason)}
          onInput={(e) => {
            // The reason is there now: the request for one goes.
            if (error === 'reasonRequired' && e.currentTarget.value.trim()) setError(null);
            setReason(e.currentTarget.value);
          }}
        />
        <TextLimit id="esc-reason-count" text={reason} quiet />
      </div>
      <p class="notice">{ts('pkgTriageSent', { triage: triageText(props.triage) })}</p>
      {check('esc-urgent', ts('escUrgent'), urgent, () => setUrgent(!urgent))}
      {check('esc-handover', ts('escHandover'), handover, () => setHandover(!handover))}
      <button type="submit">{ts('escSend')}</button>
      {error && (
        <p class="notice notice--error" role="alert">
          {ts(error)}
        </p>
      )}
    </form>
  );
}
