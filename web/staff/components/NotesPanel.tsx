// Staff-only notes, under the report's K_staff: a key sealed to the school only, which the pupil
// never receives. The first note of a report creates that key.
import { TextLimit, tooLong } from '../../common/components/TextLimit.tsx';
import { useState } from 'preact/hooks';
import { useDraft } from '../drafts.ts';
import { ApiFailure } from '../../common/api.ts';
import { crypto } from '../crypto.ts';
import { ts } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';

export interface OpenedNote {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
}

export function NotesPanel(props: {
  id: string;
  orgKeyVersion: number;
  staffKey: Uint8Array | null;
  notes: OpenedNote[];
  authorName: (id: string) => string;
  onChanged: () => void;
}) {
  const [text, setText] = useDraft('note'); // [Note: drafts through the lock]
  const [failed, setFailed] = useState(false);
  const add = async () => {
    const u = unlocked.value;
    if (!u || !text.trim()) return;
    if (tooLong(text)) return document.getElementById('note-text')?.focus();
    setFailed(false);
    try {
      let key = props.staffKey;
      if (!key) {
        const created = await crypto('createStaffKey', u.orgKeys, props.orgKeyVersion);
        await staffApi.setStaffKey(props.id, created.sealed);
        key = created.staffKey;
      }
      const note = await crypto(
        'composeNote',
        key,
        props.id,
        text.trim(),
        u.personal.signSecretKey,
      );
      await staffApi.addNote(props.id, note);
      setText('');
      props.onChanged();
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'conflict') props.onChanged();
      setFailed(true);
    }
  };
  return (
    <section class="panel" aria-labelledby="notes-title">
      <h3 id="notes-title">{ts('notes')}</h3>
      <p class="hint">{ts('notesHint')}</p>
      <ul class="notes">
        {props.notes.map((n) => (
          <li key={n.id}>
            <p class="bubble__author">{props.authorName(n.authorId)}</p>
            <p class="bubble__text">{n.text}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => (e.preventDefault(), void add())}>
        <div class="field">
          <label for="note-text">{ts('newNote')}</label>
          <textarea
            id="note-text"
            rows={3}
            value={text}
            aria-describedby="note-text-count"
            aria-invalid={tooLong(text)}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <TextLimit id="note-text-count" text={text} quiet />
        </div>
        <button type="submit">{ts('addNote')}</button>
      </form>
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('saveFailed')}
        </p>
      )}
    </section>
  );
}
