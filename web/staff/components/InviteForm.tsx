// Inviting someone (a colleague from the Team page, or the administrator for any organisation):
// login and name, and the link to hand over once it is made. The link's secret is made by the
// caller's onInvite and never sent.
import { useState } from 'preact/hooks';
import { ts, type StaffKey } from '../i18n.ts';
import { Field } from './Field.tsx';

export function InviteForm(props: {
  idPrefix: string;
  title: StaffKey;
  hint?: StaffKey;
  /** Makes the invitation; true when it was made (the form then empties). */
  onInvite: (login: string, displayName: string) => Promise<boolean>;
}) {
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const submit = async () => {
    if (await props.onInvite(login, displayName)) {
      setLogin('');
      setDisplayName('');
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h3>{ts(props.title)}</h3>
      {props.hint && <p class="hint">{ts(props.hint)}</p>}
      <Field
        id={`${props.idPrefix}-login`}
        label="login"
        value={login}
        onValue={setLogin}
        type="email"
        required
      />
      <Field
        id={`${props.idPrefix}-name`}
        label="displayName"
        value={displayName}
        onValue={setDisplayName}
        required
      />
      <button type="submit">{ts('createInvite')}</button>
    </form>
  );
}

export function InviteLink(props: { link: string | null; testId: string }) {
  if (!props.link) return null;
  return (
    <div class="notice notice--ok" role="status">
      <p>{ts('inviteLinkHint')}</p>
      <p class="invite-link" data-testid={props.testId}>
        {props.link}
      </p>
    </div>
  );
}
