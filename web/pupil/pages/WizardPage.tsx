// The report wizard: three taps (what, who, how urgent), own words, then send. A choice moves on
// by itself, so a 7-year-old needs no "next" button for the first steps; "back" is always there.
import { t, tf } from '../../common/i18n.ts';
import { categories } from '../categories.ts';
import { ChoiceGrid } from '../components/ChoiceGrid.tsx';
import { ReadAloud } from '../components/ReadAloud.tsx';
import { draft, screen, type Draft, type School } from '../state.ts';
import { ReviewStep } from './ReviewStep.tsx';
import { WordsStep } from './WordsStep.tsx';

const STEPS = 5;

function go(step: number) {
  screen.value = step < 0 ? { name: 'start' } : { name: 'wizard', step };
}

function choose<K extends keyof Draft>(key: K, value: Draft[K], step: number) {
  draft.value = { ...draft.value, [key]: value };
  go(step + 1);
}

export function WizardPage({ step, current }: { step: number; current: School }) {
  const d = draft.value;
  return (
    <section class="wizard">
      <div class="wizard__head">
        <div class="wizard__where">
          <p class="wizard__progress" aria-live="polite">
            {tf('stepOf', { n: step + 1, total: STEPS })}
          </p>
          <progress max={STEPS} value={step + 1} aria-hidden="true" />
        </div>
        <ReadAloud key={step} />
      </div>
      {step === 0 && (
        <ChoiceGrid
          legend={t('whatTitle')}
          choices={categories()}
          selected={d.category}
          onSelect={(v) => choose('category', v, step)}
        />
      )}
      {step === 1 && (
        <ChoiceGrid
          legend={t('whoTitle')}
          choices={[
            { value: 'me', icon: 'me', label: t('whoMe') },
            { value: 'someone_else', icon: 'friends', label: t('whoOther') },
          ]}
          selected={d.about}
          onSelect={(v) => choose('about', v, step)}
        />
      )}
      {step === 2 && (
        <>
          <ChoiceGrid
            legend={t('urgentTitle')}
            choices={[
              { value: 'yes', icon: 'alert', label: t('urgentYes') },
              { value: 'no', icon: 'clock', label: t('urgentNo') },
            ]}
            selected={d.urgent === null ? null : d.urgent ? 'yes' : 'no'}
            onSelect={(v) => choose('urgent', v === 'yes', step)}
          />
          <p class="hint">{t('urgentHint')}</p>
        </>
      )}
      {step === 3 && <WordsStep onNext={() => go(4)} />}
      {step === 4 && <ReviewStep current={current} />}
      <button type="button" class="button--secondary" onClick={() => go(step - 1)}>
        {t('back')}
      </button>
    </section>
  );
}
