// The requests of the log privacy test (privacy-logs.test.ts): a pupil's whole visit, a
// counsellor's, and a run of refusals, each request carrying canaries (an address in the
// forwarding headers, a user agent, a query string, a body) that must never reach a log line.
// Returns every secret the flow handled (tokens, cookies, keys, codes) for the same search.
import { expect } from 'vitest';
import {
  composeMessage,
  fromB64,
  openSealedKey,
  toB64,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { CaseDto, InboxDto } from '../../shared/protocol/staff.ts';
import type { DemoResult } from '../../server/demo/seed-demo.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { bearer, json, PupilClient, type Send } from '../tools/pupil-client.ts';
import {
  openGrantedOrgKeys,
  staffHeaders,
  staffJson,
  staffLogin,
  totpCode,
  unlockPersonalKeys,
} from '../tools/staff-login.ts';

export const CANARY = {
  agent: 'CanaryAgent/9.9 (privacy-ua-canary)',
  query: 'query-canary-5f1d',
  body: 'body-canary-8a2c',
  path: 'path-canary-3b7e',
  token: 'token-canary-1c9a',
  cookie: 'cookie-canary-44d0',
};
/** Client addresses a proxy would forward: none may be logged. */
export const FORWARDED = {
  'X-Forwarded-For': '203.0.113.77, ::ffff:198.51.100.9',
  'X-Real-IP': '2001:db8::77',
  Forwarded: 'for=192.0.2.60;proto=https',
};

/** fetch against a real listening server, every request with the canary headers. */
export const sendTo =
  (base: string): Send =>
  (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('User-Agent', CANARY.agent);
    for (const [name, value] of Object.entries(FORWARDED)) headers.set(name, value);
    return fetch(base + path, { ...init, headers });
  };

async function status(res: Promise<Response>, expected: number): Promise<Response> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(expected);
  return r;
}

/** A report with a photo and a message, read back, the receipt used again, the session ended. */
export async function pupilVisit(sodium: Sodium, send: Send, school: OrganisationDto) {
  const pupil = new PupilClient(sodium, send, school);
  const report = pupil.compose({ text: CANARY.body });
  const created = await status(pupil.submit(report), 201);
  const { token } = ((await created.json()) as { session: { token: string } }).session;
  const photo = pupil.composeAttachment(report, new TextEncoder().encode(CANARY.body));
  await status(pupil.upload(token, photo), 201);
  await status(pupil.postMessage(token, pupil.composeMessage(report, 1, undefined)), 201);
  await status(pupil.thread(token), 200);
  await status(pupil.download(token, photo.id), 200);
  const again = await status(pupil.openReceipt(report.receiptCode), 200);
  const second = ((await again.json()) as { session: { token: string } }).session.token;
  await status(send('/api/pupil/session', { method: 'DELETE', headers: bearer(second) }), 204);
  return {
    report,
    photoId: photo.id,
    secrets: [token, second, report.receiptCode, report.request.authKey],
  };
}

