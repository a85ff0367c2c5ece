// "Read it to me" on every pupil screen [Note: read aloud]: reads the screen's question and
// choices with an on-device voice; a second tap stops. Not shown where the device has no local
// voice for the app's language.
import { useEffect } from 'preact/hooks';
import { Icon } from '../../common/components/Icon.tsx';
import { lang, t } from '../../common/i18n.ts';
import { screenText, speak, speaking, stopReading, voiceFor } from '../read-aloud.ts';

export function ReadAloud(props: { mine?: string }) {
  // Stop when the screen changes (this button leaves with it).
  useEffect(() => stopReading, []);
  if (!voiceFor(lang.value)) return null;
  const read = (e: MouseEvent) => {
    if (speaking.value) return stopReading();
    if (props.mine !== undefined) return speak([props.mine]);
    const root = (e.currentTarget as HTMLElement).closest('main');
    if (root) speak(screenText(root));
  };
  return (
    <button type="button" class="button--secondary read-aloud" data-no-read onClick={read}>
      <Icon name="speaker" />
      {speaking.value ? t('readStop') : t(props.mine !== undefined ? 'readMine' : 'readToMe')}
    </button>
  );
}
