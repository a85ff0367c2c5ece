// A report the server has not acknowledged yet [Note: waiting report]. Never "sent", never a
// receipt here: the child is told plainly that it has not gone, what happens next, and who to call
// now. On a kiosk nothing is kept, so the child is asked to stay until it goes.
import { t, tf, type MessageKey } from '../../common/i18n.ts';
import { discardWaiting, retryWaiting } from '../actions/send-report.ts';
import { IS_KIOSK } from '../mode.ts';
import { screen, waiting } from '../state.ts';

export function WaitingPage({ error }: { error: MessageKey | null }) {
  const count = waiting.value.filter((w) => w.receiptCode).length;
  if (count === 0) {
    return (
      <section class="waiting">
        {error && (
          <p class="notice notice--error" role="alert">
            {t(error)}
          </p>
        )}
        <button type="button" class="big" onClick={() => (screen.value = { name: 'start' })}>
          {t('waitingWriteAgain')}
        </button>
      </section>
    );
  }
  return (
    <section class="waiting">
      <h2>{t('waitingTitle')}</h2>
      <p class="notice notice--warn" role="status">
        {t('waitingOffline')}
      </p>
      {error && (
        <p class="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
      <p>{t(IS_KIOSK ? 'waitingKiosk' : 'waitingPhone')}</p>
      {count > 1 && <p>{tf('waitingCount', { n: count })}</p>}
      <p class="notice">
        <strong>{t('waitingHelp')}</strong>
      </p>
      <div class="big-actions">
        <button type="button" class="big" onClick={() => void retryWaiting(true)}>
          {t('waitingRetry')}
        </button>
        <button type="button" class="button--secondary" onClick={discardWaiting}>
          {t('waitingDiscard')}
        </button>
      </div>
    </section>
  );
}
