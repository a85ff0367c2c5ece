// The staff member's cryptographic operations, run in the staff app's Web Worker: password
// derivation, unlocking personal and organisation keys, opening a case, signed replies and notes,
// invitations. Keys cross to the page as bytes and live there in memory only.
import {
  composeMessage,
  CryptoError,
  readable,
  createStaffCredentials,
  decryptItem,
  derivePasswordKeys,
  encryptItem,
  endorseMember,
  fromB64,
  inviteMac,
  newKey,
  newUuid,
  openSealed,
  openSealedKey,
  openThread,
  recoveryWrapKey,
  sealBytes,
  sealKey,
  sealOrgKeys,
  signItem,
  toB64,
  unwrapPersonalKeys,
  verifyInviteMac,
  verifyItem,
  verifyMemberEndorsement,
  wrapPersonalKeys,
  type ArgonLimits,
  type ChainTip,
  type OrgKeyPair,
} from '../../shared/crypto/index.ts';
import { MessageContentSchema } from '../../shared/protocol/content.ts';
import type { CertificateDto } from '../../shared/protocol/orgs.ts';
import type { CaseDto, KeyGrantDto, MemberDto } from '../../shared/protocol/staff.ts';
import * as v from 'valibot';
import { newestVersion, openCertifiedKeys, verifiedCertificates } from './certified.ts';
import { newestKey, sealVersions } from './key-versions.ts';
import { loadSodium } from './sodium.ts';

export interface OrgKeyVersion {
  orgId: string;
  version: number;
  keys: OrgKeyPair;
}

export async function derivePassword(password: string, salt: string, limits: ArgonLimits) {
  return derivePasswordKeys(await loadSodium(), password, fromB64(salt), limits);
}

/**
 * Personal keys from the password's wrapKey, then the organisation keys granted to them. Anyone
 * may seal a "grant" to a member's public box key, the server included, so a grant counts only
 * when its public keys are those of the organisation's root-signed certificate of that version:
 * a mismatch refuses the sign-in, and a version without a certificate yet (a rotation the
 * administrator has not signed) is left out, so nothing is ever sealed to it. Returns the sign
 * keys of the verified certificates too, for checking colleagues' endorsements.
 */
export async function unlock(
  wrappedKeys: string,
  wrapKey: Uint8Array,
  grants: KeyGrantDto[],
  orgId: string | null,
  certificates: CertificateDto[],
  minVersion = 0,
) {
  const sodium = await loadSodium();
  const personal = unwrapPersonalKeys(sodium, fromB64(wrappedKeys), wrapKey);
  const certified = orgId ? verifiedCertificates(sodium, orgId, certificates) : [];
  if (newestVersion(certified) < minVersion)
    throw new CryptoError('certificate_rollback', `no certificate of version ${minVersion}`);
  const orgKeys: OrgKeyVersion[] = [];
  for (const g of grants) {
    const cert = certified.find((c) => c.version === g.version);
    if (g.orgId !== orgId || !cert) continue;
    const keys = openCertifiedKeys(
      sodium,
      g.sealedKeys,
      { publicKey: personal.boxPublicKey, secretKey: personal.boxSecretKey },
      cert,
    );
    orgKeys.push({ orgId: g.orgId, version: g.version, keys });
  }
  return { personal, orgKeys, orgSignKeys: certified.map((c) => c.signPublicKey) };
}

function orgKeyFor(orgKeys: OrgKeyVersion[], version: number): OrgKeyPair {
  const found = orgKeys.find((k) => k.version === version);
  if (!found) throw new Error(`no organisation key of version ${version}`);
  return found.keys;
}

/**
 * The whole case as its school's member sees it; notes verified like replies. Once the
 * conversation was handed over, CdR specialists write in it too: their keys must be endorsed by
 * the certified keys of the CdR named in the case (`cdr`, verified by the caller against the
 * pinned root), never by the school's, so the case stays whole whoever wrote last.
 */
export async function openCase(
  c: CaseDto,
  reportId: string,
  orgKeys: OrgKeyVersion[],
  orgSignKeys: Uint8Array[],
  schoolId: string,
  cdr: { orgId: string; signKeys: Uint8Array[] } | null = null,
) {
  const sodium = await loadSodium();
  const org = orgKeyFor(orgKeys, c.orgKeyVersion);
  const threadKey = openSealedKey(
    sodium,
    fromB64(c.threadKeySealed),
    org.boxPublicKey,
    org.boxSecretKey,
  );
  const opened = openThread(
    sodium,
    threadKey,
    { reportId, body: c.body, messages: c.messages, attachments: c.attachments },
    { school: orgSignKeys, cdr: cdr?.signKeys ?? [] },
    cdr ? { school: schoolId, cdr: cdr.orgId } : { school: schoolId },
  );
  const staffKey = c.staffKeySealed
    ? openSealedKey(sodium, fromB64(c.staffKeySealed), org.boxPublicKey, org.boxSecretKey)
    : null;
  const notes = c.notes.map((n) => {
    if (!staffKey) throw new Error('notes without a staff key');
    const blob = fromB64(n.blob);
    const ad = { reportId, kind: 'note' as const, itemId: n.id, authorRole: 'counsellor' as const };
    const content = v.parse(MessageContentSchema, decryptItem(sodium, staffKey, blob, ad));
    verifyMemberEndorsement(
      sodium,
      orgSignKeys,
      {
        orgId: schoolId,
        boxPublicKey: fromB64(n.author.boxPublicKey),
        signPublicKey: fromB64(n.author.signPublicKey),
      },
      fromB64(n.author.endorsement ?? ''),
    );
    verifyItem(sodium, fromB64(n.author.signPublicKey), fromB64(n.signature), blob, ad);
    return { id: n.id, authorId: n.authorId, text: content.text, createdAt: n.createdAt };
  });
  return { ...opened, staffKey, notes };
}

