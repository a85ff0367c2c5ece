// Polish by default, Ukrainian and English complete: the dictionaries are typed against the Polish
// one, so a missing translation is a compile error. Pupil strings are short sentences a 7-year-old
// can follow. The choice lives in memory only: nothing is stored on a shared tablet.
import { signal } from '@preact/signals';
import { en } from './i18n/en.ts';
import { pl, type Messages } from './i18n/pl.ts';
import { uk } from './i18n/uk.ts';

export type Lang = 'pl' | 'uk' | 'en';
export const LANGS: { code: Lang; label: string }[] = [
  { code: 'pl', label: 'Polski' },
  { code: 'uk', label: 'Українська' },
  { code: 'en', label: 'English' },
];

const dictionaries: Record<Lang, Messages> = { pl, uk, en };

/** Polish unless the device speaks Ukrainian: English only when chosen (many phones in Poland
 * run in English, and a Polish child should not meet an English screen). */
function initialLang(): Lang {
  const wanted = typeof navigator === 'undefined' ? 'pl' : navigator.language.slice(0, 2);
  return wanted === 'uk' ? 'uk' : 'pl';
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = next;
}

export type MessageKey = keyof Messages;

export function t(key: MessageKey): string {
  return dictionaries[lang.value][key];
}

/** A message with {name} placeholders filled in. */
export function tf(key: MessageKey, vars: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}
