// The quick-exit button: wipes the screen and everything the page holds, then replaces the page
// (no history entry) with a neutral one, so whoever looks next sees nothing. It comes first in the
// tab order, and pressing Escape twice does the same from anywhere on the page. Where it goes is
// the deployment's choice, per school for a kiosk [Note: quick exit destination].
import { useEffect } from 'preact/hooks';
import {
  DEFAULT_QUICK_EXIT_URL,
  QUICK_EXIT_URL_PATTERN,
} from '../../../shared/protocol/quick-exit-url.ts';
import { t } from '../i18n.ts';

let destination = DEFAULT_QUICK_EXIT_URL;

/** Set from the deployment's answer; anything but an https:// address or a local path is ignored. */
export function setQuickExitUrl(url: string): void {
  if (QUICK_EXIT_URL_PATTERN.test(url)) destination = url;
}
/** Two presses of Escape closer than this are the shortcut; one alone closes nothing. */
const DOUBLE_ESCAPE_MS = 1500;
/** Storage changes get this long; the screen is empty at once and the page leaves after. */
const STORAGE_WAIT_MS = 800;

export function quickExit(wipeState?: () => void | Promise<void>): void {
  document.body.replaceChildren();
  document.title = '';
  try {
    sessionStorage.clear();
  } catch {
    // Storage may be disabled; there is nothing in it then either.
  }
  const leave = () => window.location.replace(destination);
  let wiped: Promise<void>;
  try {
    wiped = Promise.resolve(wipeState?.());
  } catch {
    wiped = Promise.resolve();
  }
  void Promise.race([
    wiped.catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, STORAGE_WAIT_MS)),
  ]).then(leave);
}

export function QuickExit({ onExit }: { onExit?: () => void | Promise<void> }) {
  useEffect(() => {
    let last = -Infinity;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.repeat) return;
      const now = performance.now();
      if (now - last < DOUBLE_ESCAPE_MS) quickExit(onExit);
      last = now;
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onExit]);
  return (
    <button
      type="button"
      class="quick-exit"
      onClick={() => quickExit(onExit)}
      title={t('quickExitHint')}
    >
      {t('quickExit')}
    </button>
  );
}
