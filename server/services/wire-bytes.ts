// Byte fields arrive as base64url text that a schema has checked for alphabet and length only;
// decoding is strict (canonical, no impossible length), and a refusal is a 400, never a 500.
import { fromB64, toB64 } from '../../shared/envelope/base64url.ts';
import { ApiError } from '../errors.ts';

export function decodeField(value: string, field: string, minBytes = 1): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromB64(value);
  } catch {
    throw new ApiError(400, 'validation_failed', `Invalid ${field}`, [
      { path: field, message: 'must be base64url' },
    ]);
  }
  if (bytes.length < minBytes) {
    throw new ApiError(400, 'validation_failed', `Invalid ${field}`, [
      { path: field, message: `must be at least ${minBytes} bytes` },
    ]);
  }
  return bytes;
}

/** Database drivers hand back Buffers (or Uint8Arrays); the wire wants base64url. */
export const encodeField = (bytes: Uint8Array): string => toB64(bytes);
