// [Note: no trace] wipe() forgets everything of the visit: the session is ended on the server
// (best effort), decrypted images are released, the crypto worker with any key material in its
// memory is terminated, and every signal returns to its start value. The page's URL never held
// anything, and no history entry was ever added.
import { forgetTips } from '../common/seen-tips.ts';
import { wipeCryptoWorker } from './crypto.ts';
import { pupilApi } from './pupil-api.ts';
import { draft, emptyDraft, objectUrls, pending, screen, session } from './state.ts';

export function wipe(): void {
  const current = session.value;
  if (current) void pupilApi.endSession(current.token);
  for (const photo of draft.value.photos) URL.revokeObjectURL(photo.previewUrl);
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls.clear();
  session.value = null;
  pending.value = null;
  draft.value = emptyDraft();
  screen.value = { name: 'start' };
  forgetTips();
  wipeCryptoWorker();
}
