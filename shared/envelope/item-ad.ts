// [Note: item associated data]
// Every content item (report, message, note, ...) is encrypted with associated data that names
// where it belongs, so the server cannot move a blob to another report, relabel a note as a
// message, pass a counsellor's text off as the pupil's, or drop/reorder/replay thread messages
// (seq and prevHash; see [Note: message chain]). Fixed layout, 71 bytes, all integers big-endian:
//   0  version   1   0x01
//   1  kind      1   ITEM_KIND_CODES
//   2  role      1   AUTHOR_ROLE_CODES
//   3  reportId  16  raw UUID bytes
//  19  itemId    16  raw UUID bytes
//  35  seq       4   u32, 0 when the item is not part of a chain
//  39  prevHash  32  32 zero bytes when absent
import { HASH_BYTES, VERSION_1 } from './layout.ts';
import { expectLength, uuidToBytes, writeU32 } from './bytes.ts';
import { CryptoError } from './crypto-error.ts';

export type ItemKind =
  | 'report'
  | 'message'
  | 'note'
  | 'escalation'
  | 'escalation-reason'
  | 'attachment-meta'
  | 'outcome';

export type AuthorRole = 'pupil' | 'counsellor' | 'cdr' | 'system';

export interface ItemAd {
  reportId: string;
  kind: ItemKind;
  itemId: string;
  authorRole: AuthorRole;
  seq?: number;
  prevHash?: Uint8Array;
}

export const ITEM_KIND_CODES: Readonly<Record<ItemKind, number>> = {
  report: 1,
  message: 2,
  note: 3,
  escalation: 4,
  'escalation-reason': 5,
  'attachment-meta': 6,
  outcome: 7,
};

export const AUTHOR_ROLE_CODES: Readonly<Record<AuthorRole, number>> = {
  pupil: 1,
  counsellor: 2,
  cdr: 3,
  system: 4,
};

export const ITEM_AD_BYTES = 71;

export function encodeAd(ad: ItemAd): Uint8Array {
  const kind = Object.hasOwn(ITEM_KIND_CODES, ad.kind) ? ITEM_KIND_CODES[ad.kind] : undefined;
  const role = Object.hasOwn(AUTHOR_ROLE_CODES, ad.authorRole)
    ? AUTHOR_ROLE_CODES[ad.authorRole]
    : undefined;
  if (kind === undefined) throw new CryptoError('malformed', 'unknown item kind');
  if (role === undefined) throw new CryptoError('malformed', 'unknown author role');
  const out = new Uint8Array(ITEM_AD_BYTES);
  out[0] = VERSION_1;
  out[1] = kind;
  out[2] = role;
  out.set(uuidToBytes(ad.reportId), 3);
  out.set(uuidToBytes(ad.itemId), 19);
  writeU32(out, 35, ad.seq ?? 0);
  if (ad.prevHash !== undefined) {
    expectLength(ad.prevHash, HASH_BYTES, 'prevHash');
    out.set(ad.prevHash, 39);
  }
  return out;
}
