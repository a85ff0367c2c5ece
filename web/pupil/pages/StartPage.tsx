import { Icon } from '../../common/components/Icon.tsx';
import { t } from '../../common/i18n.ts';
import { IS_KIOSK, savedSchool } from '../mode.ts';
import { reopenSchool, school, screen, type School } from '../state.ts';

export function StartPage({ current }: { current: School }) {
  return (
    <section class="start">
      <p class="notice notice--ok" role="status">
        {t('schoolVerified')}: <strong>{current.dto.name}</strong>
      </p>
      <p>{t('welcome')}</p>
      <div class="big-actions">
        <button
          type="button"
          class="big"
          onClick={() => (screen.value = { name: 'wizard', step: 0 })}
        >
          <Icon name="letter" /> {t('startNew')}
        </button>
        <button
          type="button"
          class="big button--secondary"
          onClick={() => (screen.value = { name: 'come-back' })}
        >
          <Icon name="key" /> {t('startBack')}
        </button>
      </div>
      <button
        type="button"
        class="button--secondary"
        onClick={() => (screen.value = { name: 'help' })}
      >
        {t('helpButton')}
      </button>
      {!IS_KIOSK && (
        <div class="start__school">
          <button
            type="button"
            class="button--link"
            onClick={() => {
              reopenSchool.value = false;
              school.value = null;
            }}
          >
            {t('changeSchool')}
          </button>
          <button
            type="button"
            class="button--link"
            onClick={() => {
              savedSchool.forget();
              school.value = null;
            }}
          >
            {t('forgetSchool')}
          </button>
        </div>
      )}
    </section>
  );
}
