// The administrator staffing one organisation: invite a member, renew the keys of one who lost
// password and recovery key, deactivate one who left. The link's secret is sealed to the
// organisation's box key from its root-verified certificate, so the administrator never holds the
// organisation key; a member or the recovery key grants it after checking the MAC.
import { useState } from 'preact/hooks';
import type { AdminOrgDto } from '../../../shared/protocol/admin.ts';
import { toB64 } from '../../../shared/envelope/base64url.ts';
import { sawVersion, seenVersion } from '../../common/seen-versions.ts';
import { crypto } from '../crypto.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { InviteForm, InviteLink } from './InviteForm.tsx';
import { formatDate } from '../format-time.ts';

const statusKey = (s: AdminOrgDto['members'][number]['status']): StaffKey =>
  s === 'active' ? 'memberActive' : s === 'invited' ? 'memberInvited' : 'memberDeactivated';

async function sealedSecret(orgId: string) {
  const { organisations } = await staffApi.organisations();
  const dto = organisations.find((o) => o.id === orgId);
  if (!dto) throw new Error('no such organisation');
  // The newest certificate listed or seen [Note: certificate rollback]: never an older key.
  const { certificates } = await staffApi.certificates(orgId);
  const verified = await crypto('verifyCurrentOrg', dto, certificates, seenVersion(orgId));
  sawVersion(orgId, verified.version);
  return crypto('createInviteSecret', verified.boxPublicKey);
}

const linkOf = (id: string, token: string, secret: string) =>
  `${window.location.origin}/staff/#invite=${id}.${token}.${secret}`;

export function OrgStaffing(props: { org: AdminOrgDto; onChange: () => void }) {
  const { org, onChange } = props;
  const [link, setLink] = useState<string | null>(null);
  const [failed, setFailed] = useState<StaffKey | null>(null);

  const invite = async (login: string, displayName: string) => {
    setFailed(null);
    try {
      // [Note: founding member] Before the organisation has a key there is nothing to seal the
      // link's secret to: the first member makes the key themself.
      const { secret, secretSealed } =
        org.certificateVersion === 0
          ? { secret: toB64(globalThis.crypto.getRandomValues(new Uint8Array(32))) }
          : await sealedSecret(org.id);
      const created = await staffApi.adminInvite(org.id, {
        login,
        displayName,
        ...(secretSealed ? { secretSealed } : {}),
      });
      setLink(linkOf(created.id, created.token, secret));
      onChange();
      return true;
    } catch {
      setFailed('inviteFailed');
      return false;
    }
  };
  const renew = async (staffId: string) => {
    setFailed(null);
    try {
      const { secret, secretSealed } = await sealedSecret(org.id);
      const created = await staffApi.adminRenew(staffId, secretSealed);
      setLink(linkOf(created.id, created.token, secret));
      onChange();
    } catch {
      setFailed('inviteFailed');
    }
  };
  const [dialog, ask] = useConfirm();
  /** The member left: off they go, and the school's remaining members make the next key. */
  const [left, setLeft] = useState<string | null>(null);
  const deactivate = (m: AdminOrgDto['members'][number]) =>
    ask({
      title: ts('deactivateTitle', { name: m.displayName }),
      text: (
        <p>
          {ts(org.kind === 'cdr' ? 'deactivateTextAdminCdr' : 'deactivateTextAdmin', {
            name: m.displayName,
          })}
        </p>
      ),
      confirm: ts('deactivateConfirm', { name: m.displayName }),
      run: () =>
        staffApi.deactivate(m.id).then(
          () => {
            setLeft(m.displayName);
            onChange();
          },
          () => setFailed('saveFailed'),
        ),
    });

  return (
    <div>
      {org.certificateVersion === 0 && <p class="hint">{ts('orgNoKey')}</p>}
      <p>
        {org.recovery
          ? ts('recoveryKeyMade', {
              date: formatDate(org.recovery.createdAt),
              used:
                (org.recovery.lastUsedAt && formatDate(org.recovery.lastUsedAt)) ??
                ts('schoolRecoveryNeverUsed'),
            })
          : ts('recoveryKeyMissing')}
      </p>
      <ul class="members">
        {org.members.map((m) => (
          <li key={m.id}>
            {m.displayName} ({m.login}) · {ts(statusKey(m.status))}
            {m.status !== 'deactivated' && (
              <button type="button" class="button--secondary" onClick={() => void renew(m.id)}>
                {ts('renewMember')}
              </button>
            )}
            {m.status === 'active' && (
              <button type="button" class="button--secondary" onClick={() => deactivate(m)}>
                {ts('deactivate')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {dialog}
      {left && (
        <p class="next-step" role="status">
          {ts(org.kind === 'cdr' ? 'deactivatedAdminNextCdr' : 'deactivatedAdminNext', {
            name: left,
          })}
        </p>
      )}
      <InviteForm
        idPrefix={`${org.code}-invite`}
        title="adminInvite"
        hint="adminInviteHint"
        onInvite={invite}
      />
      <InviteLink link={link} testId="admin-invite-link" />
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts(failed)}
        </p>
      )}
    </div>
  );
}
