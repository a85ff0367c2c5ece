import type { OpenedMessage } from '../../../shared/crypto/index.ts';
import { ts, type StaffKey } from '../i18n.ts';

const AUTHOR: Record<OpenedMessage['authorRole'], StaffKey> = {
  pupil: 'pupil',
  counsellor: 'school',
  cdr: 'cdrShort',
};

export function MessageList({
  messages,
  mine,
}: {
  messages: OpenedMessage[];
  mine: OpenedMessage['authorRole'];
}) {
  return (
    <ol class="messages">
      {messages.map((m) => (
        <li key={m.id} class={`bubble ${m.authorRole === mine ? 'bubble--me' : 'bubble--them'}`}>
          <p class="bubble__author">{ts(AUTHOR[m.authorRole])}</p>
          <p class="bubble__text">{m.content.text}</p>
        </li>
      ))}
    </ol>
  );
}
