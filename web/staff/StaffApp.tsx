import { useState } from 'preact/hooks';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { LanguageSwitch } from '../common/components/LanguageSwitch.tsx';
import { t } from '../common/i18n.ts';
import { KeyDirectoryPage } from './pages/KeyDirectoryPage.tsx';
import { PosterPage } from './pages/PosterPage.tsx';

export function StaffApp() {
  const [poster, setPoster] = useState<{ org: OrganisationDto; fingerprint: string } | null>(null);
  return (
    <>
      <header class="topbar">
        <h1 class="topbar__title">
          {t('appName')}: {t('staffTitle')}
        </h1>
        <LanguageSwitch />
      </header>
      <main>
        {poster ? (
          <PosterPage {...poster} onBack={() => setPoster(null)} />
        ) : (
          <KeyDirectoryPage onPoster={(org, fingerprint) => setPoster({ org, fingerprint })} />
        )}
      </main>
    </>
  );
}
