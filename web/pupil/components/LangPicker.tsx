// The pupil's language buttons, short enough to share one row with quick exit on a 320 px phone:
// the visible label is the language's own short name, the accessible name the whole one.
import { LANGS, lang, setLang, t, type Lang } from '../../common/i18n.ts';

const SHORT: Record<Lang, string> = { pl: 'PL', uk: 'УКР', en: 'EN' };

export function LangPicker() {
  return (
    <nav class="lang lang--compact" aria-label={t('language')}>
      {LANGS.map((l) => (
        <button
          key={l.code}
          type="button"
          class="lang__button"
          lang={l.code}
          aria-pressed={lang.value === l.code}
          onClick={() => setLang(l.code)}
        >
          <span aria-hidden="true">{SHORT[l.code]}</span>
          <span class="sr-only">{l.label}</span>
        </button>
      ))}
    </nav>
  );
}
