import { render } from 'preact';
import '../common/styles.css';
import './pupil.css';
import { setLang, lang } from '../common/i18n.ts';
import { setQuickExitUrl } from '../common/components/QuickExit.tsx';
import { IS_KIOSK, KIOSK_CODE } from './mode.ts';
import { pupilApi } from './pupil-api.ts';
import { PupilApp } from './PupilApp.tsx';
import { registerServiceWorker } from './service-worker.ts';

setLang(lang.value);
// Where quick exit goes, for this deployment and this kiosk; until it answers (or offline), the
// app's own blank page [Note: quick exit destination].
void pupilApi.config(KIOSK_CODE).then(
  (config) => setQuickExitUrl(config.quickExitUrl),
  () => undefined,
);
const root = document.getElementById('app');
if (root) render(<PupilApp />, root);

// [Note: offline shell] Only on an own device: a kiosk tablet must keep nothing.
if (!IS_KIOSK && 'serviceWorker' in navigator && import.meta.env.PROD) {
  registerServiceWorker();
}
