// [Note: urgent alert links] The report an urgent alert links to, sealed while the alert waits in
// the database: AES-256-GCM under a key made when the process starts and kept only in its memory.
// The process that queued the alert opens it when the alert is due and links to the case. Another
// process (WORKERS on PostgreSQL) or the same one after a restart cannot: its alert links to the
// inbox instead, and still goes out. A copy of the database holds the sealed id only.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CaseLinkSeal {
  seal(reportId: string): string;
  /** The report id, or null when this key did not seal it (another process, a restart). */
  open(sealed: string): string | null;
}

export function caseLinkSeal(key: Uint8Array = randomBytes(32)): CaseLinkSeal {
  return {
    seal(reportId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(reportId, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    open(sealed) {
      try {
        const bytes = Buffer.from(sealed, 'base64url');
        if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const id = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
        return UUID.test(id) ? id : null;
      } catch {
        return null;
      }
    },
  };
}
