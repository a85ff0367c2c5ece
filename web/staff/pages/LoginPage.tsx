import { useState } from 'preact/hooks';
import { ApiFailure } from '../../common/api.ts';
import { CryptoFailure } from '../../crypto/client.ts';
import { signIn } from '../actions.ts';
import { Field } from '../components/Field.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { go } from '../router.ts';

export function LoginPage() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StaffKey | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password, totp.trim());
    } catch (e) {
      // A server that hands back keys the certificates do not vouch for is not a wrong password.
      setError(
        e instanceof CryptoFailure
          ? 'keysNotTrusted'
          : e instanceof ApiFailure && e.code === 'offline'
            ? 'offline'
            : 'loginFailed',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow">
      <h2>{ts('signIn')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field
          id="login"
          label="login"
          value={login}
          onValue={setLogin}
          type="email"
          autoComplete="username"
          required
        />
        <Field
          id="password"
          label="password"
          value={password}
          onValue={setPassword}
          type="password"
          autoComplete="current-password"
          required
        />
        <Field
          id="totp"
          label="totp"
          value={totp}
          onValue={setTotp}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? ts('signingIn') : ts('signIn')}
        </button>
      </form>
      {error && (
        <p class="notice notice--error" role="alert">
          {ts(error)}
        </p>
      )}
      <button type="button" class="button--link" onClick={() => go({ name: 'recovery' })}>
        {ts('forgotPassword')}
      </button>
      <button type="button" class="button--link" onClick={() => go({ name: 'directory' })}>
        {ts('keyDirectory')}
      </button>
    </section>
  );
}
