// What a case page shows while it opens, or why it cannot: no such case (a wrong or old address),
// the server not answering, or a case the browser cannot open or verify (the alarm is kept for
// that last one, so it keeps its meaning).
import type { ComponentChildren } from 'preact';
import { ApiFailure } from '../../common/api.ts';
import { ts, type StaffKey } from '../i18n.ts';

export function caseFailure(e: unknown, missing: StaffKey): StaffKey {
  if (e instanceof ApiFailure) return e.status === 404 ? missing : 'loadFailed';
  return 'caseFailed';
}

export function CaseStatus({ back, failed }: { back: ComponentChildren; failed: StaffKey | null }) {
  return (
    <section>
      {back}
      {failed ? (
        <p class="notice notice--error" role="alert">
          {ts(failed)}
        </p>
      ) : (
        <p role="status">{ts('loading')}</p>
      )}
    </section>
  );
}
