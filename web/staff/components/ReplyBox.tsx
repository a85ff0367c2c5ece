// A reply to the pupil, signed with this member's key and chained to the last message.
import { useState } from 'preact/hooks';
import type { ChainTip } from '../../../shared/crypto/index.ts';
import { crypto } from '../crypto.ts';
import { ts } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';

export function ReplyBox(props: {
  id: string;
  threadKey: Uint8Array;
  tip: ChainTip | null;
  onSent: () => void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const send = async () => {
    const u = unlocked.value;
    if (!u || !text.trim()) return;
    setBusy(true);
    setFailed(false);
    try {
      const m = await crypto(
        'composeReply',
        props.threadKey,
        props.id,
        props.tip,
        text.trim(),
        u.personal.signSecretKey,
      );
      await staffApi.reply(props.id, m);
      setText('');
      props.onSent();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="reply" onSubmit={(e) => (e.preventDefault(), void send())}>
      <div class="field">
        <label for="staff-reply">{ts('replyToPupil')}</label>
        <textarea
          id="staff-reply"
          rows={4}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <button type="submit" disabled={busy}>
        {ts('sendReply')}
      </button>
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('sendFailed')}
        </p>
      )}
    </form>
  );
}
