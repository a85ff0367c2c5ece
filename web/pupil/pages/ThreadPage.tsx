// The pupil's case: status in plain words, when to expect an answer, what they wrote, the
// conversation (each with a coarse day, never an hour), and an answer box. It looks for new answers
// by itself while open (auto-refresh.ts) and says so when one comes.
import { useEffect, useState } from 'preact/hooks';
import type { PupilReportStatus } from '../../../shared/protocol/pupil.ts';
import { ApiFailure } from '../../common/api.ts';
import { t, type MessageKey } from '../../common/i18n.ts';
import { watchThread } from '../actions/auto-refresh.ts';
import { refreshThread } from '../actions/open-thread.ts';
import { coarseDay, waitText } from '../coarse-time.ts';
import { AttachmentImage } from '../components/AttachmentImage.tsx';
import { ReplyForm } from '../components/ReplyForm.tsx';
import { session, type School } from '../state.ts';
import { wipe } from '../wipe.ts';

const STATUS: Record<PupilReportStatus, MessageKey> = {
  new: 'statusNew',
  in_progress: 'statusInProgress',
  waiting_for_pupil: 'statusWaiting',
  closed: 'statusClosed',
};
const AUTHOR: Record<'pupil' | 'counsellor' | 'cdr', MessageKey> = {
  pupil: 'authorYou',
  counsellor: 'authorSchool',
  cdr: 'authorCdr',
};

export function ThreadPage({ current }: { current: School }) {
  const s = session.value;
  const [error, setError] = useState<MessageKey | null>(null);
  const [fresh, setFresh] = useState(false);
  const token = s?.token;
  useEffect(() => {
    if (!token) return;
    return watchThread(current, {
      newAnswer: () => {
        setError(null);
        setFresh(true);
      },
      failed: (ended) => setError(ended ? 'sessionEnded' : 'notVerified'),
    });
  }, [token, current]);
  if (!s) return null;
  const { thread, opened } = s;
  const photosOf = (messageId: string | null) => [
    ...opened.attachments
      .filter((a) => a.messageId === messageId)
      .map((a) => <AttachmentImage key={a.id} token={s.token} attachment={a} />),
    // Listed but not served where it belongs: dropped or moved [Note: attachment binding].
    ...opened.missing
      .filter((m) => m.messageId === messageId)
      .map((m) => (
        <p key={m.attachmentId} class="notice notice--error" role="alert">
          {t('notVerified')}
        </p>
      )),
  ];
  const answered = opened.messages.some((m) => m.authorRole !== 'pupil');
  const refresh = () =>
    refreshThread(current, s).then(
      () => setError(null),
      (e: unknown) =>
        setError(
          e instanceof ApiFailure && e.code === 'unauthorized' ? 'sessionEnded' : 'notVerified',
        ),
    );
  return (
    <section class="thread">
      <h2>{t('threadTitle')}</h2>
      <div role="status">{fresh && <p class="notice notice--new">{t('newAnswer')}</p>}</div>
      <p class="notice notice--ok" role="status">
        {t(STATUS[thread.status])}
      </p>
      {!answered && thread.status !== 'closed' && <p>{waitText(current.dto.waitTargetHours)}</p>}
      {thread.escalated && <p class="notice">{t('statusEscalated')}</p>}
      <article class="bubble bubble--me">
        <h3>
          {t('yourReport')} <span class="bubble__when">{coarseDay(thread.createdHour)}</span>
        </h3>
        <p class="bubble__text" data-typed>
          {opened.report.text}
        </p>
        {photosOf(null)}
      </article>
      {opened.messages.length === 0 && <p>{t('noReplyYet')}</p>}
      <ol class="messages">
        {opened.messages.map((m) => (
          <li
            key={m.id}
            class={`bubble ${m.authorRole === 'pupil' ? 'bubble--me' : 'bubble--them'}`}
          >
            <p class="bubble__meta">
              <span class="bubble__author">{t(AUTHOR[m.authorRole])}</span>{' '}
              <span class="bubble__when">{coarseDay(m.createdAt)}</span>
            </p>
            <p class="bubble__text" {...(m.authorRole === 'pupil' ? { 'data-typed': '' } : {})}>
              {m.content.text}
            </p>
            {photosOf(m.id)}
          </li>
        ))}
      </ol>
      {error && (
        <p class="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
      <button type="button" class="button--secondary" onClick={() => void refresh()}>
        {t('refresh')}
      </button>
      {thread.repliesPaused ? (
        <p class="notice">{t('repliesPaused')}</p>
      ) : (
        <ReplyForm current={current} s={s} />
      )}
      <button type="button" class="button--secondary" onClick={wipe}>
        {t('finish')}
      </button>
    </section>
  );
}
