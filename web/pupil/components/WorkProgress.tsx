// While a busy school asks for more proof of work [Note: admission]: a short sentence and a bar
// that moves, so the pupil waits instead of thinking it broke. Nothing at the normal difficulty.
import { t } from '../../common/i18n.ts';
import { work } from '../state.ts';

export function WorkProgress() {
  const w = work.value;
  if (!w || w.level === 0) return null;
  return (
    <div class="work" role="status">
      <p>{t('workBusy')}</p>
      <progress max={100} value={Math.round(w.done * 100)} aria-label={t('workProgress')} />
    </div>
  );
}
