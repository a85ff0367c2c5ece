// [Note: back guard] The browser's Back button must not leave the app in the middle of a report
// (the draft would be gone, and the child lands on whatever page was before). So the page keeps
// exactly one extra history entry of its own: the same address, a state that holds nothing but a
// marker. Back moves from that entry to the page's own one; the app takes that as "one step back"
// (the previous wizard step, or the start screen) and puts the entry back. On the start screen
// Back is not taken, so a second Back leaves the app as usual.
//
// No trace: the entry is pushed when the page opens, before anything is typed, and is never more
// than one, so history.length is the same whatever the child did; the address never changes.
// Chromium's history manipulation intervention skips entries of pages that never got a user
// activation; a child using the app has tapped, so Back works as described.
import { effect } from '@preact/signals';
import { screen, type Screen } from './state.ts';

const MARK = 'bezpieczny-glos';

const onGuard = () => (history.state as { guard?: string } | null)?.guard === MARK;
const pushGuard = () => history.pushState({ guard: MARK }, '');

/** The screen one step back from this one, or null if Back should leave the app. */
function stepBack(s: Screen): Screen | null {
  switch (s.name) {
    case 'wizard':
      return s.step > 0 ? { name: 'wizard', step: s.step - 1 } : { name: 'start' };
    case 'come-back':
    case 'help':
      return { name: 'start' };
    case 'start':
      return null;
    default:
      // Sending, waiting, the receipt, the thread: stay, nothing may be lost by Back.
      return s;
  }
}

export function watchBack(): () => void {
  if (!onGuard()) pushGuard();
  const onPop = () => {
    if (onGuard()) return; // Forward, onto the guard again
    const previous = stepBack(screen.value);
    if (!previous) return;
    pushGuard(); // first, so the effect below finds the guard in place
    if (previous !== screen.value) screen.value = previous;
  };
  window.addEventListener('popstate', onPop);
  // Back from the start screen left the guard: put it back when the child moves on (a tap).
  const stop = effect(() => {
    if (screen.value.name !== 'start' && !onGuard()) pushGuard();
  });
  return () => {
    stop();
    window.removeEventListener('popstate', onPop);
  };
}
