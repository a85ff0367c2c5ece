// "Ready to send?": a short summary of what will go (what, who, now or later, class, a wish to
// meet, name, photos), so the child knows before sending. The child's own words are not repeated
// here; they are one tap back.
import { Icon } from '../../common/components/Icon.tsx';
import { t } from '../../common/i18n.ts';
import { sendReport } from '../actions/send-report.ts';
import { draft, type School } from '../state.ts';
import { categories } from '../categories.ts';
import { ReadAloud } from '../components/ReadAloud.tsx';

export function ReviewStep({ current }: { current: School }) {
  const d = draft.value;
  const category = categories().find((c) => c.value === d.category)?.label ?? t('notGiven');
  const rows: [string, string, boolean?][] = [
    [t('summaryWhat'), category],
    [t('summaryWho'), d.about === 'someone_else' ? t('whoOther') : t('whoMe')],
    [t('summaryUrgent'), d.urgent ? t('yes') : t('no')],
    [t('summaryGrade'), d.grade || t('notGiven')],
    [t('summaryMeet'), d.wantsMeeting ? t('yes') : t('no')],
    // What the child typed is marked: "read it to me" never speaks it [Note: read aloud].
    [t('summaryName'), d.name.trim() || t('notGiven'), d.name.trim() !== ''],
    [
      t('summaryPhotos'),
      // The number alone: "Zdjęcia: 1" (the label already says what is counted).
      d.photos.length === 0 ? t('notGiven') : String(d.photos.length),
    ],
  ];
  return (
    <div class="review">
      <h2>{t('reviewTitle')}</h2>
      <h3 class="review__title">{t('summaryTitle')}</h3>
      <dl class="summary">
        {rows.map(([term, value, typed]) => (
          <div key={term} class="summary__row">
            <dt>{term}</dt>
            <dd {...(typed ? { 'data-typed': '' } : {})}>{value}</dd>
          </div>
        ))}
      </dl>
      {/* The one place the child's own words may be spoken: only when the child asks. */}
      {d.text.trim() && <ReadAloud mine={d.text} />}
      <p>{t('reviewHint')}</p>
      <button type="button" class="big" onClick={() => void sendReport(current)}>
        <Icon name="send" /> {t('send')}
      </button>
    </div>
  );
}
