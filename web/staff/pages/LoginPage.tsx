// Signing in (e-mail, password, authenticator code) or, while the server session lasts after a
// reload or the idle lock, unlocking with the password only [Note: lock and logout].
import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { ApiFailure } from '../../common/api.ts';
import { CryptoFailure } from '../../crypto/client.ts';
import { signIn, signOut, TotpJustUsed, unlockWithPassword, WrongPassword } from '../actions.ts';
import { Field } from '../components/Field.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { go } from '../router.ts';
import { locked } from '../state.ts';

/** Wrong passwords at the lock before the session is ended: the keys are opened in the browser,
 * so the server cannot slow guessing down; ending the session takes the wrapped keys away. */
const UNLOCK_TRIES = 5;
/** Why the sign-in form is shown, when it is not the member's own choice: said on that form. */
const signedOutBecause = signal<StaffKey | null>(null);

function failureKey(e: unknown): StaffKey {
  // A server that hands back keys the certificates do not vouch for is not a wrong password.
  if (e instanceof TotpJustUsed) return 'totpJustUsed';
  if (e instanceof WrongPassword) return 'unlockFailed';
  if (e instanceof CryptoFailure) return 'keysNotTrusted';
  if (e instanceof ApiFailure && e.code === 'offline') return 'offline';
  return 'loginFailed';
}

export function LoginPage() {
  if (locked.value === undefined) return <p role="status">{ts('loading')}</p>;
  return locked.value ? <UnlockForm /> : <SignInForm />;
}

function UnlockForm() {
  const me = locked.value;
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StaffKey | null>(null);
  const [tries, setTries] = useState(0);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await unlockWithPassword(password);
    } catch (e) {
      // The session ended meanwhile (server idle or absolute timeout): sign in again.
      if (e instanceof ApiFailure && e.status === 401) return void (locked.value = null);
      if (e instanceof WrongPassword && tries + 1 >= UNLOCK_TRIES) {
        signedOutBecause.value = 'signedOutAfterTries';
        return signOut();
      }
      if (e instanceof WrongPassword) setTries(tries + 1);
      setError(failureKey(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow">
      <h2>{ts('unlockTitle')}</h2>
      <p>{ts('unlockHint', { name: me?.displayName ?? '' })}</p>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <input type="email" autoComplete="username" value={me?.login ?? ''} hidden readOnly />
        <PasswordField value={password} onValue={setPassword} />
        <button type="submit" disabled={busy}>
          {busy ? ts('unlocking') : ts('unlock')}
        </button>
      </form>
      <Failure error={error} vars={{ left: UNLOCK_TRIES - tries }} />
      <button type="button" class="button--link" onClick={signOut}>
        {ts('unlockSignOut')}
      </button>
    </section>
  );
}

function SignInForm() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StaffKey | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    signedOutBecause.value = null;
    try {
      await signIn(login.trim(), password, totp.trim());
    } catch (e) {
      setError(failureKey(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow">
      <h2>{ts('signIn')}</h2>
      {signedOutBecause.value && (
        <p class="notice" role="status">
          {ts(signedOutBecause.value)}
        </p>
      )}
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
        <PasswordField value={password} onValue={setPassword} />
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
      <Failure error={error} />
      <button type="button" class="button--link" onClick={() => go({ name: 'recovery' })}>
        {ts('forgotPassword')}
      </button>
      <button type="button" class="button--link" onClick={() => go({ name: 'directory' })}>
        {ts('keyDirectory')}
      </button>
    </section>
  );
}

/** The member's own password, as a password manager fills it on both forms. */
function PasswordField(props: { value: string; onValue: (value: string) => void }) {
  return (
    <Field
      id="password"
      label="password"
      value={props.value}
      onValue={props.onValue}
      type="password"
      autoComplete="current-password"
      required
    />
  );
}

function Failure({ error, vars }: { error: StaffKey | null; vars?: Record<string, number> }) {
  return error ? (
    <p class="notice notice--error" role="alert">
      {ts(error, vars)}
    </p>
  ) : null;
}
