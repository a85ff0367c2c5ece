// [Note: auth key hash] What the server keeps of a client-derived authKey (staff password or pupil
// receipt): hex SHA-256. The authKey comes out of Argon2id on the client, so it is uniformly random
// and a fast hash is enough; the slow part was paid in the browser (docs/protocol.md).
import { createHash } from 'node:crypto';

export function hashAuthKey(authKey: Uint8Array): string {
  return createHash('sha256').update(authKey).digest('hex');
}
