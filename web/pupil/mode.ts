// Two ways in: a school tablet opens the kiosk URL /s/<code> (shared device: never remember
// anything), a pupil's own phone opens the QR code's URL / (may remember the receipt on request).
import { readSchoolLink } from '../common/school-link.ts';

/** The school code of a kiosk URL (/s/SP3), if this is one. */
export function kioskCode(pathname: string): string | undefined {
  const match = /^\/s\/([A-Za-z0-9]{2,12})\/?$/.exec(pathname);
  return match?.[1]?.toUpperCase();
}

export const KIOSK_CODE = kioskCode(window.location.pathname);
/** The school of a poster's QR code (own phone), if the app was opened from one. */
export const SCHOOL_LINK = KIOSK_CODE ? undefined : readSchoolLink(window.location.search);
export const IS_KIOSK = KIOSK_CODE !== undefined;

const receiptKey = (orgId: string) => `bezpieczny-glos.receipt.${orgId}`;

/** Only on an own phone, and only when the pupil chose it. */
export const savedReceipt = {
  get(orgId: string): string | null {
    if (IS_KIOSK) return null;
    try {
      return localStorage.getItem(receiptKey(orgId));
    } catch {
      return null;
    }
  },
  set(orgId: string, code: string): void {
    if (!IS_KIOSK) localStorage.setItem(receiptKey(orgId), code);
  },
  forget(orgId: string): void {
    try {
      localStorage.removeItem(receiptKey(orgId));
    } catch {
      // nothing stored
    }
  },
};
