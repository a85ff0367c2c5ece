// The pupil's answer: text and optional photos, encrypted in the worker and chained to the last
// message of the thread [Note: message chain].
import { useState } from 'preact/hooks';
import { ApiFailure } from '../../common/api.ts';
import { t, type MessageKey } from '../../common/i18n.ts';
import { crypto } from '../crypto.ts';
import { toB64 } from '../../../shared/envelope/base64url.ts';
import { refreshThread } from '../actions/open-thread.ts';
import { uploadPhotos } from '../actions/send-report.ts';
import type { PreparedPhoto } from '../images.ts';
import { pupilApi } from '../pupil-api.ts';
import type { PupilSession, School } from '../state.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { TextLimit, tooLong } from '../../common/components/TextLimit.tsx';

export function ReplyForm({ current, s }: { current: School; s: PupilSession }) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);

  const send = async () => {
    if (!text.trim() && photos.length === 0) return setError('textRequired');
    if (tooLong(text)) return document.getElementById('reply-text')?.focus();
    setBusy(true);
    setError(null);
    try {
      const reportId = s.thread.reportId;
      const m = await crypto('preparePupilMessage', s.opened.threadKey, reportId, s.opened.tip, {
        v: 1,
        text: text.trim(),
        // The message lists its photos [Note: attachment binding].
        ...(photos.length > 0 ? { attachments: photos.map((p) => p.id) } : {}),
      });
      await pupilApi.postMessage(s.token, { id: m.id, seq: m.seq, blob: toB64(m.blob) });
      await uploadPhotos(s.token, s.opened.threadKey, reportId, photos, m.id);
      photos.forEach((p) => URL.revokeObjectURL(p.previewUrl));
      setText('');
      setPhotos([]);
      await refreshThread(current, s);
    } catch (e) {
      const code = e instanceof ApiFailure ? e.code : undefined;
      setError(
        code === 'unauthorized'
          ? 'sessionEnded'
          : code === 'rate_limited'
            ? 'tooManyTries'
            : 'sendFailed',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div class="field">
        <label for="reply-text">{t('replyLabel')}</label>
        <textarea
          id="reply-text"
          rows={4}
          value={text}
          aria-describedby="reply-text-count"
          aria-invalid={tooLong(text)}
          onInput={(e) => {
            if (error === 'textRequired' && e.currentTarget.value.trim()) setError(null);
            setText(e.currentTarget.value);
          }}
        />
        <TextLimit id="reply-text-count" text={text} />
      </div>
      <PhotoPicker
        id="reply-photos"
        photos={photos}
        onChange={(next) => {
          if (error === 'textRequired' && next.length > 0) setError(null);
          setPhotos(next);
        }}
      />
      {error && (
        <p class="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
      <button type="submit" class="big" disabled={busy}>
        {t('replySend')}
      </button>
    </form>
  );
}
