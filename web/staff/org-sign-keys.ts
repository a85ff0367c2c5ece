// The sign keys of an organisation's certificates, each verified against the pinned root key in
// the worker, no older than the newest version this page has seen [Note: certificate rollback]:
// what colleagues' and CdR specialists' endorsements are checked against.
import { seenVersion } from '../common/seen-versions.ts';
import { crypto } from './crypto.ts';
import { staffApi } from './staff-api.ts';

export async function orgSignKeys(orgId: string): Promise<Uint8Array[]> {
  const { certificates } = await staffApi.certificates(orgId);
  return crypto('verifiedSignKeys', orgId, certificates, seenVersion(orgId));
}
