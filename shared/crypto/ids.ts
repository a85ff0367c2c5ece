import type { Sodium } from './sodium.ts';
import { bytesToUuid } from '../envelope/bytes.ts';

/** A random (version 4) UUID from libsodium's CSPRNG: ids the client chooses are bound into AD. */
export function newUuid(sodium: Sodium): string {
  const bytes = sodium.randombytes_buf(16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return bytesToUuid(bytes);
}
