// `create-admin --login EMAIL --name NAME`: the municipal administrator's account, for a real
// deployment (DEMO=0 makes none). It runs where the database is, as the operator who will be the
// administrator: the password is typed (or ADMIN_PASSWORD), Argon2id and the personal keys are made
// here as a browser would make them, and the one-time sign-in secrets (TOTP secret, recovery key)
// are printed once for the new administrator's authenticator app and drawer. An administrator holds
// no organisation key: nothing this account can do opens a report.
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import {
  ARGON_MODERATE,
  createStaffCredentials,
  type Sodium,
} from '../../../shared/crypto/index.ts';
import { LoginSchema } from '../../../shared/protocol/staff.ts';
import type { DatabaseHandle } from '../../db/dialect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { findStaffByLogin, insertStaff } from '../../db/repositories/staff.ts';
import { staffRowOf } from '../../services/staff-account.ts';
import { newTotpSecret, totpUri } from '../../services/totp.ts';
import { nameFlag, required, type Flags } from './args.ts';
import { readNewPassword } from './passphrase.ts';

export async function createAdmin(
  sodium: Sodium,
  flags: Flags,
  handle: DatabaseHandle,
): Promise<void> {
  const parsed = v.safeParse(LoginSchema, required(flags, 'login'));
  if (!parsed.success) throw new Error('--login must be an e-mail address');
  const login = parsed.output;
  const displayName = nameFlag(flags);
  // The first command of a new deployment may run before the server ever started.
  await migrateToLatest(handle.db);
  if (await findStaffByLogin(handle.db, login)) throw new Error(`an account ${login} exists`);
  const password = await readNewPassword();
  const cred = createStaffCredentials(sodium, password);
  const totpSecret = newTotpSecret();
  const id = randomUUID();
  const now = new Date();
  await handle.db.transaction().execute(async (trx) => {
    await insertStaff(
      trx,
      staffRowOf(cred, ARGON_MODERATE, {
        id,
        orgId: null,
        role: 'admin',
        displayName,
        login,
        totpSecret,
        endorsement: null,
        createdAt: now.toISOString(),
      }),
    );
    await appendAudit(
      trx,
      {
        orgId: null,
        actorId: null,
        action: 'staff.created',
        subjectType: 'staff',
        subjectId: id,
        at: now,
      },
      handle.dialect,
    );
  });
  console.log(`Administrator ${login} created.`);
  console.log(
    'Add this secret to an authenticator app (or turn the otpauth:// line into a QR code):',
  );
  console.log(`  ${totpSecret}`);
  console.log(`  ${totpUri(totpSecret, login)}`);
  console.log('Recovery key (print it, keep it apart from the password; shown only now):');
  console.log(`  ${cred.recoveryKey}`);
}
