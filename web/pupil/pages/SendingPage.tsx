// Progress while keys are derived, the report is locked and sent, and photos go up.
import { Icon } from '../../common/components/Icon.tsx';
import { t, type MessageKey } from '../../common/i18n.ts';
import { sendReport } from '../actions/send-report.ts';
import { WorkProgress } from '../components/WorkProgress.tsx';
import type { School, SendStep } from '../state.ts';

const STEPS: { step: SendStep; label: MessageKey }[] = [
  { step: 'keys', label: 'progKeys' },
  { step: 'lock', label: 'progLock' },
  { step: 'send', label: 'progSend' },
  { step: 'photos', label: 'progPhotos' },
];

export function SendingPage(props: { step: SendStep; error: MessageKey | null; current: School }) {
  const index = STEPS.findIndex((s) => s.step === props.step);
  if (props.error) {
    return (
      <section>
        <p class="notice notice--error" role="alert">
          {t(props.error)}
        </p>
        <button type="button" class="big" onClick={() => void sendReport(props.current)}>
          {t('retry')}
        </button>
      </section>
    );
  }
  return (
    <section aria-busy="true">
      <h2>{t('sendingTitle')}</h2>
      {/* The status region wraps the list: a list given a role would no longer be a list. */}
      <div role="status">
        <ol class="steps">
          {STEPS.map((s, i) => (
            <li key={s.step} class={i < index ? 'steps__done' : i === index ? 'steps__now' : ''}>
              <Icon name={i < index ? 'check' : i === index ? 'wait' : 'dot'} />
              {t(s.label)}
            </li>
          ))}
        </ol>
      </div>
      <WorkProgress />
    </section>
  );
}
