// After a few quiet minutes the pupil screen clears itself, so a child who walks away from the
// school tablet leaves nothing for the next one to see. Only what a person does counts as activity:
// a `scroll` event also fires when the page moves by itself (a shorter next screen pulls the view
// up), and counting it would put off the clear for a child who has already walked away.
import { wipe } from './wipe.ts';

export const IDLE_MS = 3 * 60 * 1000;

export function watchIdle(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reset = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      wipe();
      reset();
    }, IDLE_MS);
  };
  const events = ['pointerdown', 'keydown', 'input', 'touchstart', 'touchmove', 'wheel'] as const;
  events.forEach((e) => window.addEventListener(e, reset, { passive: true, capture: true }));
  reset();
  return () => {
    clearTimeout(timer);
    events.forEach((e) => window.removeEventListener(e, reset, { capture: true }));
  };
}
