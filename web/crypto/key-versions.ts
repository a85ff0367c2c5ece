// The organisation key versions a member holds, for the worker operations that hand them on
// (kept out of *-ops.ts, whose every export is a worker operation).
import { sealOrgKeys, toB64, type Sodium } from '../../shared/crypto/index.ts';
import type { OrgKeyVersion } from './staff-ops.ts';

/** The newest version held; its sign key endorses what the member hands on. */
export function newestKey(keys: readonly OrgKeyVersion[]): OrgKeyVersion {
  const top = keys.reduce<OrgKeyVersion | undefined>(
    (a, b) => (a && a.version >= b.version ? a : b),
    undefined,
  );
  if (!top) throw new Error('no organisation key');
  return top;
}

/** Each version sealed to one box key (a newcomer's, the recovery key's), as the API takes them. */
export function sealVersions(
  sodium: Sodium,
  keys: readonly OrgKeyVersion[],
  boxPublicKey: Uint8Array,
): { version: number; sealedKeys: string }[] {
  return keys.map((k) => ({
    version: k.version,
    sealedKeys: toB64(sealOrgKeys(sodium, k.keys, boxPublicKey)),
  }));
}
