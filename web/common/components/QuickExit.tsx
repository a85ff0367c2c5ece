// The quick-exit button: wipes the screen and everything the page holds, then replaces the page
// (no history entry) with a neutral one, so whoever looks next sees nothing.
import { t } from '../i18n.ts';

export const NEUTRAL_URL = 'https://www.google.com/';

export function quickExit(wipeState?: () => void): void {
  wipeState?.();
  document.body.replaceChildren();
  document.title = 'Google';
  try {
    sessionStorage.clear();
  } catch {
    // Storage may be disabled; there is nothing in it then either.
  }
  window.location.replace(NEUTRAL_URL);
}

export function QuickExit({ onExit }: { onExit?: () => void }) {
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
