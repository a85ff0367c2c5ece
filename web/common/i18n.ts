// Polish by default, Ukrainian and English complete: the dictionaries are typed against the Polish
// one, so a missing translation is a compile error. Pupil strings are short sentences a 7-year-old
// can follow. The choice lives in memory only: nothing is stored on a shared tablet.
import { signal } from '@preact/signals';
import { pl, type Messages } from './i18n/pl.ts';

export type Lang = 'pl' | 'uk' | 'en';
export const LANGS: { code: Lang; label: string }[] = [
  { code: 'pl', label: 'Polski' },
  { code: 'uk', label: 'Українська' },
  { code: 'en', label: 'English' },
];

// Polish is in the first screen's script; Ukrainian and English are loaded when wanted (a few kB
// each that most visits never use), and precached on an own phone like every other chunk.
const dictionaries: Partial<Record<Lang, Messages>> = { pl };
const loaders: Record<Exclude<Lang, 'pl'>, () => Promise<Messages>> = {
  uk: () => import('./i18n/uk.ts').then((m) => m.uk),
  en: () => import('./i18n/en.ts').then((m) => m.en),
};

/** Polish unless the device speaks Ukrainian: English only when chosen (many phones in Poland
 * run in English, and a Polish child should not meet an English screen). */
export function initialLang(): Lang {
  const wanted = typeof navigator === 'undefined' ? 'pl' : navigator.language.slice(0, 2);
  return wanted === 'uk' ? 'uk' : 'pl';
}

export const lang = signal<Lang>('pl');

let wanted: Lang = 'pl';

/** Switches once the language's words are here; the last choice wins. Offline and not loaded yet,
 * the language stays as it was. */
export function setLang(next: Lang): void {
  // The entries' start-up call (the language already shown) keeps a language being loaded.
  if (next === lang.value && wanted !== next) return;
  wanted = next;
  const apply = () => {
    if (wanted !== next) return;
    lang.value = next;
    document.documentElement.lang = next;
  };
  if (next === 'pl' || dictionaries[next]) return apply();
  loaders[next]().then(
    (words) => {
      dictionaries[next] = words;
      apply();
    },
    () => undefined,
  );
}

if (initialLang() !== 'pl') setLang(initialLang());

export type MessageKey = keyof Messages;

export function t(key: MessageKey): string {
  return (dictionaries[lang.value] ?? pl)[key];
}

/** A message with {name} placeholders filled in. */
export function tf(key: MessageKey, vars: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}
