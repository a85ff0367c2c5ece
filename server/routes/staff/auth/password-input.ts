// The new password material a client sends (password change, recovery, invitation): decoded
// strictly, with the wrapped key bundle of exactly the size wrapPersonalKeys produces, so the
// server stores nothing that no client could have made.
import { SALT_BYTES } from '../../../../shared/envelope/layout.ts';
import { hashAuthKey } from '../../../auth-hash.ts';
import type { PasswordMaterial } from '../../../db/repositories/staff-credentials.ts';
import { ApiError } from '../../../errors.ts';
import { WRAPPED_KEYS_BYTES } from '../../../services/login-secret.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';

export function wrappedKeysField(value: string, field: string): Uint8Array {
  const bytes = decodeField(value, field);
  if (bytes.length !== WRAPPED_KEYS_BYTES) {
    throw new ApiError(400, 'validation_failed', `Invalid ${field}`, [
      { path: field, message: `must be ${WRAPPED_KEYS_BYTES} bytes` },
    ]);
  }
  return bytes;
}

export function passwordMaterial(input: {
  salt: string;
  authKey: string;
  opslimit: number;
  memlimit: number;
  wrappedKeys: string;
}): PasswordMaterial {
  const salt = decodeField(input.salt, 'salt', SALT_BYTES);
  return {
    salt: encodeField(salt),
    opslimit: input.opslimit,
    memlimit: input.memlimit,
    authHash: hashAuthKey(decodeField(input.authKey, 'authKey')),
    wrappedKeys: wrappedKeysField(input.wrappedKeys, 'wrappedKeys'),
  };
}
