// The team: invite a colleague (the link's secret is made here and never sent), and confirm a new
// member: this browser checks their keys' MAC with the secret before sealing the school key to them.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MemberDto } from '../../../shared/protocol/staff.ts';
import { crypto } from '../crypto.ts';
import { useConfirm } from '../components/ConfirmDialog.tsx';
import { InviteForm, InviteLink } from '../components/InviteForm.tsx';
import { SchoolRecoveryPanel } from '../components/SchoolRecoveryPanel.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';

export function MembersPage() {
  const [members, setMembers] = useState<MemberDto[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  /** The member just switched off: the page leads on to making the next school key. */
  const [left, setLeft] = useState<MemberDto | null>(null);
  const rotateButton = useRef<HTMLButtonElement>(null);
  const [dialog, ask] = useConfirm();
  const reload = () => {
    staffApi.pendingKeyVersion().then(
      (p) => setPending(p.version),
      () => undefined,
    );
    return staffApi.members().then(setMembers, () => undefined);
  };
  useEffect(() => void reload(), []);
  useEffect(() => {
    if (left) rotateButton.current?.focus();
  }, [left]);
  const u = unlocked.value;
  const latest = u?.orgKeys.reduce((a, b) => (b.version > a.version ? b : a), u.orgKeys[0]!);
  /** A family centre's team names its own key, not a school's. */
  const own = (key: OwnKeyWord): StaffKey => (u?.me.role === 'cdr_specialist' ? `${key}Cdr` : key);

  const invite = async (login: string, displayName: string) => {
    if (!latest) return false;
    try {
      const { secret, secretSealed } = await crypto('createInviteSecret', latest.keys.boxPublicKey);
      const created = await staffApi.invite({ login, displayName, secretSealed });
      setLink(`${window.location.origin}/staff/#invite=${created.id}.${created.token}.${secret}`);
      return true;
    } catch {
      setMessage({ ok: false, text: ts('inviteFailed') });
      return false;
    }
  };
  /** A colleague lost password and recovery key: a renewal link gives them new keys. */
  const renew = async (member: MemberDto) => {
    if (!latest) return;
    try {
      const { secret, secretSealed } = await crypto('createInviteSecret', latest.keys.boxPublicKey);
      const created = await staffApi.renewMember(member.id, secretSealed);
      setLink(`${window.location.origin}/staff/#invite=${created.id}.${created.token}.${secret}`);
      void reload();
    } catch {
      setMessage({ ok: false, text: ts('inviteFailed') });
    }
  };
  /** After someone left: deactivate them, then make the next school key for those who remain. */
  const deactivate = (member: MemberDto) =>
    ask({
      title: ts('deactivateTitle', { name: member.displayName }),
      text: <p>{ts(own('deactivateText'), { name: member.displayName })}</p>,
      confirm: ts('deactivateConfirm', { name: member.displayName }),
      run: () =>
        staffApi.deactivate(member.id).then(
          () => {
            setMessage(null);
            setLeft(member);
            void reload();
          },
          () => setMessage({ ok: false, text: ts('saveFailed') }),
        ),
    });
  const rotate = async () => {
    const org = u?.me.org;
    if (!org) return;
    try {
      const { organisations } = await staffApi.organisations();
      const dto = organisations.find((o) => o.id === org.id);
      if (!dto) throw new Error('no organisation');
      const current = await crypto('verifyOrg', dto);
      const active = members.filter((m) => m.status === 'active');
      const recovery = await staffApi.recoveryStatus();
      const proposal = await crypto('newOrgKeyVersion', active, org.id, u.orgSignKeys, recovery);
      await staffApi.proposeKeyVersion({ version: current.version + 1, ...proposal });
      setLeft(null);
      setPending(current.version + 1);
      setMessage({ ok: true, text: ts('rotationProposed', { version: current.version + 1 }) });
    } catch {
      setMessage({ ok: false, text: ts('rotationFailed') });
    }
  };
  const withdraw = () =>
    ask({
      title: ts('withdrawTitle', { version: pending ?? '' }),
      text: <p>{ts('withdrawText')}</p>,
      confirm: ts('withdrawKeyVersion'),
      run: () =>
        staffApi.withdrawKeyVersion().then(
          () => {
            setPending(null);
            setMessage({ ok: true, text: ts('keyVersionWithdrawn') });
          },
          () => setMessage({ ok: false, text: ts('nothingToWithdraw') }),
        ),
    });
  const grant = async (member: MemberDto) => {
    if (!u?.me.org) return;
    try {
      const body = await crypto('grantMember', member, u.me.org.id, u.orgKeys);
      await staffApi.grant(member.id, body);
      setMessage({ ok: true, text: ts('granted', { name: member.displayName }) });
      void reload();
    } catch {
      setMessage({ ok: false, text: ts('grantRefused') });
    }
  };
  return (
    <section>
      <h2>{ts('team')}</h2>
      <button type="button" class="button--secondary" onClick={() => void reload()}>
        {ts('refresh')}
      </button>
      {dialog}
      <ul class="members">
        {members.map((m) => (
          <li key={m.id}>
            <strong>{m.displayName}</strong> ({m.login}) ·{' '}
            {ts(
              m.status === 'active'
                ? 'memberActive'
                : m.status === 'invited'
                  ? 'memberInvited'
                  : 'memberDeactivated',
            )}
            {m.status === 'active' && m.id !== u?.me.id && (
              <button type="button" class="button--secondary" onClick={() => void renew(m)}>
                {ts('renewMember')}
              </button>
            )}
            {m.status === 'active' && m.id !== u?.me.id && (
              <button type="button" class="button--secondary" onClick={() => deactivate(m)}>
                {ts('deactivate')}
              </button>
            )}
            {m.pending && m.pending.renewedBy === u?.me.id && (
              // [Note: renewal approval]: the one who started a renewal does not confirm it.
              <p class="hint">{ts('renewalNeedsSecond')}</p>
            )}
            {m.pending && m.pending.renewedBy !== u?.me.id && (
              <button type="button" onClick={() => void grant(m)}>
                {ts('confirmMember', { name: m.displayName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {message && (
        <p
          class={`notice ${message.ok ? 'notice--ok' : 'notice--error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
      {left && (
        <section class="next-step" aria-labelledby="next-step-title">
          <h3 id="next-step-title">{ts(own('deactivatedNext'), { name: left.displayName })}</h3>
          <p>{ts(own('deactivatedNextText'), { name: left.displayName })}</p>
          <button type="button" ref={rotateButton} onClick={() => void rotate()}>
            {ts(own('rotateKey'))}
          </button>
        </section>
      )}
      <h3>{ts(own('rotateTitle'))}</h3>
      <p class="hint">{ts('rotateHint')}</p>
      {pending === null ? (
        <button type="button" class="button--secondary" onClick={() => void rotate()}>
          {ts(own('rotateKey'))}
        </button>
      ) : (
        <>
          <p>{ts(own('rotationWaiting'), { version: pending })}</p>
          <button type="button" class="button--secondary" onClick={withdraw}>
            {ts('withdrawKeyVersion')}
          </button>
        </>
      )}
      <SchoolRecoveryPanel />
      <InviteForm idPrefix="invite" title="inviteColleague" onInvite={invite} />
      <InviteLink link={link} testId="invite-link" />
    </section>
  );
}

type OwnKeyWord =
  | 'deactivateText'
  | 'deactivatedNext'
  | 'deactivatedNextText'
  | 'rotateKey'
  | 'rotateTitle'
  | 'rotationWaiting';
