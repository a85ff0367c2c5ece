// StaffMeDto: who is signed in, their public keys, their wrapped personal keys and every
// organisation key grant sealed to them (the browser unwraps and opens them locally).
import type { MemberDto, StaffMeDto } from '../../shared/protocol/staff.ts';
import type { DbOrTrx } from '../db/database.ts';
import { listKeyGrantsOfStaff } from '../db/repositories/staff-credentials.ts';
import type { Invitation } from '../db/tables/staff-work.ts';
import type { Staff } from '../db/tables/staff.ts';
import { encodeField } from './wire-bytes.ts';

export async function staffMe(db: DbOrTrx, staff: Staff): Promise<StaffMeDto> {
  const org = staff.org_id
    ? await db
        .selectFrom('organisations')
        .select(['id', 'kind', 'name', 'code'])
        .where('id', '=', staff.org_id)
        .executeTakeFirst()
    : undefined;
  const grants = await listKeyGrantsOfStaff(db, staff.id);
  return {
    id: staff.id,
    login: staff.login,
    displayName: staff.display_name,
    role: staff.role,
    status: staff.status === 'invited' ? 'invited' : 'active',
    org: org ?? null,
    boxPublicKey: staff.box_public_key,
    signPublicKey: staff.sign_public_key,
    wrappedKeys: encodeField(staff.wrapped_keys),
    keyGrants: grants.map((g) => ({
      orgId: g.org_id,
      version: g.version,
      sealedKeys: encodeField(g.sealed_keys),
    })),
  };
}

/** A colleague as the member list shows them; `invitation` only for those still waiting. */
export function memberDto(staff: Staff, invitation: Invitation | undefined): MemberDto {
  const pending =
    staff.status === 'invited' && invitation?.mac
      ? {
          mac: invitation.mac,
          secretSealed: invitation.secret_sealed,
          renewedBy: invitation.renews_staff_id ? invitation.created_by : null,
        }
      : null;
  return {
    id: staff.id,
    login: staff.login,
    displayName: staff.display_name,
    role: staff.role,
    status: staff.status,
    boxPublicKey: staff.box_public_key,
    signPublicKey: staff.sign_public_key,
    pending,
    endorsement: staff.org_endorsement,
  };
}
