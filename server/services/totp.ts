// TOTP (RFC 6238, 6 digits, 30 s, SHA-1: what every authenticator app speaks) for staff sign-in.
// Time comes from the injected clock, so tests can move it; a code is accepted one step either
// side of now, for a phone whose clock drifts a little. A sign-in code is good once: the time step
// it was made for must be later than the last one accepted (staff.totp_last_step), so a code seen
// over someone's shoulder cannot be replayed within its window.
import { generateSecret, generateURI, verify } from 'otplib';

export const TOTP_ISSUER = 'Bezpieczny Glos';
const TOLERANCE_SECONDS = 30;
const PERIOD_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret();

export function totpUri(secret: string, login: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: login, secret });
}

/** The accepted code's time step, or null when the code is wrong (or not after `afterStep`). */
export async function verifyTotp(
  secret: string | null,
  token: string,
  now: Date,
  afterStep?: number | null,
): Promise<number | null> {
  if (!secret) return null;
  try {
    const epoch = Math.floor(now.getTime() / 1000);
    const result = await verify({
      secret,
      token,
      epoch,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep === null || afterStep === undefined ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid ? Math.floor(epoch / PERIOD_SECONDS) + result.delta : null;
  } catch {
    // A malformed stored secret is a refusal, never a 500 that would tell the account apart.
    return null;
  }
}
