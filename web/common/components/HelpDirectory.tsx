// The municipality's help directory (the CdR, partner organisations, helplines) in the current
// language, with tap-to-call numbers. Shown to pupils and to staff.
import { useEffect, useState } from 'preact/hooks';
import type { HelpEntryDto } from '../../../shared/protocol/escalations.ts';
import { getJson } from '../api.ts';
import { lang, t } from '../i18n.ts';

export function HelpDirectory() {
  const [entries, setEntries] = useState<HelpEntryDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(
    () => void getJson<HelpEntryDto[]>('/api/help').then(setEntries, () => setFailed(true)),
    [],
  );
  return (
    <section>
      <h2>{t('helpTitle')}</h2>
      {failed && (
        <p class="notice notice--error" role="alert">
          {t('somethingWrong')}
        </p>
      )}
      {entries === null && !failed && <p role="status">{t('loading')}</p>}
      <ul class="help">
        {entries?.map((e) => (
          <li key={e.id} class="help__entry">
            <h3>{e.name}</h3>
            <p>{e.offer[lang.value]}</p>
            {e.hours && <p class="hint">{e.hours}</p>}
            {e.address && <p class="hint">{e.address}</p>}
            {e.phone && (
              <a class="emergency__link help__phone" href={`tel:${e.phone.replace(/[^\d+]/g, '')}`}>
                <span class="emergency__number">{e.phone}</span>
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
