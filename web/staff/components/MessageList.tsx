// A conversation as staff read it: every message with its author shown by organisation (the
// pupil, the school, the CdR), and the files sent with it when the caller can show them.
import type { ComponentChildren } from 'preact';
import type { OpenedMessage } from '../../../shared/crypto/index.ts';
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
          <p class="bubble__author">{ts(AUTHOR[m.authorRole])}</p>
          <p class="bubble__text">{m.content.text}</p>
          {photos?.(m.id)}
        </li>
      ))}
    </ol>
  );
}
