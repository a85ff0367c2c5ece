// Two ways in: a school tablet opens the kiosk URL /s/<code> (shared device: never remember
// anything), a pupil's own phone opens the QR code's URL / (may remember the receipt on request).
import { normaliseOrgCode } from '../../shared/protocol/org-code.ts';
import { readSchoolLink } from '../common/school-link.ts';

/** The school code of a kiosk URL (/s/SP3, /s/sp-3), if this is one. Any /s/ address is a kiosk
 * (nothing is remembered); a code that is no code gets a clear message on the school screen. */
export function kioskCode(pathname: string): string | undefined {
  const match = /^\/s\/([^/]{1,60})\/?$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return normaliseOrgCode(decodeURIComponent(match[1])) || match[1];
  } catch {
    return match[1];
  }
}

export const KIOSK_CODE = kioskCode(window.location.pathname);
/** The school of a poster's QR code (own phone), if the app was opened from one. */
export const SCHOOL_LINK = KIOSK_CODE ? undefined : readSchoolLink(window.location.search);
export const IS_KIOSK = KIOSK_CODE !== undefined;

const RECEIPT_PREFIX = 'bezpieczny-glos.receipt.';
const receiptKey = (orgId: string) => `${RECEIPT_PREFIX}${orgId}`;

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
  /** Quick exit: no remembered code may be left to open a conversation. */
  forgetAll(): void {
    try {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith(RECEIPT_PREFIX)) localStorage.removeItem(key);
      }
    } catch {
      // nothing stored
    }
  },
};

const SCHOOL_KEY = 'bezpieczny-glos.school';

/** The school's code, remembered on an own phone so a reload opens it again; never on a kiosk
 * (the URL names the school there). Forgotten by "forget my school" and by quick exit. */
export const savedSchool = {
  get(): string | null {
    if (IS_KIOSK) return null;
    try {
      return localStorage.getItem(SCHOOL_KEY);
    } catch {
      return null;
    }
  },
  set(code: string): void {
    if (IS_KIOSK) return;
    try {
      localStorage.setItem(SCHOOL_KEY, code);
    } catch {
      // Storage off: the child types the code again next time.
    }
  },
  forget(): void {
    try {
      localStorage.removeItem(SCHOOL_KEY);
    } catch {
      // nothing stored
    }
  },
};
