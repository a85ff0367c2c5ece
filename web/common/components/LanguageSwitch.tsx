// The language buttons. Compact (the pupil's top row, beside quick exit on a 320 px phone): the
// visible label is the language's own short name, the accessible name the whole one.
import { LANGS, lang, setLang, t, type Lang } from '../i18n.ts';

const SHORT: Record<Lang, string> = { pl: 'PL', uk: 'УКР', en: 'EN' };

export function LanguageSwitch(props: { compact?: boolean }) {
  return (
    <nav class={props.compact ? 'lang lang--compact' : 'lang'} aria-label={t('language')}>
      {LANGS.map((l) => (
        <button
          key={l.code}
          type="button"
          class="lang__button"
          lang={l.code}
          aria-pressed={lang.value === l.code}
          onClick={() => setLang(l.code)}
        >
          {props.compact ? (
            <>
              <span aria-hidden="true">{SHORT[l.code]}</span>
              <span class="sr-only">{l.label}</span>
            </>
          ) : (
            l.label
          )}
        </button>
      ))}
    </nav>
  );
}
