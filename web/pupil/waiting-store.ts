// [Note: waiting report] A report composed while the connection is gone must not be lost, and the
// child must never be told it was sent before the server said so (201). On an own phone it waits
// in IndexedDB until it is sent or the child discards it; on a kiosk it never leaves the page's
// memory (nothing may persist on a shared tablet).
//
// What is kept is only what delivery needs: the submission (already encrypted to the school, with
// the thread key wrapped under the pupil key) and the photos, already encrypted under the thread
// key. Nothing in it is readable without the school's key or the pupil's receipt code. Two parts,
// each sealed with AES-GCM under a random non-extractable Web Crypto key kept in the same
// database (so the stored bytes are ciphertext and no script can export the key):
//   - `delivery`: the submission and the encrypted photos;
//   - `secret`: the receipt code, needed only to show the receipt once the server has it.
// Quick exit deletes `secret` (and the remembered codes): what is left can still be sent, silently
// on the next visit, but opens nothing and shows nothing. The database is deleted once empty, so a
// phone that never went offline, or whose reports all went out, holds no trace of it.
import { fromB64, toB64 } from '../../shared/envelope/base64url.ts';
import type { SubmitReport } from '../../shared/protocol/pupil.ts';

export interface EncryptedAttachment {
  id: string;
  fileKeyWrapped: Uint8Array;
  meta: Uint8Array;
  data: Uint8Array;
}

/** What delivery needs; nothing in it is readable without the school's key or the receipt. */
export interface Delivery {
  request: Omit<SubmitReport, 'pow'>;
  attachments: EncryptedAttachment[];
}

export interface WaitingReport {
  reportId: string;
  orgId: string;
  delivery: Delivery;
  /** The receipt code; null once quick exit has run (the report is then sent silently). */
  receiptCode: string | null;
}

const DB = 'bezpieczny-glos-waiting';
const REPORTS = 'reports';
const SECRETS = 'secrets';
const KEYS = 'keys';

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ct: Uint8Array<ArrayBuffer>;
}
interface ReportRow {
  reportId: string;
  orgId: string;
  delivery: Sealed;
}

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });

/** Opens the database only if it exists, unless asked to create it. */
async function open(create: boolean): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return null;
  if (!create) {
    const all = await indexedDB.databases();
    if (!all.some((d) => d.name === DB)) return null;
  }
  const req = indexedDB.open(DB, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(REPORTS, { keyPath: 'reportId' });
    req.result.createObjectStore(SECRETS);
    req.result.createObjectStore(KEYS);
  };
  return done(req);
}

async function wrapKey(db: IDBDatabase): Promise<CryptoKey> {
  const existing = (await done(db.transaction(KEYS).objectStore(KEYS).get('wrap'))) as
    CryptoKey | undefined;
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const tx = db.transaction(KEYS, 'readwrite');
  tx.objectStore(KEYS).put(key, 'wrap');
  await committed(tx);
  return key;
}

const text = new TextEncoder();
async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = text.encode(JSON.stringify(value));
  return {
    iv,
    ct: new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain)),
  };
}
async function unseal<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.ct);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

interface DeliveryJson {
  request: Omit<SubmitReport, 'pow'>;
  attachments: { id: string; fileKeyWrapped: string; meta: string; data: string }[];
}

export async function saveWaiting(report: WaitingReport): Promise<void> {
  const db = await open(true);
  if (!db) throw new Error('IndexedDB is not available');
  try {
    const key = await wrapKey(db);
    const json: DeliveryJson = {
      request: report.delivery.request,
      attachments: report.delivery.attachments.map((a) => ({
        id: a.id,
        fileKeyWrapped: toB64(a.fileKeyWrapped),
        meta: toB64(a.meta),
        data: toB64(a.data),
      })),
    };
    const row: ReportRow = {
      reportId: report.reportId,
      orgId: report.orgId,
      delivery: await seal(key, json),
    };
    const secret = report.receiptCode ? await seal(key, report.receiptCode) : null;
    const tx = db.transaction([REPORTS, SECRETS], 'readwrite');
    tx.objectStore(REPORTS).put(row);
    if (secret) tx.objectStore(SECRETS).put(secret, report.reportId);
    await committed(tx);
  } finally {
    db.close();
  }
}

export async function loadWaiting(): Promise<WaitingReport[]> {
  const db = await open(false);
  if (!db) return [];
  try {
    const key = await wrapKey(db);
    const tx = db.transaction([REPORTS, SECRETS]);
    const rows = (await done(tx.objectStore(REPORTS).getAll())) as ReportRow[];
    const secrets = await Promise.all(
      rows.map((r) => done(tx.objectStore(SECRETS).get(r.reportId)) as Promise<Sealed | undefined>),
    );
    const out: WaitingReport[] = [];
    for (const [i, row] of rows.entries()) {
      const json = await unseal<DeliveryJson>(key, row.delivery);
      const secret = secrets[i];
      out.push({
        reportId: row.reportId,
        orgId: row.orgId,
        delivery: {
          request: json.request,
          attachments: json.attachments.map((a) => ({
            id: a.id,
            fileKeyWrapped: fromB64(a.fileKeyWrapped),
            meta: fromB64(a.meta),
            data: fromB64(a.data),
          })),
        },
        receiptCode: secret ? await unseal<string>(key, secret) : null,
      });
    }
    return out;
  } finally {
    db.close();
  }
}

async function dropDatabaseIfEmpty(db: IDBDatabase): Promise<void> {
  const left = await done(db.transaction(REPORTS).objectStore(REPORTS).count());
  db.close();
  if (left === 0) await done(indexedDB.deleteDatabase(DB));
}

/** Sent or discarded: the report and its receipt are gone; the database too once empty. */
export async function removeWaiting(reportId: string): Promise<void> {
  const db = await open(false);
  if (!db) return;
  const tx = db.transaction([REPORTS, SECRETS], 'readwrite');
  tx.objectStore(REPORTS).delete(reportId);
  tx.objectStore(SECRETS).delete(reportId);
  await committed(tx);
  await dropDatabaseIfEmpty(db);
}

/** Quick exit: every receipt code goes; the ciphertext stays, to be sent silently. */
export async function forgetWaitingSecrets(): Promise<void> {
  const db = await open(false);
  if (!db) return;
  try {
    const tx = db.transaction(SECRETS, 'readwrite');
    tx.objectStore(SECRETS).clear();
    await committed(tx);
  } finally {
    db.close();
  }
}
