// Reads the quick-exit destinations of a deployment [Note: quick exit destination]:
// QUICK_EXIT_URL, and QUICK_EXIT_KIOSK_URLS as "SP3=https://sp3.example.pl/,SP7=/neutral.html".
import { normaliseOrgCode } from '../shared/protocol/common.ts';
import { DEFAULT_QUICK_EXIT_URL, QUICK_EXIT_URL_PATTERN } from '../shared/protocol/pupil-config.ts';

export interface QuickExitConfig {
  url: string;
  /** Normalised school code -> the kiosk's destination. */
  kiosk: Readonly<Record<string, string>>;
}

export const DEFAULT_QUICK_EXIT: QuickExitConfig = { url: DEFAULT_QUICK_EXIT_URL, kiosk: {} };

/** Throws an Error whose message names the variable and what it expects. */
export function parseQuickExit(
  url: string | undefined,
  kiosk: string | undefined,
): QuickExitConfig {
  const checked = (name: string, value: string) => {
    if (!QUICK_EXIT_URL_PATTERN.test(value)) {
      throw new Error(`${name} must be an https:// address or a path starting with /`);
    }
    return value;
  };
  const map: Record<string, string> = {};
  for (const entry of (kiosk ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const code = at > 0 ? normaliseOrgCode(entry.slice(0, at)) : '';
    if (!code) throw new Error('QUICK_EXIT_KIOSK_URLS must be CODE=URL pairs separated by commas');
    map[code] = checked('QUICK_EXIT_KIOSK_URLS', entry.slice(at + 1).trim());
  }
  return { url: url ? checked('QUICK_EXIT_URL', url) : DEFAULT_QUICK_EXIT_URL, kiosk: map };
}

export const quickExitFor = (config: QuickExitConfig, kioskCode: string | undefined): string =>
  (kioskCode && config.kiosk[normaliseOrgCode(kioskCode)]) || config.url;
