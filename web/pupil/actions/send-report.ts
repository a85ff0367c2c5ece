// Sending a report: compose and encrypt in the worker, prove work, send, upload the photos, then
// open the thread so the pupil can read and answer at once. If the connection is gone, the
// composed report waits in memory as ciphertext only and goes out when the browser is back online.
import type { ReportContent } from '../../../shared/protocol/content.ts';
import type { ComposedReport } from '../../../shared/crypto/index.ts';
import { toB64 } from '../../../shared/envelope/base64url.ts';
import { ApiFailure } from '../../common/api.ts';
import { lang } from '../../common/i18n.ts';
import { crypto } from '../crypto.ts';
import type { PreparedPhoto } from '../images.ts';
import { pupilApi } from '../pupil-api.ts';
import {
  draft,
  pending,
  screen,
  session,
  type Draft,
  type School,
  type SendStep,
} from '../state.ts';
import { openWithThread, solveChallenge } from './open-thread.ts';
import { schoolKeys } from './school-keys.ts';

export function contentOf(d: Draft): ReportContent {
  return {
    v: 1,
    category: d.category ?? 'other',
    about: d.about ?? 'me',
    urgent: d.urgent ?? false,
    text: d.text.trim(),
    grade: d.grade || null,
    wantsMeeting: d.wantsMeeting,
    name: d.name.trim() || null,
    lang: lang.value,
    // The report lists its photos, so a photo the server drops is noticed [Note: attachment
    // binding].
    ...(d.photos.length > 0 ? { attachments: d.photos.map((p) => p.id) } : {}),
  };
}

const progress = (step: SendStep) => {
  screen.value = { name: 'sending', step, error: null };
};

export async function uploadPhotos(
  token: string,
  threadKey: Uint8Array,
  reportId: string,
  photos: PreparedPhoto[],
  messageId?: string,
): Promise<void> {
  for (const photo of photos) {
    const a = await crypto('preparePupilAttachment', threadKey, reportId, photo, messageId ?? null);
    const form = new FormData();
    form.set('id', a.id);
    if (messageId) form.set('messageId', messageId);
    form.set('fileKeyWrapped', toB64(a.fileKeyWrapped));
    form.set('meta', toB64(a.meta));
    form.set(
      'data',
      new Blob([new Uint8Array(a.data)], { type: 'application/octet-stream' }),
      'data',
    );
    await pupilApi.uploadAttachment(token, form);
  }
}

async function deliver(
  school: School,
  composed: ComposedReport,
  photos: PreparedPhoto[],
): Promise<void> {
  progress('send');
  const pow = await solveChallenge(school.dto.id, 'report');
  const { session: s } = await pupilApi.submitReport({ ...composed.request, pow });
  pending.value = null;
  if (photos.length > 0) {
    progress('photos');
    await uploadPhotos(s.token, composed.threadKey, composed.reportId, photos);
  }
  const thread = await pupilApi.thread(s.token);
  session.value = await openWithThread(
    school,
    s.token,
    composed.receiptKeys.pupilKey,
    thread,
    composed.receiptCode,
  );
  screen.value = { name: 'receipt' };
}

function fail(error: unknown): void {
  const code = error instanceof ApiFailure ? error.code : undefined;
  screen.value = {
    name: 'sending',
    step: 'send',
    error: code === 'rate_limited' ? 'tooManyTries' : 'sendFailed',
  };
}

export async function sendReport(school: School): Promise<void> {
  const photos = draft.value.photos;
  try {
    progress('keys');
    const composed = await crypto('prepareReport', schoolKeys(school), contentOf(draft.value));
    progress('lock');
    try {
      await deliver(school, composed, photos);
    } catch (error) {
      if (!(error instanceof ApiFailure && error.code === 'offline')) throw error;
      pending.value = { composed, photos };
      screen.value = { name: 'receipt' };
      window.addEventListener('online', () => void retryPending(school), { once: true });
    }
  } catch (error) {
    fail(error);
  }
}

export async function retryPending(school: School): Promise<void> {
  const waiting = pending.value;
  if (!waiting) return;
  try {
    await deliver(school, waiting.composed, waiting.photos);
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'offline') {
      window.addEventListener('online', () => void retryPending(school), { once: true });
      screen.value = { name: 'receipt' };
      return;
    }
    fail(error);
  }
}
