import { render } from 'preact';
import '../common/styles.css';
import { setLang, lang } from '../common/i18n.ts';
import { IS_KIOSK } from './mode.ts';
import { PupilApp } from './PupilApp.tsx';
import { registerServiceWorker } from './service-worker.ts';

setLang(lang.value);
const root = document.getElementById('app');
if (root) render(<PupilApp />, root);

// [Note: offline shell] Only on an own device: a kiosk tablet must keep nothing.
if (!IS_KIOSK && 'serviceWorker' in navigator && import.meta.env.PROD) {
  registerServiceWorker();
}
