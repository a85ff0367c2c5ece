// [Note: certificate body encoding]
// The bytes the municipality root signs for an organisation. Fixed fields first, the name last
// and length-prefixed, so the encoding is unambiguous and decoding needs no parser state:
//   0  format version  1   0x01
//   1  kind            1   1 = school, 2 = cdr
//   2  orgId           16  raw UUID bytes
//  18  boxPublicKey    32  X25519
//  50  signPublicKey   32  Ed25519
//  82  version         4   u32, >= 1, the organisation key version (rotation counter)
//  86  issuedAt        8   u64 unix seconds (<= 2^53 - 1)
//  94  nameLength      2   u16, 1..200
//  96  name            n   UTF-8
import { VERSION_1 } from './layout.ts';
import { bytesToUuid, expectLength, readU32, uuidToBytes, writeU32 } from './bytes.ts';
import { CryptoError } from './crypto-error.ts';
import { decodeUtf8, encodeUtf8 } from './utf8.ts';

export type OrgKind = 'school' | 'cdr';

export interface CertificateBody {
  orgId: string;
  kind: OrgKind;
  name: string;
  boxPublicKey: Uint8Array;
  signPublicKey: Uint8Array;
  version: number;
  issuedAt: number;
}

export const CERTIFICATE_FIXED_BYTES = 96;
export const CERTIFICATE_NAME_MAX_BYTES = 200;
const KIND_CODES: Readonly<Record<OrgKind, number>> = { school: 1, cdr: 2 };

export function encodeCertificateBody(body: CertificateBody): Uint8Array {
  const kind = Object.hasOwn(KIND_CODES, body.kind) ? KIND_CODES[body.kind] : undefined;
  if (kind === undefined) throw new CryptoError('malformed', 'unknown organisation kind');
  expectLength(body.boxPublicKey, 32, 'boxPublicKey');
  expectLength(body.signPublicKey, 32, 'signPublicKey');
  if (!Number.isInteger(body.version) || body.version < 1) {
    throw new CryptoError('malformed', 'certificate version must be >= 1');
  }
  if (!Number.isSafeInteger(body.issuedAt) || body.issuedAt < 0) {
    throw new CryptoError('malformed', 'issuedAt must be unix seconds');
  }
  const name = encodeUtf8(body.name);
  if (name.length < 1 || name.length > CERTIFICATE_NAME_MAX_BYTES) {
    throw new CryptoError('malformed', 'name must be 1..200 UTF-8 bytes');
  }
  const out = new Uint8Array(CERTIFICATE_FIXED_BYTES + name.length);
  out[0] = VERSION_1;
  out[1] = kind;
  out.set(uuidToBytes(body.orgId), 2);
  out.set(body.boxPublicKey, 18);
  out.set(body.signPublicKey, 50);
  writeU32(out, 82, body.version);
  writeU32(out, 86, Math.floor(body.issuedAt / 2 ** 32));
  writeU32(out, 90, body.issuedAt % 2 ** 32);
  out[94] = name.length >> 8;
  out[95] = name.length & 255;
  out.set(name, 96);
  return out;
}

export function decodeCertificateBody(bytes: Uint8Array): CertificateBody {
  if (bytes.length === 0) throw new CryptoError('truncated', 'empty certificate body');
  if (bytes[0] !== VERSION_1) throw new CryptoError('unsupported_version', 'certificate format');
  if (bytes.length < CERTIFICATE_FIXED_BYTES) throw new CryptoError('truncated', 'certificate');
  const kindCode = bytes[1];
  const kind: OrgKind | undefined = kindCode === 1 ? 'school' : kindCode === 2 ? 'cdr' : undefined;
  if (kind === undefined) throw new CryptoError('malformed', 'unknown organisation kind');
  const version = readU32(bytes, 82);
  const high = readU32(bytes, 86);
  const issuedAt = high * 2 ** 32 + readU32(bytes, 90);
  const nameLength = ((bytes[94] ?? 0) << 8) | (bytes[95] ?? 0);
  if (version < 1 || high >= 2 ** 21) throw new CryptoError('malformed', 'certificate field');
  if (nameLength < 1 || nameLength > CERTIFICATE_NAME_MAX_BYTES) {
    throw new CryptoError('malformed', 'certificate name length');
  }
  if (bytes.length !== CERTIFICATE_FIXED_BYTES + nameLength) {
    throw new CryptoError(bytes.length < 96 + nameLength ? 'truncated' : 'malformed', 'length');
  }
  return {
    orgId: bytesToUuid(bytes.slice(2, 18)),
    kind,
    name: decodeUtf8(bytes.slice(96)),
    boxPublicKey: bytes.slice(18, 50),
    signPublicKey: bytes.slice(50, 82),
    version,
    issuedAt,
  };
}
