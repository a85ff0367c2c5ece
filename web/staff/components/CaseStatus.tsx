// What a case page shows while it opens, or when it cannot open or verify the case.
import type { ComponentChildren } from 'preact';
import { ts } from '../i18n.ts';

export function CaseStatus({ back, failed }: { back: ComponentChildren; failed: boolean }) {
  return (
    <section>
      {back}
      {failed ? (
        <p class="notice notice--error" role="alert">
          {ts('caseFailed')}
        </p>
      ) : (
        <p role="status">{ts('loading')}</p>
      )}
    </section>
  );
}
