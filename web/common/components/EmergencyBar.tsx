// Emergency numbers on every pupil screen; on a phone each one is a tap-to-call link.
import { t, type MessageKey } from '../i18n.ts';

const NUMBERS: { number: string; tel: string; label: MessageKey }[] = [
  { number: '112', tel: '112', label: 'emergency112' },
  { number: '116 111', tel: '116111', label: 'emergency116111' },
  { number: '800 12 12 12', tel: '800121212', label: 'emergency800121212' },
  { number: '800 120 002', tel: '800120002', label: 'emergency800120002' },
];

export function EmergencyBar() {
  return (
    <aside class="emergency" aria-labelledby="emergency-title">
      <h2 id="emergency-title" class="emergency__title">
        {t('emergencyTitle')}
      </h2>
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
    </aside>
  );
}
