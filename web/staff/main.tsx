import { render } from 'preact';
import '../common/styles.css';
import './staff.css';
import { setLang, lang } from '../common/i18n.ts';
import { StaffApp } from './StaffApp.tsx';

setLang(lang.value);
const root = document.getElementById('app');
if (root) render(<StaffApp />, root);
