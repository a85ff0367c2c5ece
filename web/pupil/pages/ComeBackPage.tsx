// Coming back with the receipt code. A wrong code gets the same answer whatever the reason.
import { useState } from 'preact/hooks';
import { parseReceipt } from '../../../shared/crypto/receipt.ts';
import { ApiFailure } from '../../common/api.ts';
import { t, type MessageKey } from '../../common/i18n.ts';
import { comeBack } from '../actions/open-thread.ts';
import { WorkProgress } from '../components/WorkProgress.tsx';
import { savedReceipt } from '../mode.ts';
import { screen, type School } from '../state.ts';

function failure(error: unknown): MessageKey {
  if (!(error instanceof ApiFailure)) return 'notVerified';
  if (error.code === 'offline') return 'offline';
  if (error.code === 'rate_limited') return 'tooManyTries';
  return error.status === 404 ? 'backWrong' : 'somethingWrong';
}

export function ComeBackPage({ current }: { current: School }) {
  const remembered = savedReceipt.get(current.dto.id);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);

  const open = (input: string) => {
    const digits = parseReceipt(input);
    if (!digits) return setError('codeFormat');
    setBusy(true);
    setError(null);
    comeBack(current, digits).then(
      () => (screen.value = { name: 'thread' }),
      (e: unknown) => {
        setBusy(false);
        setError(failure(e));
      },
    );
  };

  return (
    <section>
      <h2>{t('backTitle')}</h2>
      {remembered && (
        <div class="big-actions">
          <button type="button" class="big" disabled={busy} onClick={() => open(remembered)}>
            {t('backUseSaved')}
          </button>
          <button
            type="button"
            class="button--link"
            onClick={() => {
              savedReceipt.forget(current.dto.id);
              setCode('');
            }}
          >
            {t('backForget')}
          </button>
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          open(code);
        }}
      >
        <div class="field">
          <label for="receipt-code">{t('backLabel')}</label>
          <input
            id="receipt-code"
            class="receipt-input"
            inputMode="numeric"
            autoComplete="off"
            maxLength={19}
            value={code}
            aria-invalid={error === 'codeFormat' || error === 'backWrong'}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="big" disabled={busy}>
          {t('backCheck')}
        </button>
      </form>
      {busy && <p role="status">{t('backChecking')}</p>}
      {busy && <WorkProgress />}
      {error && (
        <p class="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
      <button
        type="button"
        class="button--secondary"
        onClick={() => (screen.value = { name: 'start' })}
      >
        {t('back')}
      </button>
    </section>
  );
}
