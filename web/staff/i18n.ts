// The staff app's words, in the same three languages as the pupil app (and following the same
// language choice), kept apart so pupils never download them.
import { lang } from '../common/i18n.ts';
import { en } from './i18n/en.ts';
import { pl, type StaffMessages } from './i18n/pl.ts';
import { uk } from './i18n/uk.ts';

const dictionaries = { pl, uk, en };

export type StaffKey = keyof StaffMessages;

export function ts(key: StaffKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[lang.value][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(vars[name] ?? ''),
  );
}
