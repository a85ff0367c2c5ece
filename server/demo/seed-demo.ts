// Creates the demo municipality on an empty database: a root key, seven schools and a CdR, each
// with an organisation key and a root-signed certificate, and demo staff whose personal keys are
// wrapped under their printed passwords, each with a printed TOTP secret for sign-in, and with the
// organisation key sealed to each of them. It does on the server what an administrator and the
// staff's browsers do in a real deployment, with the same shared protocol code; it runs once, and
// the passwords are printed once.
import { randomUUID } from 'node:crypto';
import {
  ARGON_MODERATE,
  createStaffCredentials,
  endorseMember,
  fingerprint,
  generateOrgKeys,
  generateRootKey,
  protectRootKey,
  sealOrgKeys,
  signCertificate,
  toB64,
  type ArgonLimits,
  type OrgKeyPair,
} from '../../shared/crypto/index.ts';
import type { Sodium } from '../../shared/crypto/sodium.ts';
import type { Db, Trx } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import {
  insertCertificate,
  insertKeyGrant,
  insertOrganisation,
} from '../db/repositories/organisations.ts';
import { setSetting } from '../db/repositories/settings.ts';
import { insertStaff } from '../db/repositories/staff.ts';
import { staffRowOf } from '../services/staff-account.ts';
import { newTotpSecret } from '../services/totp.ts';
import type { StaffRole } from '../db/tables/staff.ts';
import { DEMO_ADMIN, DEMO_ORGS } from './demo-municipality.ts';
import { seedRecoveryKey, type DemoRecoveryKey } from './demo-recovery.ts';
import { seedHelpDirectory } from './help-directory.ts';

export interface DemoAccount {
  login: string;
  password: string;
  recoveryKey: string;
  /** base32 TOTP secret for an authenticator app (sign-in asks for its 6-digit code). */
  totpSecret: string;
  role: StaffRole;
  org: string;
}

export interface DemoResult {
  rootPublicKey: string;
  rootFingerprint: string;
  rootPassphrase: string;
  rootKeyFile: string;
  accounts: DemoAccount[];
  /** Each organisation's recovery key, as its head would keep it. */
  recoveryKeys: DemoRecoveryKey[];
}

export interface SeedOptions {
  db: Db;
  dialect: DialectName;
  sodium: Sodium;
  clock: () => Date;
  /** Argon2id limits for the staff passwords and the root key file (tests pass small ones). */
  limits?: ArgonLimits;
}

/** A password that is easy to type from a printout: 4 groups of 5 lower-case letters and digits. */
function readableSecret(sodium: Sodium, groups = 4): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = sodium.randombytes_buf(groups * 5);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length] ?? 'a');
  return Array.from({ length: groups }, (_, i) => chars.slice(i * 5, i * 5 + 5).join('')).join('-');
}

export async function seedDemo(options: SeedOptions): Promise<DemoResult> {
  const { db, dialect, sodium, clock } = options;
  const limits = options.limits ?? ARGON_MODERATE;
  const now = clock().toISOString();
  const root = generateRootKey(sodium);
  const rootPassphrase = readableSecret(sodium, 6);
  const rootKeyFile = JSON.stringify(
    protectRootKey(sodium, root.secretKey, rootPassphrase, limits),
    null,
    2,
  );
  const accounts: DemoAccount[] = [];
  const recoveryKeys: DemoRecoveryKey[] = [];

  const addStaff = async (
    trx: Trx,
    org: { id: string; keys: OrgKeyPair; name: string } | null,
    person: { login: string; displayName: string; role: StaffRole },
  ) => {
    const password = readableSecret(sodium);
    const totpSecret = newTotpSecret();
    const cred = createStaffCredentials(sodium, password, limits);
    const id = randomUUID();
    await insertStaff(
      trx,
      staffRowOf(cred, limits, {
        id,
        orgId: org?.id ?? null,
        role: person.role,
        displayName: person.displayName,
        login: person.login,
        totpSecret,
        // What a member's browser would get from a colleague holding the organisation key.
        endorsement: org
          ? toB64(
              endorseMember(sodium, org.keys.signSecretKey, {
                orgId: org.id,
                boxPublicKey: cred.keys.boxPublicKey,
                signPublicKey: cred.keys.signPublicKey,
              }),
            )
          : null,
        createdAt: now,
      }),
    );
    if (org) {
      const sealed = sealOrgKeys(sodium, org.keys, cred.keys.boxPublicKey);
      await insertKeyGrant(trx, {
        org_id: org.id,
        version: 1,
        staff_id: id,
        sealed_keys: sealed,
        created_at: now,
      });
    }
    await appendAudit(
      trx,
      {
        orgId: org?.id ?? null,
        actorId: null,
        action: 'staff.created',
        subjectType: 'staff',
        subjectId: id,
        at: clock(),
      },
      dialect,
    );
    accounts.push({
      login: person.login,
      password,
      recoveryKey: cred.recoveryKey,
      totpSecret,
      role: person.role,
      org: org?.name ?? 'gmina',
    });
  };

  await db.transaction().execute(async (trx) => {
    for (const demo of DEMO_ORGS) {
      const id = randomUUID();
      const keys = generateOrgKeys(sodium);
      await insertOrganisation(trx, {
        id,
        kind: demo.kind,
        name: demo.name,
        code: demo.code,
        receipt_salt: toB64(sodium.randombytes_buf(16)),
        address: demo.address,
        phone: null,
        hours: demo.hours,
        wait_target_hours: demo.waitTargetHours,
        created_at: now,
      });
      const cert = signCertificate(sodium, root.secretKey, {
        orgId: id,
        kind: demo.kind,
        name: demo.name,
        boxPublicKey: keys.boxPublicKey,
        signPublicKey: keys.signPublicKey,
        version: 1,
        issuedAt: Math.floor(clock().getTime() / 1000),
      });
      await insertCertificate(trx, {
        org_id: id,
        version: 1,
        body: cert.body,
        signature: cert.signature,
        created_at: now,
      });
      await appendAudit(
        trx,
        {
          orgId: null,
          actorId: null,
          action: 'org.created',
          subjectType: 'organisation',
          subjectId: id,
          at: clock(),
        },
        dialect,
      );
      for (const person of demo.staff) await addStaff(trx, { id, keys, name: demo.name }, person);
      recoveryKeys.push(await seedRecoveryKey(trx, sodium, { id, keys, ...demo }, now));
    }
    await addStaff(trx, null, { ...DEMO_ADMIN, role: 'admin' });
    await seedHelpDirectory(trx, now);
    await setSetting(trx, 'root_public_key', toB64(root.publicKey));
    await setSetting(trx, 'demo_seeded_at', now);
  });

  return {
    rootPublicKey: toB64(root.publicKey),
    rootFingerprint: fingerprint(sodium, root.publicKey),
    rootPassphrase,
    rootKeyFile,
    accounts,
    recoveryKeys,
  };
}
