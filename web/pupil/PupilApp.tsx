// The pupil app's frame: quick exit, language and emergency numbers on every screen; the screen
// itself follows the in-memory state (the URL never changes, so history keeps nothing).
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { EmergencyBar } from '../common/components/EmergencyBar.tsx';
import { HelpDirectory } from '../common/components/HelpDirectory.tsx';
import { QuickExit } from '../common/components/QuickExit.tsx';
import { t } from '../common/i18n.ts';
import { watchIdle } from './idle.ts';
import { watchBack } from './back-guard.ts';
import { watchWaiting } from './actions/send-report.ts';
import { LanguageSwitch } from '../common/components/LanguageSwitch.tsx';
import { ReadAloud } from './components/ReadAloud.tsx';
import { watchVoices } from './read-aloud.ts';
import { KIOSK_CODE, SCHOOL_LINK } from './mode.ts';
import { ComeBackPage } from './pages/ComeBackPage.tsx';
import { ReceiptPage } from './pages/ReceiptPage.tsx';
import { SchoolPage } from './pages/SchoolPage.tsx';
import { SendingPage } from './pages/SendingPage.tsx';
import { StartPage } from './pages/StartPage.tsx';
import type { ThreadPage as ThreadPageType } from './pages/ThreadPage.tsx';
import { WaitingPage } from './pages/WaitingPage.tsx';
import { WizardPage } from './pages/WizardPage.tsx';
import { updateRefused } from './service-worker.ts';
import { school, screen } from './state.ts';
import { wipeForExit } from './wipe.ts';

// The thread (reading and answering) is not needed on the first screen: its code comes in its own
// chunk, fetched once the app has started, so the first screen stays small.
const threadModule = signal<{ ThreadPage: typeof ThreadPageType } | null>(null);
let threadLoading: Promise<void> | undefined;
function loadThreadPage(): void {
  threadLoading ??= import('./pages/ThreadPage.tsx').then(
    (m) => void (threadModule.value = m),
    () => void (threadLoading = undefined), // offline: tried again when the thread is opened
  );
}

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
    case 'thread': {
      const loaded = threadModule.value;
      if (!loaded) {
        loadThreadPage();
        return <p role="status">{t('loading')}</p>;
      }
      return <loaded.ThreadPage current={current} />;
    }
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
    const stops = [watchIdle(), watchWaiting(), watchBack(), watchVoices()];
    const early = setTimeout(loadThreadPage, 1000);
    stops.push(() => clearTimeout(early));
    return () => stops.forEach((stop) => stop());
  }, []);
  return (
    <>
      <header class="topbar">
        <QuickExit onExit={wipeForExit} />
        <h1 class="topbar__title">{t('appName')}</h1>
        <LanguageSwitch compact />
      </header>
      <EmergencyBar />
      <main>
        {updateRefused.value && (
          <p class="notice notice--error" role="alert">
            {t('updateRefused')}
          </p>
        )}
        {/* The wizard has it in its first row, beside the step. */}
        {screen.value.name !== 'wizard' && (
          <div class="read-row" key={screen.value.name}>
            <ReadAloud />
          </div>
        )}
        <Screen />
      </main>
    </>
  );
}
