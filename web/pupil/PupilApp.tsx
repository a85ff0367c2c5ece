// The pupil app's frame: quick exit, language and emergency numbers on every screen.
import { EmergencyBar } from '../common/components/EmergencyBar.tsx';
import { LanguageSwitch } from '../common/components/LanguageSwitch.tsx';
import { QuickExit } from '../common/components/QuickExit.tsx';
import { t } from '../common/i18n.ts';
import { SchoolPage } from './pages/SchoolPage.tsx';

/** The school code of a kiosk URL (/s/SP3), if this is one. */
export function kioskCode(pathname: string): string | undefined {
  const match = /^\/s\/([A-Za-z0-9]{2,12})\/?$/.exec(pathname);
  return match?.[1]?.toUpperCase();
}

export function PupilApp() {
  return (
    <>
      <header class="topbar">
        <h1 class="topbar__title">{t('appName')}</h1>
        <LanguageSwitch />
        <QuickExit />
      </header>
      <EmergencyBar />
      <main>
        <SchoolPage initialCode={kioskCode(window.location.pathname)} />
      </main>
    </>
  );
}
