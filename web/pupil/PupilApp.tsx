// The pupil app's frame: quick exit, language and emergency numbers on every screen; the screen
// itself follows the in-memory state (the URL never changes, so history keeps nothing).
import { useEffect } from 'preact/hooks';
import { EmergencyBar } from '../common/components/EmergencyBar.tsx';
import { HelpDirectory } from '../common/components/HelpDirectory.tsx';
import { LanguageSwitch } from '../common/components/LanguageSwitch.tsx';
import { QuickExit } from '../common/components/QuickExit.tsx';
import { t } from '../common/i18n.ts';
import { watchIdle } from './idle.ts';
import { watchBack } from './back-guard.ts';
import { watchWaiting } from './actions/send-report.ts';
import { KIOSK_CODE, SCHOOL_LINK } from './mode.ts';
import { ComeBackPage } from './pages/ComeBackPage.tsx';
import { ReceiptPage } from './pages/ReceiptPage.tsx';
import { SchoolPage } from './pages/SchoolPage.tsx';
import { SendingPage } from './pages/SendingPage.tsx';
import { StartPage } from './pages/StartPage.tsx';
import { ThreadPage } from './pages/ThreadPage.tsx';
import { WaitingPage } from './pages/WaitingPage.tsx';
import { WizardPage } from './pages/WizardPage.tsx';
import { updateRefused } from './service-worker.ts';
import { school, screen } from './state.ts';
import { wipeForExit } from './wipe.ts';

function Screen() {
  const s = screen.value;
  // A waiting report is shown before anything else, even before the school is found again.
  if (s.name === 'waiting') return <WaitingPage error={s.error} />;
  const current = school.value;
  if (!current) return <SchoolPage initialCode={KIOSK_CODE} link={SCHOOL_LINK} />;
  switch (s.name) {
    case 'start':
      return <StartPage current={current} />;
    case 'wizard':
      return <WizardPage step={s.step} current={current} />;
    case 'sending':
      return <SendingPage step={s.step} error={s.error} current={current} />;
    case 'receipt':
      return <ReceiptPage current={current} />;
    case 'come-back':
      return <ComeBackPage current={current} />;
    case 'thread':
      return <ThreadPage current={current} />;
    case 'help':
      return (
        <>
          <HelpDirectory />
          <button
            type="button"
            class="button--secondary"
            onClick={() => (screen.value = { name: 'start' })}
          >
            {t('back')}
          </button>
        </>
      );
  }
}

export function PupilApp() {
  useEffect(() => {
    const stops = [watchIdle(), watchWaiting(), watchBack()];
    return () => stops.forEach((stop) => stop());
  }, []);
  return (
    <>
      <header class="topbar">
        <QuickExit onExit={wipeForExit} />
        <h1 class="topbar__title">{t('appName')}</h1>
        <LanguageSwitch />
      </header>
      <EmergencyBar />
      <main>
        {updateRefused.value && (
          <p class="notice notice--error" role="alert">
            {t('updateRefused')}
          </p>
        )}
        <Screen />
      </main>
    </>
  );
}
