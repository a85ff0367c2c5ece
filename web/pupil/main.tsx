import { render } from 'preact';
import '../common/styles.css';
import { setLang, lang } from '../common/i18n.ts';
import { PupilApp } from './PupilApp.tsx';

setLang(lang.value);
const root = document.getElementById('app');
if (root) render(<PupilApp />, root);
