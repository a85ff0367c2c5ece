// A school's real organisation keys, opened the way its member's browser opens them (password ->
// personal keys -> key grant), straight from the demo database: what the tests compare a
// malicious server's offerings against.
import {
  derivePasswordKeys,
  fromB64,
  openOrgKeys,
  unwrapPersonalKeys,
  type OrgKeyPair,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { Db } from '../../server/db/database.ts';
import type { DemoResult } from '../../server/demo/seed-demo.ts';

export async function schoolKeysOf(
  sodium: Sodium,
  db: Db,
  demo: DemoResult,
  login: string,
): Promise<OrgKeyPair> {
  const account = demo.accounts.find((a) => a.login === login);
  if (!account) throw new Error(`no demo account ${login}`);
  const staff = await db
    .selectFrom('staff')
    .selectAll()
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  const { wrapKey } = derivePasswordKeys(sodium, account.password, fromB64(staff.auth_salt), {
    opslimit: staff.auth_opslimit,
    memlimit: staff.auth_memlimit,
  });
  const personal = unwrapPersonalKeys(sodium, staff.wrapped_keys, wrapKey);
  const grant = await db
    .selectFrom('org_key_grants')
    .selectAll()
    .where('staff_id', '=', staff.id)
    .where('version', '=', 1)
    .executeTakeFirstOrThrow();
  return openOrgKeys(sodium, grant.sealed_keys, personal.boxPublicKey, personal.boxSecretKey);
}
