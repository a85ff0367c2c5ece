// [Note: server-checked signatures] Every signed item a staff member writes (a reply in the pupil
// thread, by a counsellor or a CdR specialist; a note; an escalation's package and reason; a
// message of the CdR–school thread; an outcome note) is checked here before it is stored, the way
// the reader's browser will check it: the author's keys endorsed by one of their organisation's
// certified sign keys ([Note: member endorsement]), and the Ed25519 signature over the item's exact
// signed bytes (shared/crypto/signatures.ts) made by the author's sign key. The server holds no
// content key, so it cannot tell whether the blob decrypts; but a write whose signature a pupil's
// browser would refuse, which would make the whole thread unreadable, never gets in. Clients keep
// verifying: this protects readers from a broken or hostile writer, not from the server.
import { chainHash, GENESIS_HASH } from '../../shared/crypto/chain.ts';
import { signedByOneOf } from '../../shared/crypto/endorsement.ts';
import { SIGN_DOMAIN } from '../../shared/crypto/domains.ts';
import { signedMessage } from '../../shared/crypto/signed-message.ts';
import { verifyItem } from '../../shared/crypto/signatures.ts';
import type { Sodium } from '../../shared/crypto/sodium.ts';
import { fromB64 } from '../../shared/envelope/base64url.ts';
import { expectLength, uuidToBytes } from '../../shared/envelope/bytes.ts';
import { decodeCertificateBody } from '../../shared/envelope/certificate-body.ts';
import type { AuthorRole, ItemAd } from '../../shared/envelope/item-ad.ts';
import { loadSodium } from '../crypto/sodium.ts';
import type { DbOrTrx } from '../db/database.ts';
import { listCertificates } from '../db/repositories/organisations.ts';
import type { MessageThread } from '../db/tables/reports.ts';
import { ApiError } from '../errors.ts';

export interface SignedItem {
  /** The request field the signature came in, named in a refusal. */
  field: string;
  blob: Uint8Array;
  signature: Uint8Array;
  ad: ItemAd;
}

const notEndorsed = () =>
  new ApiError(
    403,
    'forbidden',
    'Your keys are not endorsed by your organisation: ask a colleague to renew them',
  );

/** The author's sign key, when their organisation endorsed their keys; a 403 otherwise. */
async function endorsedSignKey(db: DbOrTrx, sodium: Sodium, authorId: string): Promise<Uint8Array> {
  const author = await db
    .selectFrom('staff')
    .select(['org_id', 'sign_public_key', 'box_public_key', 'org_endorsement'])
    .where('id', '=', authorId)
    .executeTakeFirst();
  if (!author?.org_id || !author.org_endorsement) throw notEndorsed();
  const orgSignKeys = (await listCertificates(db, author.org_id)).map(
    (cert) => decodeCertificateBody(fromB64(cert.body)).signPublicKey,
  );
  let signPublicKey: Uint8Array | undefined;
  try {
    const sign = fromB64(author.sign_public_key);
    const box = fromB64(author.box_public_key);
    expectLength(sign, 32, 'sign public key');
    expectLength(box, 32, 'box public key');
    const message = signedMessage(SIGN_DOMAIN.endorsement, uuidToBytes(author.org_id), box, sign);
    if (signedByOneOf(sodium, orgSignKeys, message, fromB64(author.org_endorsement))) {
      signPublicKey = sign;
    }
  } catch {
    signPublicKey = undefined;
  }
  if (!signPublicKey) throw notEndorsed();
  return signPublicKey;
}

/**
 * Refuses (before anything is stored) unless `authorId`'s keys carry a valid endorsement of their
 * organisation and every item is signed by their sign key: 403 for the endorsement, 400 naming the
 * field for a signature.
 */
export async function checkStaffSignatures(
  db: DbOrTrx,
  authorId: string,
  items: readonly SignedItem[],
): Promise<void> {
  const sodium = await loadSodium();
  const signPublicKey = await endorsedSignKey(db, sodium, authorId);
  for (const item of items) {
    try {
      verifyItem(sodium, signPublicKey, item.signature, item.blob, item.ad);
    } catch {
      throw new ApiError(400, 'validation_failed', `Invalid ${item.field}`, [
        { path: item.field, message: 'not your signature over this item' },
      ]);
    }
  }
}

/**
 * The associated data a chained message must have been signed with ([Note: message chain]):
 * prevHash is the chain hash of the stored message before it. Call it after checking that `seq` is
 * the thread's next, inside the transaction that inserts the message.
 */
export async function chainedMessageAd(
  db: DbOrTrx,
  msg: { reportId: string; thread: MessageThread; id: string; seq: number },
  authorRole: AuthorRole,
): Promise<ItemAd> {
  let prevHash = GENESIS_HASH;
  if (msg.seq > 1) {
    const prev = await db
      .selectFrom('messages')
      .select('blob')
      .where('report_id', '=', msg.reportId)
      .where('thread', '=', msg.thread)
      .where('seq', '=', msg.seq - 1)
      .executeTakeFirst();
    if (!prev) throw new ApiError(409, 'conflict', 'Not the next message in the thread');
    prevHash = chainHash(await loadSodium(), prev.blob);
  }
  return {
    reportId: msg.reportId,
    kind: 'message',
    itemId: msg.id,
    authorRole,
    seq: msg.seq,
    prevHash,
  };
}
