// [Note: no trace] wipe() forgets everything of the visit: the session is ended on the server
// (best effort), decrypted images are released, the crypto worker with any key material in its
// memory is terminated, and every signal returns to its start value (on a kiosk the language
// too). The page's URL never held
// anything, and the history holds only the one guard entry ([Note: back guard]).
//
// A report waiting for the connection is never dropped by it [Note: waiting report]: on an own
// phone it stays (encrypted on the phone) and the waiting screen comes back; on a kiosk its receipt
// code is forgotten and the ciphertext stays in memory, to be sent silently if the connection
// returns while the page is open, with nothing shown to whoever uses the tablet next.
import { initialLang, setLang } from '../common/i18n.ts';
import { forgetTips } from '../common/seen-tips.ts';
import { wipeCryptoWorker } from './crypto.ts';
import { IS_KIOSK, savedReceipt, savedSchool } from './mode.ts';
import { pupilApi } from './pupil-api.ts';
import { stopReading } from './read-aloud.ts';
import { draft, emptyDraft, objectUrls, photosLost, screen, session, waiting } from './state.ts';
import { forgetWaitingSecrets } from './waiting-store.ts';

/** Waiting reports keep only their ciphertext: sent if they can be, shown to nobody. */
function silenceWaiting(): void {
  waiting.value = waiting.value.map((w) => ({
    reportId: w.reportId,
    orgId: w.orgId,
    delivery: w.delivery,
    receiptCode: null,
  }));
}

export function wipe(): void {
  stopReading();
  const current = session.value;
  if (current) void pupilApi.endSession(current.token);
  for (const photo of draft.value.photos) URL.revokeObjectURL(photo.previewUrl);
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls.clear();
  session.value = null;
  photosLost.value = false;
  draft.value = emptyDraft();
  if (IS_KIOSK) silenceWaiting();
  const shown = waiting.value.some((w) => w.receiptCode);
  screen.value = shown ? { name: 'waiting', error: null } : { name: 'start' };
  // On a shared tablet the next child meets the tablet's own language, not the one the last child
  // chose: a language is a trace too (it can tell who was here).
  if (IS_KIOSK) setLang(initialLang());
  forgetTips();
  wipeCryptoWorker();
}

/** Quick exit: nothing left that reveals or opens a conversation. The remembered receipt codes,
 * the remembered school and a waiting report's code go; a waiting report's ciphertext stays and is sent silently on the
 * next visit. Resolves once the phone's storage has been changed. */
export async function wipeForExit(): Promise<void> {
  silenceWaiting();
  wipe();
  savedReceipt.forgetAll();
  savedSchool.forget();
  if (!IS_KIOSK) await forgetWaitingSecrets().catch(() => undefined);
}
