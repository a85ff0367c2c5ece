// Accepting an invitation: the link's fragment (#invite=id.token.secret) never reaches the server;
// the secret MACs this browser's new public keys for the colleague who will confirm them.
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import type { InvitationDto } from '../../../shared/protocol/staff.ts';
import { crypto } from '../crypto.ts';
import { Field } from '../components/Field.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { go } from '../router.ts';
import { invite } from '../state.ts';

export function InvitePage(props: { id: string; token: string; secret: string }) {
  const [invitation, setInvitation] = useState<InvitationDto | 'error' | null>(null);
  const [qr, setQr] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [totp, setTotp] = useState('');
  const [error, setError] = useState<StaffKey | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  useEffect(() => {
    staffApi.openInvitation(props.id, props.token).then(
      (inv) => {
        setInvitation(inv);
        void QRCode.toString(inv.totpUri, { type: 'svg', margin: 2 }).then(setQr);
      },
      () => setInvitation('error'),
    );
  }, [props.id]);
  const accept = async () => {
    if (password.length < 12) return setError('passwordTooShort');
    if (password !== repeat) return setError('passwordsDiffer');
    setError(null);
    try {
      const account = await crypto('prepareAccount', password, props.secret);
      const { recoveryKey: key, ...keys } = account;
      await staffApi.acceptInvitation(props.id, {
        token: props.token,
        ...keys,
        opslimit: 3,
        memlimit: 256 * 1024 * 1024,
        totp,
      });
      setRecoveryKey(key);
    } catch {
      setError('acceptFailed');
    }
  };
  if (invitation === 'error')
    return (
      <p class="notice notice--error" role="alert">
        {ts('inviteInvalid')}
      </p>
    );
  if (invitation === null) return <p role="status">{ts('loading')}</p>;
  if (recoveryKey) {
    return (
      <section class="narrow">
        <h2>{ts('recoveryTitle')}</h2>
        <p>{ts('recoveryHint')}</p>
        <p class="recovery-key" data-testid="recovery-key">
          {recoveryKey}
        </p>
        <button type="button" onClick={() => window.print()}>
          {ts('print')}
        </button>
        <p>{ts('accountReady')}</p>
        <button
          type="button"
          class="button--secondary"
          onClick={() => ((invite.value = null), go({ name: 'home' }))}
        >
          {ts('signIn')}
        </button>
      </section>
    );
  }
  return (
    <section class="narrow">
      <h2>{ts('welcomeTo', { org: invitation.orgName })}</h2>
      <p>
        {invitation.displayName} · {invitation.login}
      </p>
      <form onSubmit={(e) => (e.preventDefault(), void accept())}>
        <Field
          id="new-password"
          label="newPassword"
          value={password}
          onValue={setPassword}
          type="password"
          autoComplete="new-password"
          required
        />
        <Field
          id="repeat-password"
          label="repeatPassword"
          value={repeat}
          onValue={setRepeat}
          type="password"
          autoComplete="new-password"
          required
        />
        <p>{ts('totpSetup')}</p>
        {qr && (
          <div
            class="totp-qr"
            role="img"
            aria-label={ts('totpQr')}
            dangerouslySetInnerHTML={{ __html: qr }}
          />
        )}
        <p class="fingerprint" data-testid="totp-secret">
          {invitation.totpSecret}
        </p>
        <Field
          id="invite-totp"
          label="totp"
          value={totp}
          onValue={setTotp}
          inputMode="numeric"
          maxLength={6}
          required
        />
        <button type="submit">{ts('createAccount')}</button>
      </form>
      {error && (
        <p class="notice notice--error" role="alert">
          {ts(error)}
        </p>
      )}
    </section>
  );
}
