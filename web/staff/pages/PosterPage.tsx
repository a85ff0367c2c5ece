// A printable poster for a school: the QR code that opens the pupil app on a phone with the
// school's id and key fingerprint ([Note: poster link]), the short code to type, and the kiosk
// address for the school's tablets.
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import type { OrganisationDto } from '../../../shared/protocol/orgs.ts';
import { ts as t } from '../i18n.ts';
import { posterUrl } from '../../common/school-link.ts';

export function PosterPage(props: {
  org: OrganisationDto;
  fingerprint: string;
  onBack: () => void;
}) {
  const url = posterUrl(window.location.origin, {
    schoolId: props.org.id,
    fingerprint: props.fingerprint,
  });
  const kiosk = new URL(`/s/${props.org.code}`, window.location.origin).toString();
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(setSvg);
  }, [url]);
  return (
    <section class="poster">
      <div class="poster__actions">
        <button type="button" class="button--secondary" onClick={props.onBack}>
          {t('backToDirectory')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <h2 class="poster__title">{t('posterTitle')}</h2>
      <p class="poster__lead">{t('posterLead')}</p>
      <p>{t('posterScan')}</p>
      {svg && (
        <div
          class="poster__qr"
          role="img"
          aria-label={url}
          // The SVG is generated here from our own URL by the qrcode library, not from any input.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      )}
      <p class="poster__url">{url}</p>
      <dl class="poster__facts">
        <dt>{t('posterCode')}</dt>
        <dd class="poster__code">{props.org.code}</dd>
        <dt>{t('posterKiosk')}</dt>
        <dd>{kiosk}</dd>
        <dt>{t('posterFingerprint')}</dt>
        <dd class="fingerprint">{props.fingerprint}</dd>
      </dl>
      <p class="poster__org">{props.org.name}</p>
    </section>
  );
}
