// Own words, with gentle prompts; grade, a wish to meet, a name and photos are all optional.
import { useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { TextLimit, tooLong } from '../../common/components/TextLimit.tsx';
import { NAME_MAX } from '../../../shared/protocol/content-limits.ts';
import { draft, type Draft } from '../state.ts';

const GRADES = ['1', '2', '3', '4', '5', '6', '7', '8'];

export function WordsStep({ onNext }: { onNext: () => void }) {
  const d = draft.value;
  const [missing, setMissing] = useState(false);
  const set = (patch: Partial<Draft>) => (draft.value = { ...draft.value, ...patch });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!d.text.trim() && d.photos.length === 0) return setMissing(true);
        if (tooLong(d.text)) return document.getElementById('report-text')?.focus();
        if (tooLong(d.name, NAME_MAX)) return document.getElementById('report-name')?.focus();
        onNext();
      }}
    >
      <h2>{t('textTitle')}</h2>
      <div class="field">
        <label for="report-text">{t('textLabel')}</label>
        <p id="report-text-hint" class="hint">
          {t('textPrompts')}
        </p>
        <textarea
          id="report-text"
          rows={6}
          value={d.text}
          aria-describedby="report-text-hint report-text-count"
          aria-invalid={missing || tooLong(d.text)}
          onInput={(e) => {
            // The "write a few words" error goes as soon as there are words.
            if (e.currentTarget.value.trim()) setMissing(false);
            set({ text: e.currentTarget.value });
          }}
        />
        <TextLimit id="report-text-count" text={d.text} />
      </div>
      {missing && (
        <p class="notice notice--error" role="alert">
          {t('textRequired')}
        </p>
      )}
      <div class="field">
        <label for="report-grade">{t('gradeLabel')}</label>
        <select
          id="report-grade"
          value={d.grade}
          onChange={(e) => set({ grade: e.currentTarget.value })}
        >
          <option value="">{t('gradeNone')}</option>
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div class="field field--check">
        <input
          id="report-meet"
          type="checkbox"
          checked={d.wantsMeeting}
          onChange={(e) => set({ wantsMeeting: e.currentTarget.checked })}
        />
        <label for="report-meet">{t('meetLabel')}</label>
      </div>
      <div class="field">
        <label for="report-name">{t('nameLabel')}</label>
        <p id="report-name-hint" class="hint">
          {t('nameHint')}
        </p>
        <input
          id="report-name"
          autoComplete="off"
          value={d.name}
          aria-describedby={
            tooLong(d.name, NAME_MAX) ? 'report-name-hint report-name-count' : 'report-name-hint'
          }
          aria-invalid={tooLong(d.name, NAME_MAX)}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
        <TextLimit id="report-name-count" text={d.name} max={NAME_MAX} quiet />
      </div>
      <PhotoPicker
        id="report-photos"
        photos={d.photos}
        onChange={(photos) => {
          if (photos.length > 0) setMissing(false);
          set({ photos });
        }}
      />
      <button type="submit" class="big">
        {t('next')}
      </button>
    </form>
  );
}
