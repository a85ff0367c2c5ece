// The server's side of [Note: proof of work] (layout in shared/envelope/pow.ts): issuing MAC'd
// challenge tokens and checking answers. Stateless; spending a checked answer is spendChallenge's
// job, done first thing after this check [Note: admission].
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fromB64, toB64 } from '../../shared/envelope/base64url.ts';
import { bytesToUuid, uuidToBytes } from '../../shared/envelope/bytes.ts';
import {
  leadingZeroBits,
  POW_PAYLOAD_BYTES,
  POW_PURPOSES,
  POW_TOKEN_BYTES,
  powInput,
  type PowPurpose,
} from '../../shared/envelope/pow.ts';
import type { ChallengeDto } from '../../shared/protocol/pupil.ts';
import { ApiError } from '../errors.ts';

const VERSION = 0x01;
/** How long a pupil has to solve a challenge and send what it guards. */
export const POW_TTL_SECONDS = 5 * 60;
const MAC_BYTES = POW_TOKEN_BYTES - POW_PAYLOAD_BYTES;

function mac(secret: Uint8Array, payload: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}

/** A challenge at `bits` = POW_BITS + `level` (the extra bits the school's load asks for). */
export function issueChallenge(
  secret: Uint8Array,
  request: { orgId: string; purpose: PowPurpose; bits: number; level: number; now: Date },
): ChallengeDto {
  const expires = Math.floor(request.now.getTime() / 1000) + POW_TTL_SECONDS;
  const token = new Uint8Array(POW_TOKEN_BYTES);
  const view = new DataView(token.buffer);
  token[0] = VERSION;
  token[1] = POW_PURPOSES[request.purpose];
  token.set(uuidToBytes(request.orgId), 2);
  view.setBigUint64(18, BigInt(expires));
  token[26] = request.bits;
  token.set(randomBytes(16), 27);
  token.set(mac(secret, token.subarray(0, POW_PAYLOAD_BYTES)), POW_PAYLOAD_BYTES);
  return {
    challenge: toB64(token),
    bits: request.bits,
    level: request.level,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

export interface CheckedPow {
  /** hex of the 16-byte challenge id, the key of pow_spent. */
  challengeId: string;
  expiresAt: string;
  /** The bits the challenge was issued at, and met. */
  bits: number;
}

/** A second use of a challenge: 409, so the client knows to fetch a new one and try again. */
export const powReplayed = () =>
  new ApiError(409, 'conflict', 'Proof of work already used: ask for a new challenge');

const refuse = (why: string) => new ApiError(400, 'bad_request', `Proof of work refused: ${why}`);

function decode(s: string): Uint8Array {
  try {
    return fromB64(s);
  } catch {
    throw refuse('not base64url');
  }
}

/**
 * Checks an answer for `purpose` at `orgId`: a token this server made (MAC), for this purpose and
 * school, not expired, with at least the bits the token was issued at (never fewer than
 * `baseBits`, should POW_BITS have been raised since). Every refusal is 400; a replay is found
 * by spendChallenge, and a difficulty risen since by requireCurrentWork [Note: admission].
 */
export function checkPow(
  secret: Uint8Array,
  answer: { challenge: string; nonce: string },
  expected: { orgId: string; purpose: PowPurpose; baseBits: number; now: Date },
): CheckedPow {
  const token = decode(answer.challenge);
  const nonce = decode(answer.nonce);
  if (token.length !== POW_TOKEN_BYTES || nonce.length !== 8) throw refuse('malformed');
  const payload = token.subarray(0, POW_PAYLOAD_BYTES);
  if (!timingSafeEqual(mac(secret, payload), token.subarray(POW_PAYLOAD_BYTES))) {
    throw refuse('not issued here');
  }
  const view = new DataView(token.buffer, token.byteOffset, token.byteLength);
  if (token[0] !== VERSION) throw refuse('unknown version');
  if (token[1] !== POW_PURPOSES[expected.purpose]) throw refuse('wrong purpose');
  if (bytesToUuid(token.subarray(2, 18)) !== expected.orgId.toLowerCase()) {
    throw refuse('wrong school');
  }
  const expires = Number(view.getBigUint64(18));
  if (expires * 1000 <= expected.now.getTime()) throw refuse('expired');
  const bits = Math.max(token[26] ?? 0, expected.baseBits);
  const hash = createHash('sha256').update(powInput(token, nonce)).digest();
  if (leadingZeroBits(hash) < bits) throw refuse('too few zero bits');
  return {
    challengeId: Buffer.from(token.subarray(27, 43)).toString('hex'),
    expiresAt: new Date(expires * 1000).toISOString(),
    bits,
  };
}
