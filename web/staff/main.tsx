import { render } from 'preact';
import { effect } from '@preact/signals';
import '../common/styles.css';
import './staff.css';
import { LANGS, setLang, lang, type Lang } from '../common/i18n.ts';
import { StaffApp } from './StaffApp.tsx';

// A staff member's language stays over a reload and the next visit: the staff app runs on the
// member's own work computer, and the choice says nothing of any pupil. (The pupil app keeps it in
// memory only: a shared tablet must remember nothing.)
const STAFF_LANG = 'bg-staff-lang';
function remembered(): Lang | null {
  try {
    const value = localStorage.getItem(STAFF_LANG);
    return LANGS.find((l) => l.code === value)?.code ?? null;
  } catch {
    return null;
  }
}
setLang(remembered() ?? lang.value);
// Its first run sees the language before a remembered one has loaded: only changes are written.
let started = false;
effect(() => {
  const chosen = lang.value;
  if (!started) return void (started = true);
  try {
    localStorage.setItem(STAFF_LANG, chosen);
  } catch {
    // Storage refused (a locked-down browser): the choice lasts for this page only.
  }
});
const root = document.getElementById('app');
if (root) render(<StaffApp />, root);
