// One report, opened in this browser: what the pupil wrote, the conversation with signed replies,
// staff-only notes, triage and the history of who did what.
import { useEffect, useState } from 'preact/hooks';
import type { CaseDto, MemberDto } from '../../../shared/protocol/staff.ts';
import { checkNoTailCut } from '../../common/seen-tips.ts';
import { NotesPanel } from '../components/NotesPanel.tsx';
import { StaffAttachment } from '../components/StaffAttachment.tsx';
import { TriagePanel } from '../components/TriagePanel.tsx';
import { crypto } from '../crypto.ts';
import type { StaffOps } from '../../crypto/staff-worker.ts';
import { caseFailure, CaseStatus } from '../components/CaseStatus.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { auditSentence } from '../audit-words.ts';
import { LANGUAGE_NAME, PUPIL_CATEGORY_LABEL } from '../labels.ts';
import { MessageList } from '../components/MessageList.tsx';
import { orgSignKeys } from '../org-sign-keys.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';
import { go } from '../router.ts';
import { ReplyBox } from '../components/ReplyBox.tsx';
import { EscalationPanel } from '../components/EscalationPanel.tsx';
import { formatHour, formatMinute } from '../format-time.ts';

type Opened = Awaited<ReturnType<StaffOps['openCase']>>;

export function CasePage({ id }: { id: string }) {
  const [data, setData] = useState<{ dto: CaseDto; opened: Opened } | StaffKey | null>(null);
  const [members, setMembers] = useState<MemberDto[]>([]);
  const load = async () => {
    const u = unlocked.value;
    if (!u?.me.org) return;
    try {
      const dto = await staffApi.report(id);
      // Once the conversation went to a CdR, its specialists' replies are checked against that
      // CdR's certified keys, so the case opens whoever wrote last.
      const cdr = dto.cdrOrgId
        ? { orgId: dto.cdrOrgId, signKeys: await orgSignKeys(dto.cdrOrgId) }
        : null;
      const opened = await crypto('openCase', dto, id, u.orgKeys, u.orgSignKeys, u.me.org.id, cdr);
      // Opening the case again must still show every message already shown [Note: tail cut].
      checkNoTailCut(id, opened.messages);
      setData({ dto, opened });
    } catch (e) {
      setData(caseFailure(e, 'caseMissing'));
    }
  };
  useEffect(() => {
    void load();
    staffApi.members().then(setMembers, () => undefined);
  }, [id]);
  const back = (
    <button type="button" class="button--secondary" onClick={() => go({ name: 'inbox' })}>
      {ts('backToInbox')}
    </button>
  );
  if (data === null || typeof data === 'string') return <CaseStatus back={back} failed={data} />;
  const { dto, opened } = data;
  const r = opened.report;
  const name = (staffId: string | null) =>
    members.find((m) => m.id === staffId)?.displayName ?? ts('colleague');
  // The school's history holds the CdR's steps too (a reply to the pupil, closing): their authors
  // are no colleagues of this school.
  const actor = (h: CaseDto['history'][number]) =>
    !h.actorId
      ? ts('pupilOrSystem')
      : members.some((m) => m.id === h.actorId) || !h.action.startsWith('escalation.')
        ? name(h.actorId)
        : ts('cdrShort');
  const photos = (messageId: string | null) => [
    ...opened.attachments
      .filter((a) => a.messageId === messageId)
      .map((a) => <StaffAttachment key={a.id} reportId={id} attachment={a} />),
    // Listed but not served where it belongs: dropped or moved [Note: attachment binding].
    ...opened.missing
      .filter((m) => m.messageId === messageId)
      .map((m) => (
        <p key={m.attachmentId} class="notice notice--error" role="alert">
          {ts('attachmentFailed')}
        </p>
      )),
  ];
  const fact = (label: StaffKey, value: string) => (
    <div>
      <dt>{ts(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
  // Two columns on a wide screen (issue 13): the conversation scrolls in its own region so the
  // reply box stays in view under it; triage, the CdR, notes and history stand on the right.
  return (
    <section class="case wide">
      <div class="case__head">
        {back}
        <h2>
          {dto.item.urgent && <span class="badge badge--urgent">{ts('urgent')}</span>}{' '}
          {ts(PUPIL_CATEGORY_LABEL[r.category] ?? 'pupilOther')}{' '}
          {dto.item.escalated && <span class="badge badge--cdr">{ts('escalatedBadge')}</span>}
        </h2>
      </div>
      <div class="case__columns">
        <div class="case__main">
          <dl class="case__facts">
            {fact('about', r.about === 'me' ? ts('aboutMe') : ts('aboutOther'))}
            {fact('received', formatHour(dto.item.createdHour))}
            {fact('grade', r.grade ?? ts('notGiven'))}
            {fact('name', r.name ?? ts('anonymous'))}
            {fact('wantsMeeting', r.wantsMeeting ? ts('yes') : ts('no'))}
            {fact('pupilLanguage', ts(LANGUAGE_NAME[r.lang] ?? 'langPl'))}
          </dl>
          <div
            class="case__thread"
            role="region"
            aria-labelledby="conversation-title"
            // Scrollable, so it must take keyboard focus (axe: scrollable-region-focusable).
            tabIndex={0}
          >
            <article class="bubble bubble--them case__report">
              <p class="bubble__text">{r.text}</p>
              {photos(null)}
            </article>
            <h3 id="conversation-title">{ts('conversation')}</h3>
            <MessageList messages={opened.messages} mine="counsellor" photos={photos} />
          </div>
          <ReplyBox
            id="staff-reply"
            label="replyToPupil"
            button="sendReply"
            send={async (text) => {
              const u = unlocked.value;
              if (!u) return;
              const m = await crypto(
                'composeReply',
                opened.threadKey,
                id,
                opened.tip,
                text,
                u.personal.signSecretKey,
              );
              await staffApi.reply(id, m);
              await load();
            }}
          />
        </div>
        <div class="case__side">
          <TriagePanel id={id} item={dto.item} members={members} onChanged={load} />
          <EscalationPanel
            reportId={id}
            urgent={dto.item.urgent}
            triage={{ category: dto.item.category, risk: dto.item.risk }}
            opened={opened}
            onEscalated={() => void load()}
          />
          <NotesPanel
            id={id}
            orgKeyVersion={dto.orgKeyVersion}
            staffKey={opened.staffKey}
            notes={opened.notes}
            authorName={name}
            onChanged={load}
          />
          <section class="panel" aria-labelledby="history-title">
            <h3 id="history-title">{ts('history')}</h3>
            <ol class="history">
              {dto.history.map((h, i) => (
                <li key={i}>
                  {(h.actorId ? formatMinute : formatHour)(h.at)}: {auditSentence(h.action)} (
                  {actor(h)})
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </section>
  );
}
