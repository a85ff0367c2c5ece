// One escalation, opened in this browser: what the school handed over and why, the thread between
// the CdR and the school, the pupil conversation when it was handed over, and (for the CdR)
// assignment, outcome records, the Niebieska Karta date and closing with a result.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { EscalationCaseDto } from '../../../shared/protocol/escalations.ts';
import type { StaffOps } from '../../crypto/staff-worker.ts';
import { CdrActions } from '../components/CdrActions.tsx';
import { MessageList } from '../components/MessageList.tsx';
import { PackageView } from '../components/PackageView.tsx';
import { ReplyBox } from '../components/ReplyBox.tsx';
import { StaffAttachment } from '../components/StaffAttachment.tsx';
import { checkNoTailCut } from '../../common/seen-tips.ts';
import { crypto } from '../crypto.ts';
import { caseFailure, CaseStatus } from '../components/CaseStatus.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { escalationTitle, ESC_STATUS_LABEL, RESULT_LABEL } from '../labels.ts';
import { orgSignKeys } from '../org-sign-keys.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';
import { go } from '../router.ts';
import { formatDate } from '../format-time.ts';

type Opened = Awaited<ReturnType<StaffOps['openEscalationCase']>>;

export function EscalationPage({ id }: { id: string }) {
  const [data, setData] = useState<{ dto: EscalationCaseDto; opened: Opened } | StaffKey | null>(
    null,
  );
  const u = unlocked.value;
  const isCdr = u?.me.role === 'cdr_specialist';
  const load = async () => {
    if (!u) return;
    try {
      const dto = await staffApi.escalation(id);
      const [schoolSignKeys, cdrSignKeys] = await Promise.all([
        orgSignKeys(dto.item.school.id),
        orgSignKeys(dto.item.cdrOrgId),
      ]);
      const opened = await crypto('openEscalationCase', {
        dto,
        orgKeys: u.orgKeys,
        schoolSignKeys,
        cdrSignKeys,
      });
      // A reload must still hold every message already shown [Note: tail cut].
      checkNoTailCut(`esc:${id}`, opened.cdrThread.messages);
      if (opened.pupil) checkNoTailCut(`esc-pupil:${id}`, opened.pupil.messages);
      setData({ dto, opened });
    } catch (e) {
      setData(caseFailure(e, 'escMissing'));
    }
  };
  useEffect(() => void load(), [id]);
  const back = (
    <button type="button" class="button--secondary" onClick={() => go({ name: 'escalations' })}>
      {ts('backToEscalations')}
    </button>
  );
  if (!u || data === null || typeof data === 'string')
    return <CaseStatus back={back} failed={typeof data === 'string' ? data : null} />;
  const { dto, opened } = data;
  const item = dto.item;
  const closed = item.status === 'closed';
  const send =
    (
      post: (body: unknown) => Promise<unknown>,
      key: Uint8Array,
      tip: typeof opened.cdrThread.tip,
    ) =>
    async (text: string) => {
      const m = await crypto(
        'composeReply',
        key,
        item.reportId,
        tip,
        text,
        u.personal.signSecretKey,
        isCdr ? 'cdr' : 'counsellor',
      );
      await post(m);
      await load();
    };
  const pupilPart = isCdr && opened.pupil && (
    <>
      <Conversation id="pupil-conversation-title" title={ts('pupilConversation')}>
        <MessageList
          messages={opened.pupil.messages}
          mine="cdr"
          photos={(messageId) =>
            opened.pupil?.attachments
              .filter((a) => a.messageId === messageId)
              .map((a) => (
                <StaffAttachment
                  key={a.id}
                  reportId={item.reportId}
                  escalationId={id}
                  attachment={a}
                />
              ))
          }
        />
      </Conversation>
      {!closed && (
        <ReplyBox
          id="pupil-reply"
          label="replyToPupil"
          button="sendReply"
          send={send(
            (b) => staffApi.escalationPupilMessage(id, b),
            opened.pupil.threadKey,
            opened.pupil.tip,
          )}
        />
      )}
    </>
  );
  // Two columns on a wide screen, as the school's case page: the conversations (the pupil's, when
  // it was handed over, then the CdR and the school's) each scroll in their own region with their
  // reply box under them; why the case came, what was handed over and the CdR's work on the right.
  return (
    <section class="case wide">
      <div class="case__head">
        {back}
        <h2>
          {item.urgent && <span class="badge badge--urgent">{ts('urgent')}</span>}{' '}
          {escalationTitle(item, opened.pkg)}
        </h2>
      </div>
      <p class="notice" role="status">
        {item.school.name} · {ts(ESC_STATUS_LABEL[item.status] ?? 'escOpen')}
        {item.result && ` · ${ts('escResult')}: ${ts(RESULT_LABEL[item.result] ?? 'resSupport')}`}
        {item.niebieskaKartaDate &&
          ` · ${ts('niebieskaKarta')}: ${formatDate(item.niebieskaKartaDate)}`}
      </p>
      <div class="case__columns">
        <div class="esc__main">
          {pupilPart}
          <Conversation id="cdr-school-title" title={ts('cdrSchoolThread')}>
            <MessageList messages={opened.cdrThread.messages} mine={isCdr ? 'cdr' : 'counsellor'} />
          </Conversation>
          {!closed && (
            <ReplyBox
              id="esc-reply"
              label="writeToPartner"
              button="send"
              send={send(
                (b) => staffApi.escalationMessage(id, b),
                opened.escKey,
                opened.cdrThread.tip,
              )}
            />
          )}
        </div>
        <div class="case__side">
          <section class="panel" aria-labelledby="reason-title">
            <h3 id="reason-title">{ts('escReasonTitle')}</h3>
            <p class="bubble__text">{opened.reason}</p>
          </section>
          <PackageView escalationId={id} pkg={opened.pkg} canDownload={isCdr} />
          {isCdr && (
            <CdrActions
              id={id}
              dto={dto}
              escKey={opened.escKey}
              outcomes={opened.outcomes}
              onChanged={load}
            />
          )}
        </div>
      </div>
    </section>
  );
}

/** A conversation in its own scrolling region, named by its heading. */
function Conversation(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <div
      class="case__thread esc__thread"
      role="region"
      aria-labelledby={props.id}
      // Scrollable, so it must take keyboard focus (axe: scrollable-region-focusable).
      tabIndex={0}
    >
      <h3 id={props.id}>{props.title}</h3>
      {props.children}
    </div>
  );
}
