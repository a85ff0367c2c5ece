// A signed message box: the caller composes (in the worker) and posts; this only collects text.
import { useState } from 'preact/hooks';
import { TextLimit, tooLong } from '../../common/components/TextLimit.tsx';
import { useDraft } from '../drafts.ts';
import { ts, type StaffKey } from '../i18n.ts';

export function ReplyBox(props: {
  id: string;
  label: StaffKey;
  button: StaffKey;
  send: (text: string) => Promise<void>;
}) {
  // Kept through the idle lock [Note: drafts through the lock].
  const [text, setText] = useDraft(props.id);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async () => {
    if (!text.trim()) return;
    // Over the readers' limit: told under the box, nothing sent [Note: written as it will be read].
    if (tooLong(text)) return document.getElementById(props.id)?.focus();
    setBusy(true);
    setFailed(false);
    try {
      await props.send(text.trim());
      setText('');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="reply" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <div class="field">
        <label for={props.id}>{ts(props.label)}</label>
        <textarea
          id={props.id}
          rows={4}
          value={text}
          aria-describedby={`${props.id}-count`}
          aria-invalid={tooLong(text)}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <TextLimit id={`${props.id}-count`} text={text} quiet />
      </div>
      <button type="submit" disabled={busy}>
        {ts(props.button)}
      </button>
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('sendFailed')}
        </p>
      )}
    </form>
  );
}
