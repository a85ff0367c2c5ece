// The organisation key directory as this browser sees it: every certificate checked against the
// pinned root key (and not older than one this page has shown [Note: certificate rollback]), with
// fingerprints to compare against posters and printed key sheets.
import { useEffect, useState } from 'preact/hooks';
import type { OrganisationDto, OrganisationListDto } from '../../../shared/protocol/orgs.ts';
import { getJson } from '../../common/api.ts';
import { sawVersion, seenVersion } from '../../common/seen-versions.ts';
import { ts as t } from '../i18n.ts';
import { crypto } from '../crypto.ts';
import { ReleaseInfo } from '../components/ReleaseInfo.tsx';

interface Row {
  org: OrganisationDto;
  fingerprint: string | null;
  version: number | null;
}

async function loadDirectory(): Promise<{ root: string; rows: Row[] }> {
  const { organisations } = await getJson<OrganisationListDto>('/api/orgs');
  const rows = await Promise.all(
    organisations.map(async (org): Promise<Row> => {
      try {
        const v = await crypto('verifyOrg', org, seenVersion(org.id));
        sawVersion(org.id, v.version);
        return { org, fingerprint: v.fingerprint, version: v.version };
      } catch {
        return { org, fingerprint: null, version: null };
      }
    }),
  );
  return { root: await crypto('rootFingerprint'), rows };
}

export function KeyDirectoryPage(props: {
  onPoster: (org: OrganisationDto, fingerprint: string) => void;
}) {
  const [data, setData] = useState<{ root: string; rows: Row[] } | 'error' | null>(null);
  useEffect(() => {
    loadDirectory().then(setData, () => setData('error'));
  }, []);

  return (
    <section>
      <h2>{t('keyDirectory')}</h2>
      <p class="hint">{t('keyDirectoryHint')}</p>
      {data === null && <p role="status">{t('loading')}</p>}
      {data === 'error' && (
        <p class="notice notice--error" role="alert">
          {t('somethingWrong')}
        </p>
      )}
      {data !== null && data !== 'error' && (
        <>
          <p>
            {t('rootFingerprint')}: <span class="fingerprint">{data.root}</span>
          </p>
          <ReleaseInfo hint />
          <ul class="directory">
            {data.rows.map((row) => (
              <li key={row.org.id}>
                <strong>{row.org.name}</strong> (
                {row.org.kind === 'school' ? t('orgKindSchool') : t('orgKindCdr')}, {row.org.code})
                <br />
                {row.fingerprint ? (
                  <>
                    {t('certOk')}, {t('certVersion')} {row.version}:{' '}
                    <span class="fingerprint">{row.fingerprint}</span>
                    {row.org.kind === 'school' && (
                      <>
                        <br />
                        <button
                          type="button"
                          class="button--secondary"
                          onClick={() => props.onPoster(row.org, row.fingerprint ?? '')}
                        >
                          {t('poster')}: {row.org.code}
                        </button>
                      </>
                    )}
                  </>
                ) : (
                  <strong class="notice--error">{t('certBad')}</strong>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
