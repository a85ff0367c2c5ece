// The receipt: 16 digits in four groups, with advice to write it down. Shown only once the server
// has acknowledged the report [Note: waiting report]. On an own phone the pupil may choose to have
// it remembered, told first who else could then open the conversation; quick exit forgets it. On
// a school tablet that choice is never offered.
import { useState } from 'preact/hooks';
import { formatReceipt } from '../../../shared/crypto/receipt.ts';
import { t } from '../../common/i18n.ts';
import { waitText } from '../coarse-time.ts';
import { IS_KIOSK, savedReceipt } from '../mode.ts';
import { draft, photosLost, screen, session, type School } from '../state.ts';
import { EmergencyNumbers } from '../../common/components/EmergencyBar.tsx';

export function ReceiptPage({ current }: { current: School }) {
  const code = session.value?.receiptCode ?? null;
  const [saved, setSaved] = useState(false);
  if (!code) return null;
  const groups = formatReceipt(code).split('-');
  return (
    <section class="receipt">
      <h2>{t('receiptTitle')}</h2>
      {photosLost.value && (
        <p class="notice notice--error" role="alert">
          {t('photosNotSent')}
        </p>
      )}
      <p class="receipt__code" aria-label={groups.join(' ')}>
        {groups.map((g, i) => (
          <span key={i}>{g}</span>
        ))}
      </p>
      <p>{t('receiptWrite')}</p>
      <p>{t('receiptSecret')}</p>
      <p class="hint">{t('receiptNoReset')}</p>
      <p>{waitText(current.dto.waitTargetHours)}</p>
      {/* The child said help is needed now: an answer takes time, a phone call does not. */}
      {draft.value.urgent && (
        <div class="notice receipt__now">
          <p>{t('receiptUrgentNow')}</p>
          <EmergencyNumbers first={2} />
        </div>
      )}
      {!IS_KIOSK && !saved && (
        <div class="field">
          <p class="hint" id="receipt-save-hint">
            {t('receiptSaveHint')}
          </p>
          <button
            type="button"
            class="button--secondary"
            aria-describedby="receipt-save-hint"
            onClick={() => {
              savedReceipt.set(current.dto.id, code);
              setSaved(true);
            }}
          >
            {t('receiptSave')}
          </button>
        </div>
      )}
      {saved && (
        <p class="notice notice--ok" role="status">
          {t('receiptSaved')}
        </p>
      )}
      {session.value && (
        <button
          type="button"
          class="big"
          onClick={() => {
            if (session.value) session.value = { ...session.value, receiptCode: null };
            photosLost.value = false;
            screen.value = { name: 'thread' };
          }}
        >
          {t('receiptDone')}
        </button>
      )}
    </section>
  );
}
