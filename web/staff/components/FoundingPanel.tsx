// [Note: founding member] On the waiting screen of a new organisation's first member: make the
// organisation key here, read its fingerprint to the administrator who certifies it, then check
// that the certificate names exactly this key before taking it into use.
import { useEffect, useState } from 'preact/hooks';
import type { CertificateDto } from '../../../shared/protocol/orgs.ts';
import type { StaffMeDto } from '../../../shared/protocol/staff.ts';
import { enterAfterGrant } from '../actions.ts';
import { crypto } from '../crypto.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import type { Unlocked } from '../state.ts';

type Stage = 'loading' | 'none' | 'make' | 'awaiting' | 'certified';

async function certificatesOf(orgId: string): Promise<CertificateDto[]> {
  // An organisation without any certificate is not in the directory: 404.
  return staffApi.certificates(orgId).then(
    (r) => r.certificates,
    () => [],
  );
}

export function FoundingPanel(props: {
  personal: Unlocked['personal'];
  onFounding: (founding: boolean) => void;
}) {
  const [stage, setStage] = useState<Stage>('loading');
  const [fp, setFp] = useState('');
  const [error, setError] = useState<StaffKey | null>(null);

  const check = async () => {
    setError(null);
    const me: StaffMeDto = await staffApi.me();
    const org = me.org;
    if (!org) {
      props.onFounding(false);
      return setStage('none');
    }
    const certificates = await certificatesOf(org.id);
    const grant = me.keyGrants.find((g) => g.version === 1);
    if (certificates.length > 0 && !grant) {
      props.onFounding(false);
      return setStage('none');
    }
    props.onFounding(true);
    if (!grant) return setStage('make');
    setFp(await crypto('foundedFingerprint', grant.sealedKeys, props.personal));
    if (certificates.length === 0) return setStage('awaiting');
    setStage('certified');
    try {
      const done = await crypto(
        'activateFounder',
        grant.sealedKeys,
        props.personal,
        org.id,
        certificates,
      );
      await staffApi.activateFounder(done.endorsement);
      await enterAfterGrant();
    } catch {
      setError('foundingMismatch');
    }
  };
  useEffect(() => {
    check().catch(() => {
      setError('foundingFailed');
      // Unknown: the waiting page falls back to its usual text and the recovery form.
      props.onFounding(false);
    });
  }, []);

  const make = async () => {
    setError(null);
    try {
      const made = await crypto('foundOrgKey', props.personal);
      await staffApi.foundOrgKey(made.body);
      await check();
    } catch {
      setError('foundingFailed');
    }
  };

  if (stage === 'loading' || stage === 'none') return null;
  return (
    <section class="panel" aria-labelledby="founding-title">
      <h2 id="founding-title">{ts('foundingTitle')}</h2>
      {stage === 'make' && (
        <>
          <p class="hint">{ts('foundingHint')}</p>
          <button type="button" onClick={() => void make()}>
            {ts('foundingCreate')}
          </button>
        </>
      )}
      {stage !== 'make' && (
        <>
          <p data-testid="founding-fingerprint">{ts('foundingAwaiting', { fp })}</p>
          <button type="button" class="button--secondary" onClick={() => void check()}>
            {ts('foundingCheck')}
          </button>
        </>
      )}
      {error && (
        <p class="notice notice--error" role="alert">
          {ts(error)}
        </p>
      )}
    </section>
  );
}