/** A counsellor signs in, reads the inbox and the case, replies, fetches the photo, signs out. */
export async function counsellorVisit(
  sodium: Sodium,
  send: Send,
  args: { demo: DemoResult; login: string; now: Date; reportId: string; photoId: string },
) {
  const account = args.demo.accounts.find((a) => a.login === args.login);
  if (!account) throw new Error(`no demo account ${args.login}`);
  const signedIn = await staffLogin(send, sodium, { ...account, now: args.now });
  const { cookie, me } = signedIn;
  const get = (path: string) => send(path, { headers: staffHeaders(cookie) });
  await status(get('/api/staff/me'), 200);
  const inbox = (await (await status(get('/api/staff/reports'), 200)).json()) as InboxDto;
  expect(inbox.items.map((i) => i.id)).toContain(args.reportId);
  const dto = (await (
    await status(get(`/api/staff/reports/${args.reportId}`), 200)
  ).json()) as CaseDto;
  const personal = unlockPersonalKeys(sodium, me, signedIn.wrapKey);
  const org = openGrantedOrgKeys(sodium, me, personal);
  const threadKey = openSealedKey(
    sodium,
    fromB64(dto.threadKeySealed),
    org.boxPublicKey,
    org.boxSecretKey,
  );
  const last = dto.messages.at(-1);
  const reply = composeMessage(sodium, {
    threadKey,
    reportId: args.reportId,
    tip: last ? { seq: last.seq, blob: fromB64(last.blob) } : null,
    content: { v: 1, text: CANARY.body },
    authorRole: 'counsellor',
    signSecretKey: personal.signSecretKey,
  });
  const body = {
    id: reply.id,
    seq: reply.seq,
    blob: toB64(reply.blob),
    signature: toB64(reply.signature ?? new Uint8Array()),
  };
  await status(send(`/api/staff/reports/${args.reportId}/messages`, staffJson(body, cookie)), 201);
  await status(get(`/api/staff/reports/${args.reportId}/attachments/${args.photoId}`), 200);
  // Refused: no CSRF header on a write, then a wrong sign-in code.
  await status(
    send(`/api/staff/reports/${args.reportId}/notes`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: CANARY.body }),
    }),
    403,
  );
  const code = Number(await totpCode(account.totpSecret, args.now));
  const wrong = String((code + 1) % 1_000_000).padStart(6, '0');
  const login = (authKey: string) => staffJson({ login: account.login, authKey, totp: wrong });
  await status(send('/api/staff/login', login(CANARY.body)), 400);
  await status(send('/api/staff/login', login(toB64(sodium.randombytes_buf(32)))), 401);
  await status(send('/api/staff/logout', staffJson({}, cookie)), 204);
  return [cookie.split('=')[1] ?? cookie, account.password, account.totpSecret];
}

/** Refusals of every kind a client can provoke, with canaries in the query, path and body;
 * the last request, a 413, leaves the connection closed. */
export async function refusals(
  sodium: Sodium,
  send: Send,
  school: OrganisationDto,
  busy: OrganisationDto,
) {
  const q = `?q=${CANARY.query}`;
  const pupil = new PupilClient(sodium, send, school);
  await status(send(`/api/pupil/challenges${q}`, json({ orgId: CANARY.body, purpose: 'x' })), 400);
  await status(
    send('/api/pupil/receipts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"authKey": "${CANARY.body}"`,
    }),
    400,
  );
  await status(send(`/api/pupil/thread${q}`, { headers: bearer(CANARY.token) }), 401);
  await status(send('/api/staff/me', { headers: { Cookie: `staff=${CANARY.cookie}` } }), 401);
  await status(send(`/api/orgs/by-code/NOPE${q}`), 404);
  await status(send(`/api/${CANARY.path}${q}`), 404);
  await status(send(`/${CANARY.path}${q}`), 404);
  const pow = await pupil.pow('report');
  const sent = await status(
    send('/api/pupil/reports', json({ ...pupil.compose({}).request, pow })),
    201,
  );
  await status(send('/api/pupil/reports', json({ ...pupil.compose({}).request, pow })), 409);
  // The per-report read limit is tiny: reads until it answers 429.
  const { session } = (await sent.json()) as { session: { token: string } };
  await status(pupil.thread(session.token), 200);
  await status(pupil.thread(session.token), 200);
  await status(pupil.thread(session.token), 429);
  // The busy school's difficulty rises with every look-up: an answer solved before three wrong
  // codes has gone stale [Note: admission].
  const other = new PupilClient(sodium, send, busy);
  const early = await other.pow('receipt');
  const codes: number[] = [];
  for (let i = 0; i < 3; i++)
    codes.push((await other.openReceipt(`${1000 + i}`.padEnd(16, '7'))).status);
  const authKey = toB64(sodium.randombytes_buf(32));
  codes.push(
    (await send('/api/pupil/receipts', json({ orgId: busy.id, authKey, pow: early }))).status,
  );
  expect(codes).toEqual([404, 404, 404, 409]);
  // Last: the server answers before reading the whole body and closes the connection.
  await status(
    send('/api/pupil/challenges', json({ orgId: CANARY.body, pad: 'x'.repeat(300 * 1024) })),
    413,
  );
}
