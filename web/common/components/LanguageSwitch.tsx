import { LANGS, lang, setLang, t } from '../i18n.ts';

export function LanguageSwitch() {
  return (
    <nav class="lang" aria-label={t('language')}>
      {LANGS.map((l) => (
        <button
          key={l.code}
          type="button"
          class="lang__button"
          lang={l.code}
          aria-pressed={lang.value === l.code}
          onClick={() => setLang(l.code)}
        >
          {l.label}
        </button>
      ))}
    </nav>
  );
}
