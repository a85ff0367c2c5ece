// Finding the pupil's school: from the kiosk URL or a typed code. Nothing is sent anywhere before
// the school's certificate has verified against the pinned root key.
import { useEffect, useState } from 'preact/hooks';
import type { OrganisationDto } from '../../../shared/protocol/orgs.ts';
import { ApiFailure, getJson } from '../../common/api.ts';
import { t, type MessageKey } from '../../common/i18n.ts';
import { verifyOrganisation, type VerifiedOrg } from '../../common/verify-org.ts';

type State =
  | { step: 'ask' }
  | { step: 'checking' }
  | { step: 'verified'; school: VerifiedOrg }
  | { step: 'failed'; message: MessageKey };

async function findSchool(code: string): Promise<State> {
  try {
    const org = await getJson<OrganisationDto>(`/api/orgs/by-code/${encodeURIComponent(code)}`);
    if (org.kind !== 'school') return { step: 'failed', message: 'schoolNotFound' };
    return { step: 'verified', school: await verifyOrganisation(org) };
  } catch (error) {
    if (error instanceof ApiFailure) {
      if (error.code === 'offline') return { step: 'failed', message: 'offline' };
      if (error.status === 404 || error.status === 400)
        return { step: 'failed', message: 'schoolNotFound' };
      return { step: 'failed', message: 'somethingWrong' };
    }
    return { step: 'failed', message: 'schoolNotTrusted' };
  }
}

export function SchoolPage({ initialCode }: { initialCode: string | undefined }) {
  const [state, setState] = useState<State>(initialCode ? { step: 'checking' } : { step: 'ask' });
  const [code, setCode] = useState(initialCode ?? '');

  const check = (value: string) => {
    setState({ step: 'checking' });
    void findSchool(value.trim()).then(setState);
  };
  useEffect(() => {
    if (initialCode) check(initialCode);
  }, [initialCode]);

  if (state.step === 'verified') {
    return (
      <section>
        <p class="notice notice--ok" role="status">
          {t('schoolVerified')}: <strong>{state.school.org.name}</strong>
        </p>
        <p>{t('welcome')}</p>
      </section>
    );
  }
  return (
    <section>
      <p>{t('welcome')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          check(code);
        }}
      >
        <div class="field">
          <label for="school-code">{t('schoolCodeLabel')}</label>
          <input
            id="school-code"
            name="school-code"
            autoComplete="off"
            autoCapitalize="characters"
            value={code}
            aria-describedby="school-code-hint"
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <p id="school-code-hint" class="hint">
            {t('schoolCodeHint')}
          </p>
        </div>
        <button type="submit" disabled={state.step === 'checking'}>
          {t('schoolFind')}
        </button>
      </form>
      {state.step === 'checking' && <p role="status">{t('schoolChecking')}</p>}
      {state.step === 'failed' && (
        <p class="notice notice--error" role="alert">
          {t(state.message)}
        </p>
      )}
    </section>
  );
}
