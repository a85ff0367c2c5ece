// Emergency numbers on every pupil screen, one tap away but slim: a strip "Call for help" with
// 112 beside it, which opens the four numbers, each a tap-to-call link. A disclosure (<details>)
// needs no script and tells screen readers whether it is open. The numbers take the screen only
// when the child asks, so the question below stays in view on a small phone.
import { Icon } from './Icon.tsx';
import { t, type MessageKey } from '../i18n.ts';

const NUMBERS: { number: string; tel: string; label: MessageKey }[] = [
  { number: '112', tel: '112', label: 'emergency112' },
  { number: '116 111', tel: '116111', label: 'emergency116111' },
  { number: '800 12 12 12', tel: '800121212', label: 'emergency800121212' },
  { number: '800 120 002', tel: '800120002', label: 'emergency800120002' },
];

export function EmergencyBar() {
  return (
    <aside class="emergency" aria-label={t('emergencyOpen')}>
      <div class="emergency__strip">
        <details class="emergency__more">
          <summary class="emergency__toggle">
            <Icon name="phone" />
            <span>{t('emergencyOpen')}</span>
            <span class="emergency__chevron">
              <Icon name="chevron" size={20} />
            </span>
          </summary>
          <div class="emergency__panel">
            <h2 class="emergency__title">{t('emergencyTitle')}</h2>
            <ul class="emergency__list">
              {NUMBERS.map((n) => (
                <li key={n.tel}>
                  <a class="emergency__link" href={`tel:${n.tel}`}>
                    <span class="emergency__number">{n.number}</span>
                    <span class="emergency__label">{t(n.label)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </details>
        <a class="emergency__direct" href="tel:112" aria-label={`112, ${t('emergency112')}`}>
          112
        </a>
      </div>
    </aside>
  );
}
