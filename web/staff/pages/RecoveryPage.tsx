// A forgotten password: the printed recovery key (never sent) opens the personal keys in this
// browser, which set a new password; the TOTP code is still needed.
import { useState } from 'preact/hooks';
import { crypto } from '../crypto.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { view } from '../state.ts';

export function RecoveryPage() {
  const [login, setLogin] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [message, setMessage] = useState<StaffKey | null>(null);
  const recover = async () => {
    if (password.length < 12) return setMessage('passwordTooShort');
    try {
      const { recoveryWrappedKeys } = await staffApi.recoveryParams(login.trim());
      const body = await crypto(
        'recoverAccount',
        login.trim().toLowerCase(),
        recoveryKey,
        recoveryWrappedKeys,
        password,
      );
      await staffApi.recover({ login: login.trim(), totp: totp.trim(), ...body });
      setMessage('passwordChanged');
    } catch {
      setMessage('recoveryFailed');
    }
  };
  return (
    <section class="narrow">
      <h2>{ts('forgotPassword')}</h2>
      <p class="hint">{ts('recoveryIntro')}</p>
      <form onSubmit={(e) => (e.preventDefault(), void recover())}>
        <div class="field">
          <label for="rec-login">{ts('login')}</label>
          <input
            id="rec-login"
            type="email"
            value={login}
            onInput={(e) => setLogin(e.currentTarget.value)}
            required
          />
        </div>
        <div class="field">
          <label for="rec-key">{ts('recoveryTitle')}</label>
          <input
            id="rec-key"
            autoComplete="off"
            value={recoveryKey}
            onInput={(e) => setRecoveryKey(e.currentTarget.value)}
            required
          />
        </div>
        <div class="field">
          <label for="rec-password">{ts('newPassword')}</label>
          <input
            id="rec-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </div>
        <div class="field">
          <label for="rec-totp">{ts('totp')}</label>
          <input
            id="rec-totp"
            inputMode="numeric"
            maxLength={6}
            value={totp}
            onInput={(e) => setTotp(e.currentTarget.value)}
            required
          />
        </div>
        <button type="submit">{ts('setNewPassword')}</button>
      </form>
      {message && (
        <p class="notice" role="status">
          {ts(message)}
        </p>
      )}
      <button type="button" class="button--link" onClick={() => (view.value = { name: 'login' })}>
        {ts('signIn')}
      </button>
    </section>
  );
}
