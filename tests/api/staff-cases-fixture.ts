// The staff API tests' common ground, on top of the pupil fixture: a demo member signed in (a
// session cookie) with the keys their browser would hold (password -> personal keys -> the
// organisation key grant), extra members for a school, and the case calls a staff browser makes.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  composeMessage,
  derivePasswordKeys,
  fromB64,
  openOrgKeys,
  openSealedKey,
  toB64,
  unwrapPersonalKeys,
  type OrgKeyPair,
} from '../../shared/crypto/index.ts';
import type { CaseDto, InboxDto } from '../../shared/protocol/staff.ts';
import { findKeyGrant, findOrganisation } from '../../server/db/repositories/organisations.ts';
import { findStaffByLogin, insertStaff } from '../../server/db/repositories/staff.ts';
import type { DialectName } from '../../server/db/dialect.ts';
import type { StaffRole, StaffStatus } from '../../server/db/tables/staff.ts';
import { staffCookie, staffHeaders, staffJson } from '../tools/staff-session.ts';
import type { TestAppOptions } from './app-harness.ts';
import { passwordOf, pupilFixture, type PupilFixture } from './pupil-fixture.ts';

export interface Member {
  id: string;
  cookie: string;
  orgId: string | null;
  signSecretKey: Uint8Array;
  /** The organisation's keys (version 1), as the member's browser opens them; null without org. */
  orgKeys: OrgKeyPair | null;
}

export interface StaffFixture extends PupilFixture {
  /** A demo member by login, signed in. */
  member(login: string): Promise<Member>;
  /** A new member of a school (no usable keys: for assignment, roles and alert recipients). */
  addMember(
    code: string,
    options?: { role?: StaffRole; status?: StaffStatus },
  ): Promise<{ id: string; cookie: string }>;
  get(cookie: string, path: string): Promise<Response>;
  send(cookie: string, method: string, path: string, body?: unknown): Promise<Response>;
  inbox(cookie: string, query?: string): Promise<InboxDto>;
  openCase(m: Member, reportId: string): Promise<CaseDto & { threadKey: Uint8Array }>;
  /** Composes and posts the counsellor's next reply; fails the test unless it is accepted. */
  reply(m: Member, reportId: string, text: string): Promise<void>;
}

export const SP1_COUNSELLOR = 'pedagog.sp1@demo.invalid';
export const SP2_COUNSELLOR = 'pedagog.sp2@demo.invalid';
export const CDR_SPECIALIST = 'psycholog.cdr@demo.invalid';
export const ADMIN = 'admin@demo.invalid';

export async function staffFixture(
  dialect: DialectName,
  options: TestAppOptions = {},
): Promise<StaffFixture> {
  const f = await pupilFixture(dialect, options);
  const { t, demo } = f;
  const db = t.handle.db;
  const sodium = f.client().sodium;

  const member = async (login: string): Promise<Member> => {
    const staff = await findStaffByLogin(db, login);
    if (!staff) throw new Error(`no staff ${login}`);
    const { wrapKey } = derivePasswordKeys(
      sodium,
      passwordOf(demo, login),
      fromB64(staff.auth_salt),
      { opslimit: staff.auth_opslimit, memlimit: staff.auth_memlimit },
    );
    const personal = unwrapPersonalKeys(sodium, staff.wrapped_keys, wrapKey);
    const grant = staff.org_id
      ? await findKeyGrant(db, { orgId: staff.org_id, version: 1, staffId: staff.id })
      : undefined;
    return {
      id: staff.id,
      cookie: await staffCookie(db, staff.id, t.now),
      orgId: staff.org_id,
      signSecretKey: personal.signSecretKey,
      orgKeys: grant
        ? openOrgKeys(sodium, grant.sealed_keys, personal.boxPublicKey, personal.boxSecretKey)
        : null,
    };
  };

  const addMember: StaffFixture['addMember'] = async (code, options = {}) => {
    const org = await findOrganisation(db, { code });
    if (!org) throw new Error(`no organisation ${code}`);
    const id = randomUUID();
    const key = toB64(sodium.randombytes_buf(32));
    await insertStaff(db, {
      id,
      org_id: org.id,
      role: options.role ?? 'counsellor',
      status: options.status ?? 'active',
      display_name: `Extra ${id.slice(0, 4)}`,
      login: `extra.${id}@demo.invalid`,
      auth_salt: toB64(sodium.randombytes_buf(16)),
      auth_opslimit: 1,
      auth_memlimit: 8192,
      auth_hash: '0'.repeat(64),
      box_public_key: key,
      sign_public_key: key,
      wrapped_keys: new Uint8Array(8),
      recovery_wrapped_keys: new Uint8Array(8),
      org_endorsement: null,
      totp_secret: null,
      created_at: t.now.toISOString(),
    });
    return { id, cookie: await staffCookie(db, id, t.now) };
  };

  const get = async (cookie: string, path: string) =>
    t.app.request(path, { headers: staffHeaders(cookie) });
  const send = async (cookie: string, method: string, path: string, body?: unknown) =>
    t.app.request(path, staffJson(cookie, method, body ?? {}));

  const inbox = async (cookie: string, query = '') => {
    const res = await get(cookie, `/api/staff/reports${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as InboxDto;
  };

  const openCase = async (m: Member, reportId: string) => {
    const res = await get(m.cookie, `/api/staff/reports/${reportId}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const dto = (await res.json()) as CaseDto;
    if (!m.orgKeys) throw new Error('member without organisation keys');
    const threadKey = openSealedKey(
      sodium,
      fromB64(dto.threadKeySealed),
      m.orgKeys.boxPublicKey,
      m.orgKeys.boxSecretKey,
    );
    return { ...dto, threadKey };
  };

  const reply = async (m: Member, reportId: string, text: string) => {
    const opened = await openCase(m, reportId);
    const last = opened.messages.at(-1);
    const msg = composeMessage(sodium, {
      threadKey: opened.threadKey,
      reportId,
      tip: last ? { seq: last.seq, blob: fromB64(last.blob) } : null,
      content: { v: 1, text },
      authorRole: 'counsellor',
      signSecretKey: m.signSecretKey,
    });
    const res = await send(m.cookie, 'POST', `/api/staff/reports/${reportId}/messages`, {
      id: msg.id,
      seq: msg.seq,
      blob: toB64(msg.blob),
      signature: toB64(msg.signature ?? new Uint8Array()),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };

  return { ...f, member, addMember, get, send, inbox, openCase, reply };
}
