// The idle lock [Note: lock and logout]: after 15 minutes without activity the keys are forgotten
// (the session stays, the password unlocks them again, drafts are kept [Note: drafts through the
// lock]). Reading counts as activity (the wheel, touch, dragging the scroll bar), not only clicks
// and keys, and a warning a minute before says so and offers to stay. Only what a person does
// counts: a `scroll` event also fires when the page moves by itself (a refreshed list getting
// shorter, the browser keeping the view inside a shrunk page), and counting it could keep an
// unattended screen open for ever.
import { useEffect, useState } from 'preact/hooks';
import { lock } from '../actions.ts';
import { ts } from '../i18n.ts';
import { unlocked } from '../state.ts';

export const IDLE_LOCK_MS = 15 * 60 * 1000;
export const IDLE_WARNING_MS = 60 * 1000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchmove'] as const;

export function IdleLock() {
  const [warning, setWarning] = useState(false);
  const signedIn = unlocked.value !== null;
  useEffect(() => {
    if (!signedIn) return;
    let warnTimer: ReturnType<typeof setTimeout> | undefined;
    let lockTimer: ReturnType<typeof setTimeout> | undefined;
    const reset = () => {
      clearTimeout(warnTimer);
      clearTimeout(lockTimer);
      setWarning(false);
      warnTimer = setTimeout(() => setWarning(true), IDLE_LOCK_MS - IDLE_WARNING_MS);
      lockTimer = setTimeout(lock, IDLE_LOCK_MS);
    };
    // Capture: an event inside a panel that stops it still reaches the window first.
    const options = { passive: true, capture: true };
    ACTIVITY.forEach((e) => window.addEventListener(e, reset, options));
    reset();
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(lockTimer);
      setWarning(false);
      ACTIVITY.forEach((e) => window.removeEventListener(e, reset, options));
    };
  }, [signedIn]);
  if (!warning) return null;
  return (
    <div class="idle-warning" role="alertdialog" aria-labelledby="idle-warning-text">
      <p id="idle-warning-text">{ts('idleWarning')}</p>
      {/* The click itself is activity: it resets the timers and hides this warning. */}
      <button type="button">{ts('idleStay')}</button>
    </div>
  );
}
