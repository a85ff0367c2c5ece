// Sending a report: compose and encrypt in the worker (the photos too), prove work [Note:
// admission], send, upload the photos, then open the thread so the pupil can read and answer at
// once. The receipt and any "sent" wording appear only once the server has acknowledged the
// report (201); until then the report waits, shown as waiting [Note: waiting report].
import type { ReportContent } from '../../../shared/protocol/content.ts';
import { toB64 } from '../../../shared/envelope/base64url.ts';
import { ApiFailure } from '../../common/api.ts';
import { lang, type MessageKey } from '../../common/i18n.ts';
import { crypto } from '../crypto.ts';
import type { PreparedPhoto } from '../images.ts';
import { IS_KIOSK } from '../mode.ts';
import { pupilApi } from '../pupil-api.ts';
import {
  draft,
  photosLost,
  school,
  screen,
  session,
  waiting,
  type Draft,
  type School,
  type SendStep,
  type Waiting,
} from '../state.ts';
import {
  loadWaiting,
  removeWaiting,
  saveWaiting,
  type EncryptedAttachment,
} from '../waiting-store.ts';
import { openWithThread } from './open-thread.ts';
import { withProofOfWork } from './proof-of-work.ts';
import { schoolKeys, verifySchool } from './school-keys.ts';

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

async function uploadAttachments(
  token: string,
  attachments: EncryptedAttachment[],
  options: { messageId?: string; resumed?: boolean } = {},
): Promise<void> {
  const { messageId, resumed = false } = options;
  for (const a of attachments) {
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
    try {
      await pupilApi.uploadAttachment(token, form);
    } catch (error) {
      // Resuming a delivery cut short: a taken id is the photo already there. Anywhere else a
      // 409 (too many photos on the report) is a refusal the pupil must hear about.
      if (!(resumed && error instanceof ApiFailure && error.status === 409)) throw error;
    }
  }
}

export async function uploadPhotos(
  token: string,
  threadKey: Uint8Array,
  reportId: string,
  photos: PreparedPhoto[],
  messageId?: string,
): Promise<void> {
  for (const photo of photos) {
    const a = await crypto('preparePupilAttachment', threadKey, reportId, photo, messageId ?? null);
    await uploadAttachments(token, [a], messageId ? { messageId } : {});
  }
}

/** The server refused the report for good (not the network, not a busy server). */
const refusedForGood = (e: unknown) =>
  e instanceof ApiFailure &&
  e.status >= 400 &&
  e.status < 500 &&
  e.status !== 429 &&
  e.status !== 401;

/** Submits the report and its photos; returns the session the server opened. */
async function deliver(report: Waiting, show: boolean): Promise<string> {
  const { request, attachments } = report.delivery;
  if (show) progress('send');
  let token: string;
  let resumed = false;
  try {
    token = (
      await withProofOfWork(report.orgId, 'report', (pow) =>
        pupilApi.submitReport({ ...request, pow }),
      )
    ).session.token;
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 409)) throw error;
    // Perhaps it arrived and only the answer was lost: the receipt's authKey finds it, and if it
    // finds nothing (the school's key changed meanwhile) the 404 says the report cannot go.
    token = (
      await withProofOfWork(report.orgId, 'receipt', (pow) =>
        pupilApi.openReceipt({ pow, orgId: report.orgId, authKey: request.authKey }),
      )
    ).session.token;
    resumed = true;
  }
  // From here the report is on the server: a photo refused for good does not unsend it, the
  // receipt says the photos did not go (the network failing still leaves it all waiting).
  if (attachments.length > 0) {
    if (show) progress('photos');
    try {
      await uploadAttachments(token, attachments, { resumed });
    } catch (error) {
      if (!refusedForGood(error)) throw error;
      photosLost.value = true;
    }
  }
  return token;
}

function forget(reportId: string): void {
  waiting.value = waiting.value.filter((w) => w.reportId !== reportId);
  if (!IS_KIOSK) void removeWaiting(reportId).catch(() => undefined);
}

const current = (reportId: string) => waiting.value.find((w) => w.reportId === reportId);

async function schoolOf(orgId: string): Promise<School> {
  const known = school.value;
  if (known?.dto.id === orgId) return known;
  const found = await verifySchool(await pupilApi.schoolById(orgId));
  school.value = found;
  return found;
}

