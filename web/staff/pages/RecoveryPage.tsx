// A forgotten password: the printed recovery key (never sent) opens the personal keys in this
// browser, which set a new password; the TOTP code is still needed.
import { useState } from 'preact/hooks';
import { crypto } from '../crypto.ts';
import { Field } from '../components/Field.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { go } from '../router.ts';

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
        <Field
          id="rec-login"
          label="login"
          value={login}
          onValue={setLogin}
          type="email"
          required
        />
        <Field
          id="rec-key"
          label="recoveryTitle"
          value={recoveryKey}
          onValue={setRecoveryKey}
          autoComplete="off"
          required
        />
        <Field
          id="rec-password"
          label="newPassword"
          value={password}
          onValue={setPassword}
          type="password"
          autoComplete="new-password"
          required
        />
        <Field
          id="rec-totp"
          label="totp"
          value={totp}
          onValue={setTotp}
          inputMode="numeric"
          maxLength={6}
          required
        />
        <button type="submit">{ts('setNewPassword')}</button>
      </form>
      {message && (
        <p class="notice" role="status">
          {ts(message)}
        </p>
      )}
      <button type="button" class="button--link" onClick={() => go({ name: 'home' })}>
        {ts('signIn')}
      </button>
    </section>
  );
}
