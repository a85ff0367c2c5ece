// Emergency numbers on every pupil screen, one tap away but slim: a strip "Call for help" with
// 112 beside it, which opens the four numbers below it, each a tap-to-call link. The numbers take
// the screen only when the child asks, so the question below stays in view on a small phone.
import { useState } from 'preact/hooks';
import { Icon } from './Icon.tsx';
import { t, type MessageKey } from '../i18n.ts';

const NUMBERS: { number: string; tel: string; label: MessageKey }[] = [
  { number: '112', tel: '112', label: 'emergency112' },
  { number: '116 111', tel: '116111', label: 'emergency116111' },
  { number: '800 12 12 12', tel: '800121212', label: 'emergency800121212' },
  { number: '800 120 002', tel: '800120002', label: 'emergency800120002' },
];

export function EmergencyBar() {
  const [open, setOpen] = useState(false);
  return (
    <aside class="emergency" aria-label={t('emergencyOpen')}>
      <div class="emergency__strip">
        <button
          type="button"
          class="emergency__toggle"
          aria-expanded={open}
          aria-controls="emergency-panel"
          onClick={() => setOpen(!open)}
        >
          <Icon name="phone" />
          <span>{t('emergencyOpen')}</span>
          <span class={open ? 'emergency__chevron emergency__chevron--open' : 'emergency__chevron'}>
            <Icon name="chevron" size={20} />
          </span>
        </button>
        <a class="emergency__direct" href="tel:112" aria-label={`112, ${t('emergency112')}`}>
          112
        </a>
      </div>
      <div id="emergency-panel" class="emergency__panel" hidden={!open}>
        <h2 class="emergency__title">{t('emergencyTitle')}</h2>
        <EmergencyNumbers />
      </div>
    </aside>
  );
}

/** The numbers as tap-to-call links; `first` of them only, where fewer are wanted. */
export function EmergencyNumbers({ first }: { first?: number }) {
  return (
    <ul class="emergency__list">
      {NUMBERS.slice(0, first).map((n) => (
        <li key={n.tel}>
          <a class="emergency__link" href={`tel:${n.tel}`}>
            <span class="emergency__number">{n.number}</span>
            <span class="emergency__label">{t(n.label)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
