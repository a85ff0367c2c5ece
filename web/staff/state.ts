// The signed-in member and their unlocked keys, in memory only: logout, the idle lock or closing the
// tab forgets them (the session cookie alone opens nothing).
import { signal } from '@preact/signals';
import type { PersonalKeys } from '../../shared/crypto/index.ts';
import type { StaffMeDto } from '../../shared/protocol/staff.ts';
import type { OrgKeyVersion } from '../crypto/staff-ops.ts';

export interface Unlocked {
  me: StaffMeDto;
  personal: PersonalKeys;
  orgKeys: OrgKeyVersion[];
  /** Sign keys of the member's organisation's verified certificates. */
  orgSignKeys: Uint8Array[];
}

export type View =
  | { name: 'login' }
  | { name: 'recovery' }
  | { name: 'invite'; id: string; token: string; secret: string }
  | { name: 'waiting' }
  | { name: 'inbox' }
  | { name: 'escalations' }
  | { name: 'escalation'; id: string }
  | { name: 'help' }
  | { name: 'stats' }
  | { name: 'audit' }
  | { name: 'retention' }
  | { name: 'orgs' }
  | { name: 'case'; id: string }
  | { name: 'members' }
  | { name: 'settings' }
  | { name: 'directory' };

export const unlocked = signal<Unlocked | null>(null);

/** A member signed in who waits for the organisation key: their own keys (for the recovery key
 * or the founding step) and the password's wrapKey, to unlock as at sign-in once granted. */
export const waitingMember = signal<
  (Pick<Unlocked, 'me' | 'personal'> & { wrapKey: Uint8Array }) | null
>(null);
export const view = signal<View>({ name: 'login' });
