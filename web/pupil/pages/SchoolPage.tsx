// Finding the pupil's school: from the kiosk URL, a poster's link, the code an own phone remembers,
// or a typed code. Nothing is sent anywhere before the school's certificate has verified against
// the pinned root key.
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../../common/api.ts';
import { t, type MessageKey } from '../../common/i18n.ts';
import type { SchoolLink } from '../../common/school-link.ts';
import { isOrgCode, normaliseOrgCode } from '../../../shared/protocol/org-code.ts';
import { findLinkedSchool, findSchool, NotASchool } from '../actions/school-keys.ts';
import { savedSchool } from '../mode.ts';
import { reopenSchool, school } from '../state.ts';

function failure(error: unknown): MessageKey {
  if (error instanceof NotASchool) return 'schoolNotSchool';
  if (!(error instanceof ApiFailure)) return 'schoolNotTrusted';
  if (error.code === 'offline') return 'offline';
  return error.status === 404 || error.status === 400 ? 'schoolNotFound' : 'somethingWrong';
}

export function SchoolPage(props: {
  initialCode: string | undefined;
  link: SchoolLink | undefined;
}) {
  const { initialCode, link } = props;
  // An own phone opens the school it found last time (not over a kiosk URL or a poster's link).
  const [remembered] = useState(() =>
    initialCode || link || !reopenSchool.peek() ? null : savedSchool.get(),
  );
  const [checking, setChecking] = useState(
    initialCode !== undefined || link !== undefined || remembered !== null,
  );
  const [error, setError] = useState<MessageKey | null>(null);
  const [code, setCode] = useState(initialCode ?? remembered ?? '');

  const check = (value: string | SchoolLink) => {
    // Case, spaces and dashes do not count: "sp 1" and "SP-1" are SP1.
    const code = typeof value === 'string' ? normaliseOrgCode(value) : null;
    if (code !== null && !isOrgCode(code)) {
      setChecking(false);
      setError('schoolCodeFormat');
      return;
    }
    setChecking(true);
    setError(null);
    (code !== null ? findSchool(code) : findLinkedSchool(value as SchoolLink)).then(
      (found) => {
        savedSchool.set(found.dto.code);
        school.value = found;
      },
      (e: unknown) => {
        setChecking(false);
        const why = failure(e);
        // A remembered code that no longer names a school is forgotten, not tried again.
        if (why !== 'offline' && why !== 'somethingWrong') savedSchool.forget();
        setError(why);
      },
    );
  };
  useEffect(() => {
    if (initialCode) check(initialCode);
    else if (link) check(link);
    else if (remembered) check(remembered);
  }, [initialCode, link, remembered]);

  return (
    <section>
      <p>{t('welcome')}</p>
      {!initialCode && (
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
              aria-invalid={error === 'schoolCodeFormat' || error === 'schoolNotFound'}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <p id="school-code-hint" class="hint">
              {t('schoolCodeHint')}
            </p>
          </div>
          <button type="submit" disabled={checking}>
            {t('schoolFind')}
          </button>
        </form>
      )}
      {checking && <p role="status">{t('schoolChecking')}</p>}
      {error && (
        <p class="notice notice--error" role="alert">
          {t(error)}
          {/* A kiosk cannot type another code: the child needs an adult, or the numbers above. */}
          {initialCode && error !== 'offline' && <> {t('kioskBroken')}</>}
        </p>
      )}
    </section>
  );
}
