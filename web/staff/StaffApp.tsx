import { LanguageSwitch } from '../common/components/LanguageSwitch.tsx';
import { t } from '../common/i18n.ts';
import { KeyDirectoryPage } from './pages/KeyDirectoryPage.tsx';

export function StaffApp() {
  return (
    <>
      <header class="topbar">
        <h1 class="topbar__title">
          {t('appName')}: {t('staffTitle')}
        </h1>
        <LanguageSwitch />
      </header>
      <main>
        <KeyDirectoryPage />
      </main>
    </>
  );
}
