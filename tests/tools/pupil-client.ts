// A pupil's client in Node, for tests: solves the proof of work, composes real ciphertext with the
// shared protocol code, and talks to the pupil API through app.request or a real server's URL.
import { createHash } from 'node:crypto';
import {
  chainHash,
  decodeCertificateBody,
  deriveReceiptKeys,
  encryptAttachment,
  encryptItem,
  fromB64,
  generateReceiptCode,
  GENESIS_HASH,
  newKey,
  sealKey,
  toB64,
  wrapKey,
  type ArgonLimits,
  type ReceiptKeys,
  type Sodium,
} from '../../shared/crypto/index.ts';
import { leadingZeroBits, powInput, powNonce } from '../../shared/envelope/pow.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { ChallengeDto, SubmitReport } from '../../shared/protocol/pupil.ts';

export const TEST_ARGON: ArgonLimits = { opslimit: 1, memlimit: 8 * 1024 * 1024 };

/** app.request of a Hono app, or fetch against a base URL. */
export type Send = (path: string, init?: RequestInit) => Promise<Response>;
export const viaApp =
  (app: { request(path: string, init?: RequestInit): Response | Promise<Response> }): Send =>
  async (path, init) =>
    app.request(path, init);
export const viaUrl =
  (base: string): Send =>
  (path, init) =>
    fetch(base + path, init);

export function solvePowNode(challenge: string, bits: number): string {
  const token = fromB64(challenge);
  for (let counter = 0; ; counter++) {
    const nonce = powNonce(counter);
    const hash = createHash('sha256').update(powInput(token, nonce)).digest();
    if (leadingZeroBits(hash) >= bits) return toB64(nonce);
  }
}

/** The report a pupil composed, with what only the pupil keeps (the receipt and the keys). */
export interface ComposedReport {
  receiptCode: string;
  receiptKeys: ReceiptKeys;
  reportId: string;
  threadKey: Uint8Array;
  request: Omit<SubmitReport, 'pow'>;
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export class PupilClient {
  constructor(
    readonly sodium: Sodium,
    readonly send: Send,
    readonly school: OrganisationDto,
    readonly version = 1,
  ) {}

  async challenge(purpose: 'report' | 'receipt', orgId = this.school.id): Promise<ChallengeDto> {
    const res = await this.send('/api/pupil/challenges', json({ orgId, purpose }));
    if (res.status !== 201) throw new Error(`challenge: ${res.status} ${await res.text()}`);
    return (await res.json()) as ChallengeDto;
  }

  async pow(purpose: 'report' | 'receipt', orgId = this.school.id) {
    const c = await this.challenge(purpose, orgId);
    return { challenge: c.challenge, nonce: solvePowNode(c.challenge, c.bits) };
  }

  compose(content: unknown, urgent = false): ComposedReport {
    const { sodium } = this;
    const receiptCode = generateReceiptCode(sodium);
    const salt = fromB64(this.school.receiptSalt);
    const receiptKeys = deriveReceiptKeys(sodium, receiptCode, salt, TEST_ARGON);
    const reportId = crypto.randomUUID();
    const threadKey = newKey(sodium);
    const orgBox = decodeCertificateBody(fromB64(this.school.certificate.body)).boxPublicKey;
    const ad = { reportId, kind: 'report', itemId: reportId, authorRole: 'pupil' } as const;
    return {
      receiptCode,
      receiptKeys,
      reportId,
      threadKey,
      request: {
        orgId: this.school.id,
        reportId,
        orgKeyVersion: this.version,
        authKey: toB64(receiptKeys.authKey),
        urgent,
        body: toB64(encryptItem(sodium, threadKey, content, ad)),
        threadKeySealed: toB64(sealKey(sodium, threadKey, orgBox)),
        threadKeyPupil: toB64(
          wrapKey(sodium, threadKey, receiptKeys.pupilKey, `thread-key:${reportId}`),
        ),
      },
    };
  }

  /**
   * Sends with a fresh proof of work, and as the pupil app does, solves again when the school's
   * difficulty rose meanwhile (409 pow_raised) [Note: admission].
   */
  async withPow(path: string, purpose: 'report' | 'receipt', body: object): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.send(path, json({ ...body, pow: await this.pow(purpose) }));
      if (res.status !== 409 || attempt === 5) return res;
      const code = ((await res.clone().json()) as { error?: { code?: string } }).error?.code;
      if (code !== 'pow_raised') return res;
    }
  }

  async submit(report: ComposedReport): Promise<Response> {
    return this.withPow('/api/pupil/reports', 'report', report.request);
  }

  async openReceipt(receiptCode: string): Promise<Response> {
    const salt = fromB64(this.school.receiptSalt);
    const keys = deriveReceiptKeys(this.sodium, receiptCode, salt, TEST_ARGON);
    return this.withPow('/api/pupil/receipts', 'receipt', {
      orgId: this.school.id,
      authKey: toB64(keys.authKey),
    });
  }

  thread(token: string): Promise<Response> {
    return this.send('/api/pupil/thread', { headers: bearer(token) });
  }

  /** A pupil message chained to the previous blob of the thread (undefined for the first). */
  composeMessage(
    report: { reportId: string; threadKey: Uint8Array },
    seq: number,
    prevBlob: string | undefined,
    content: unknown = { text: `message ${seq}` },
  ) {
    const id = crypto.randomUUID();
    const prevHash = prevBlob ? chainHash(this.sodium, fromB64(prevBlob)) : GENESIS_HASH;
    const blob = encryptItem(this.sodium, report.threadKey, content, {
      reportId: report.reportId,
      kind: 'message',
      itemId: id,
      authorRole: 'pupil',
      seq,
      prevHash,
    });
    return { id, seq, blob: toB64(blob) };
  }

  postMessage(token: string, message: { id: string; seq: number; blob: string }) {
    return this.send('/api/pupil/messages', json(message, bearer(token)));
  }

  /** Encrypts a file for the report: its key wrapped under K_thread, its name and type as meta. */
  composeAttachment(report: { reportId: string; threadKey: Uint8Array }, bytes: Uint8Array) {
    const { sodium } = this;
    const id = crypto.randomUUID();
    const fileKey = newKey(sodium);
    const meta = encryptItem(
      sodium,
      report.threadKey,
      { name: 'photo.jpg', type: 'image/jpeg', size: bytes.length },
      { reportId: report.reportId, kind: 'attachment-meta', itemId: id, authorRole: 'pupil' },
    );
    return {
      id,
      fileKeyWrapped: toB64(wrapKey(sodium, fileKey, report.threadKey, `file-key:${id}`)),
      meta: toB64(meta),
      data: encryptAttachment(sodium, fileKey, bytes),
    };
  }

  upload(
    token: string,
    a: { id: string; fileKeyWrapped: string; meta: string; data: Uint8Array },
    messageId?: string,
  ): Promise<Response> {
    const form = new FormData();
    form.set('id', a.id);
    if (messageId) form.set('messageId', messageId);
    form.set('fileKeyWrapped', a.fileKeyWrapped);
    form.set('meta', a.meta);
    form.set('data', new Blob([new Uint8Array(a.data)]), 'data');
    return this.send('/api/pupil/attachments', {
      method: 'POST',
      headers: bearer(token),
      body: form,
    });
  }

  download(token: string, id: string): Promise<Response> {
    return this.send(`/api/pupil/attachments/${id}`, { headers: bearer(token) });
  }
}
