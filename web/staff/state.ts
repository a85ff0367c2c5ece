// The signed-in member and their unlocked keys, in memory only: logout, the idle lock or closing the
// tab forgets them (the session cookie alone opens nothing). [Note: lock and logout]
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

export const unlocked = signal<Unlocked | null>(null);

/** A member signed in who waits for the organisation key: their own keys (for the recovery key
 * or the founding step) and the password's wrapKey, to unlock as at sign-in once granted. */
export const waitingMember = signal<
  (Pick<Unlocked, 'me' | 'personal'> & { wrapKey: Uint8Array }) | null
>(null);

/** An invitation link's parts, read from the fragment at start (the fragment is then removed, so
 * the secret is in memory only, and a reload leaves the invitation). */
export const invite = signal<{ id: string; token: string; secret: string } | null>(null);

/**
 * A server session that is still valid while the keys are not in memory (after a reload or the
 * idle lock): the member, whose keys the server hands back wrapped, waits for the password only.
 * undefined while the app asks the server; null when there is no session (full sign-in).
 */
export const locked = signal<StaffMeDto | null | undefined>(undefined);
