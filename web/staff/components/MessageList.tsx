// A conversation as staff read it: every message with its author shown by organisation (the
// pupil, the school, the CdR) and when (a pupil's to the hour, as pupil times are kept: "dziś,
// ok. 7:00"; staff's to the minute), and the files sent with it when the caller can show them.
import type { ComponentChildren } from 'preact';
import type { OpenedMessage } from '../../../shared/crypto/index.ts';
import { formatHour, formatMinute } from '../format-time.ts';
import { ts, type StaffKey } from '../i18n.ts';

export const AUTHOR: Record<OpenedMessage['authorRole'], StaffKey> = {
  pupil: 'pupil',
  counsellor: 'school',
  cdr: 'cdrShort',
};

export function MessageList({
  messages,
  mine,
  photos,
}: {
  messages: OpenedMessage[];
  mine: OpenedMessage['authorRole'];
  photos?: (messageId: string) => ComponentChildren;
}) {
  if (messages.length === 0) return <p class="hint">{ts('noMessagesYet')}</p>;
  return (
    <ol class="messages">
      {messages.map((m) => (
        <li key={m.id} class={`bubble ${m.authorRole === mine ? 'bubble--me' : 'bubble--them'}`}>
          <p class="bubble__meta">
            <span class="bubble__author">{ts(AUTHOR[m.authorRole])}</span> ·{' '}
            <time dateTime={m.createdAt}>
              {(m.authorRole === 'pupil' ? formatHour : formatMinute)(m.createdAt)}
            </time>
          </p>
          <p class="bubble__text">{m.content.text}</p>
          {photos?.(m.id)}
        </li>
      ))}
    </ol>
  );
}