export async function composeReply(
  threadKey: Uint8Array,
  reportId: string,
  tip: ChainTip | null,
  text: string,
  signSecretKey: Uint8Array,
  authorRole: 'counsellor' | 'cdr' = 'counsellor',
) {
  const m = composeMessage(await loadSodium(), {
    threadKey,
    reportId,
    tip,
    content: { v: 1, text },
    authorRole,
    signSecretKey,
  });
  return {
    id: m.id,
    seq: m.seq,
    blob: toB64(m.blob),
    signature: toB64(m.signature ?? new Uint8Array()),
  };
}

/** A new K_staff for a report, sealed to the school's org key (the pupil never gets it). */
export async function createStaffKey(orgKeys: OrgKeyVersion[], version: number) {
  const sodium = await loadSodium();
  const staffKey = newKey(sodium);
  return {
    staffKey,
    sealed: toB64(sealKey(sodium, staffKey, orgKeyFor(orgKeys, version).boxPublicKey)),
  };
}

export async function composeNote(
  staffKey: Uint8Array,
  reportId: string,
  text: string,
  signSecretKey: Uint8Array,
) {
  const sodium = await loadSodium();
  const id = newUuid(sodium);
  const ad = { reportId, kind: 'note' as const, itemId: id, authorRole: 'counsellor' as const };
  const content = readable(MessageContentSchema, { v: 1, text });
  const blob = encryptItem(sodium, staffKey, content, ad);
  return { id, blob: toB64(blob), signature: toB64(signItem(sodium, signSecretKey, blob, ad)) };
}

/** The inviter's side: a secret for the link, and the same secret sealed to the org key. */
export async function createInviteSecret(orgBoxPublicKey: Uint8Array) {
  const sodium = await loadSodium();
  const secret = sodium.randombytes_buf(32);
  return { secret: toB64(secret), secretSealed: toB64(sealBytes(sodium, secret, orgBoxPublicKey)) };
}

/** The invitee's side: password material and keys, MAC'd with the link's secret. */
export async function prepareAccount(password: string, secret: string) {
  const sodium = await loadSodium();
  const cred = createStaffCredentials(sodium, password);
  return {
    salt: toB64(cred.salt),
    authKey: toB64(cred.authKey),
    boxPublicKey: toB64(cred.keys.boxPublicKey),
    signPublicKey: toB64(cred.keys.signPublicKey),
    wrappedKeys: toB64(cred.wrappedKeys),
    recoveryWrappedKeys: toB64(cred.recoveryWrappedKeys),
    recoveryKey: cred.recoveryKey,
    mac: toB64(inviteMac(sodium, fromB64(secret), cred.keys.boxPublicKey, cred.keys.signPublicKey)),
  };
}

/** A colleague's side: check the MAC against the sealed secret, then seal the org key and endorse;
 * the older versions this colleague holds go along, so the newcomer opens old reports too. */
export async function grantMember(member: MemberDto, orgId: string, held: OrgKeyVersion[]) {
  const sodium = await loadSodium();
  if (!member.pending) throw new Error('nothing to grant');
  const org = newestKey(held);
  const secret = openSealed(
    sodium,
    fromB64(member.pending.secretSealed),
    org.keys.boxPublicKey,
    org.keys.boxSecretKey,
  );
  const boxPublicKey = fromB64(member.boxPublicKey);
  const signPublicKey = fromB64(member.signPublicKey);
  verifyInviteMac(sodium, secret, boxPublicKey, signPublicKey, fromB64(member.pending.mac));
  const older = held.filter((k) => k.version !== org.version);
  return {
    version: org.version,
    sealedKeys: toB64(sealOrgKeys(sodium, org.keys, boxPublicKey)),
    endorsement: toB64(
      endorseMember(sodium, org.keys.signSecretKey, { orgId, boxPublicKey, signPublicKey }),
    ),
    ...(older.length > 0 ? { older: sealVersions(sodium, older, boxPublicKey) } : {}),
  };
}

/** A new password re-wraps only the personal keys. */
export async function rewrapForPassword(
  personal: Awaited<ReturnType<typeof unlock>>['personal'],
  password: string,
) {
  const sodium = await loadSodium();
  const salt = sodium.randombytes_buf(16);
  const limits = { opslimit: 3, memlimit: 256 * 1024 * 1024 };
  const { authKey, wrapKey } = derivePasswordKeys(sodium, password, salt, limits);
  return {
    salt: toB64(salt),
    authKey: toB64(authKey),
    ...limits,
    wrappedKeys: toB64(wrapPersonalKeys(sodium, personal, wrapKey)),
  };
}

/** Forgotten password: the recovery key opens the personal keys, which sign the new password's
 * authKey so the server can check the request came from the key holder. */
export async function recoverAccount(
  login: string,
  recoveryKey: string,
  recoveryWrappedKeys: string,
  password: string,
) {
  const sodium = await loadSodium();
  const personal = unwrapPersonalKeys(
    sodium,
    fromB64(recoveryWrappedKeys),
    recoveryWrapKey(sodium, recoveryKey),
  );
  const fresh = await rewrapForPassword(personal, password);
  const message = new TextEncoder().encode(
    `bezpieczny-glos/v1/recovery\0${login}\0${fresh.authKey}`,
  );
  return { ...fresh, proof: toB64(sodium.crypto_sign_detached(message, personal.signSecretKey)) };
}