/** Acknowledged by the server: the receipt, if the report is still the pupil's to see. */
async function showReceipt(report: Waiting, token: string): Promise<void> {
  const now = current(report.reportId);
  forget(report.reportId);
  const code = now?.receiptCode ?? null;
  if (!now || !code) {
    // Quick exit or the kiosk's idle clear happened meanwhile: sent, and nothing shown.
    void pupilApi.endSession(token);
    return;
  }
  const to = await schoolOf(report.orgId);
  const pupilKey =
    now.pupilKey ?? (await crypto('deriveReceipt', code, to.dto.receiptSalt)).pupilKey;
  session.value = await openWithThread(to, token, pupilKey, await pupilApi.thread(token), code);
  screen.value = { name: 'receipt' };
}

const inFlight = new Set<string>();

/** One attempt for one waiting report; true once the server has it. */
async function attempt(report: Waiting, show: boolean): Promise<boolean> {
  if (inFlight.has(report.reportId)) return false;
  inFlight.add(report.reportId);
  let token: string;
  try {
    token = await deliver(report, show);
  } catch (error) {
    if (refusedForGood(error)) {
      // Never a silent loss: the pupil who can still see it is told to write it again.
      const seen = show || Boolean(current(report.reportId)?.receiptCode);
      forget(report.reportId);
      if (seen) toWaiting('sendLost');
      return false;
    }
    if (show)
      toWaiting(
        error instanceof ApiFailure && error.code === 'rate_limited' ? 'tooManyTries' : null,
      );
    return false;
  } finally {
    inFlight.delete(report.reportId);
  }
  try {
    await showReceipt(report, token);
  } catch {
    // The report is on the server; only opening the thread failed. The code still opens it.
    screen.value = { name: 'come-back' };
  }
  return true;
}

function toWaiting(error: MessageKey | null): void {
  screen.value = { name: 'waiting', error };
}

export async function sendReport(to: School): Promise<void> {
  const photos = draft.value.photos;
  photosLost.value = false;
  let report: Waiting;
  try {
    progress('keys');
    const composed = await crypto('prepareReport', schoolKeys(to), contentOf(draft.value));
    progress('lock');
    const attachments: EncryptedAttachment[] = [];
    for (const photo of photos) {
      attachments.push(
        await crypto('preparePupilAttachment', composed.threadKey, composed.reportId, photo, null),
      );
    }
    report = {
      reportId: composed.reportId,
      orgId: to.dto.id,
      delivery: { request: composed.request, attachments },
      receiptCode: composed.receiptCode,
      pupilKey: composed.receiptKeys.pupilKey,
    };
  } catch {
    screen.value = { name: 'sending', step: 'send', error: 'sendFailed' };
    return;
  }
  waiting.value = [...waiting.value, report];
  if (await attempt(report, true)) return;
  // Not acknowledged: on an own phone the report waits encrypted on the phone.
  if (!IS_KIOSK && current(report.reportId)) {
    await saveWaiting(report).catch(() => undefined);
    // Sent or discarded while it was being stored: no stale copy may stay behind.
    if (!current(report.reportId)) await removeWaiting(report.reportId).catch(() => undefined);
  }
}

/** Tries every waiting report again (the connection returned, or the pupil asked). */
export async function retryWaiting(show: boolean): Promise<void> {
  for (const report of [...waiting.value]) {
    const visible = show && report.receiptCode !== null;
    if (visible) screen.value = { name: 'sending', step: 'send', error: null };
    await attempt(report, visible);
  }
}

export function discardWaiting(): void {
  for (const report of waiting.value) forget(report.reportId);
  screen.value = { name: 'start' };
}

/** Without a word on screen while it tries: a server that was busy, or an attempt cut short. */
const QUIET_RETRY_MS = 30_000;

/** On an own phone, reports left waiting by an earlier visit; a retry whenever the browser reports
 * the connection is back, and a quiet one now and then (the browser reports nothing when only the
 * server was unreachable). Returns the clean-up. */
export function watchWaiting(): () => void {
  const online = () => void retryWaiting(screen.value.name === 'waiting');
  window.addEventListener('online', online);
  const quiet = setInterval(() => {
    if (waiting.value.length > 0 && navigator.onLine) void retryWaiting(false);
  }, QUIET_RETRY_MS);
  if (!IS_KIOSK) {
    void loadWaiting().then(
      (stored) => {
        const known = new Set(waiting.value.map((w) => w.reportId));
        waiting.value = [...waiting.value, ...stored.filter((s) => !known.has(s.reportId))];
        if (stored.some((s) => s.receiptCode)) toWaiting(null);
        void retryWaiting(true);
      },
      () => undefined,
    );
  }
  return () => {
    clearInterval(quiet);
    window.removeEventListener('online', online);
  };
}
