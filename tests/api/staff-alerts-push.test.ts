// Web Push alerts end to end against a fake push service on loopback: a member's browser
// subscription (a real P-256 key and auth secret) gets a VAPID-signed, aes128gcm-encrypted push
// that decrypts to the content-free alert; a 410 from the push service removes the subscription.
// Endpoints outside the push services' hosts, another member's endpoint and more than a few per
// member are refused [Note: push endpoints].
import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PUSH_HOSTS,
  PUSH_SUBSCRIPTIONS_PER_MEMBER,
  pushEndpointProblem,
} from '../../server/alerts/push-endpoints.ts';
import { loadVapidKeys, webPusher } from '../../server/alerts/push.ts';
import { createAlertSender } from '../../server/alerts/sender.ts';
import { getSetting } from '../../server/db/repositories/settings.ts';
import { DIALECTS } from './test-db.ts';
import { SP1_COUNSELLOR, staffFixture, type StaffFixture } from './staff-cases-fixture.ts';

// web-push's own decryption counterpart (a dependency of web-push, without types).
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(
    body: Buffer,
    params: { version: string; privateKey: unknown; authSecret: string },
  ): Buffer;
};

const CANARY = 'kanarek-push-81c2';
/** The fake push service on loopback stands in for a known one. */
const LOCAL = { hosts: ['127.0.0.1'], allowHttp: true };

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

describe.each(DIALECTS)('push alerts on %s', (dialect) => {
  let f: StaffFixture;
  /** Queued alerts sent as if their (random, at most two hours') delay had passed. */
  const deliverAll = async () => {
    await f.t.alerts.settled();
    await f.t.alerts.deliverDue(new Date(f.t.now.getTime() + 2 * 60 * 60 * 1000));
  };
  const received: Received[] = [];
  let answer = 201;
  const service = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answer).end();
    });
  });
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
    f = await staffFixture(dialect, {
      pushRules: LOCAL,
      alerts: (db, log, clock, writer) => {
        // Built lazily inside: the VAPID keys are made on first use and kept in settings.
        let pusher: ReturnType<typeof webPusher> | undefined;
        const keys = loadVapidKeys(db, undefined, 'mailto:test@example.invalid');
        return createAlertSender({
          db,
          writer,
          log,
          clock,
          staffUrl: 'https://glos.example.invalid/staff/',
          mailer: null,
          pusher: async (target, payload) => {
            pusher ??= webPusher(await keys, LOCAL);
            return pusher(target, payload);
          },
          pushPublicKey: null,
        });
      },
    });
  });
  afterAll(async () => {
    await f.t.close();
    await new Promise<void>((resolve) => service.close(() => resolve()));
  });

  it('sends an encrypted, VAPID-signed, content-free push to a subscribed member', async () => {
    const me = await f.member(SP1_COUNSELLOR);
    const browser = createECDH('prime256v1');
    browser.generateKeys();
    const auth = randomBytes(16).toString('base64url');
    const sub = {
      endpoint: `${base}/push/${crypto.randomUUID()}`,
      keys: { p256dh: browser.getPublicKey().toString('base64url'), auth },
    };
    expect(
      (await f.send(me.cookie, 'POST', '/api/staff/me/alerts/push-subscription', sub)).status,
    ).toBe(204);
    const put = await f.send(me.cookie, 'PUT', '/api/staff/me/alerts', {
      email: null,
      emailEnabled: false,
      pushEnabled: true,
      urgentOnly: false,
    });
    expect(put.status).toBe(200);

    const pupil = f.client('SP1');
    const report = pupil.compose({ text: CANARY }, true);
    expect((await pupil.submit(report)).status).toBe(201);
    await deliverAll();

    expect(received).toHaveLength(1);
    const [push] = received;
    if (!push) throw new Error('no push');
    expect(push.path).toBe(new URL(sub.endpoint).pathname);
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    const vapid = JSON.parse((await getSetting(f.t.handle.db, 'vapid_keys')) ?? '{}') as {
      publicKey: string;
    };
    expect(push.headers['authorization']).toContain(`k=${vapid.publicKey}`);
    const plain = ece
      .decrypt(push.body, { version: 'aes128gcm', privateKey: browser, authSecret: auth })
      .toString('utf8');
    expect(JSON.parse(plain)).toEqual({
      title: 'Bezpieczny Głos: nowe pilne zgłoszenie (SP1)',
      body: 'W szkole SP1 czeka nowe pilne zgłoszenie.',
      // An urgent report's alert opens its case (the id only) [Note: urgent alert links].
      url: `/staff/reports/${report.reportId}`,
    });
    expect(plain).not.toContain(CANARY);
  });

  it('forgets a subscription the push service says is gone (410)', async () => {
    answer = 410;
    received.length = 0;
    await f.submitted(f.client('SP1'), { text: CANARY });
    await deliverAll();
    expect(received).toHaveLength(1);
    const left = await f.t.handle.db.selectFrom('push_subscriptions').selectAll().execute();
    expect(left).toEqual([]);
  });

  const subscribe = (cookie: string, endpoint: string) =>
    f.send(cookie, 'POST', '/api/staff/me/alerts/push-subscription', {
      endpoint,
      keys: { p256dh: 'BPk', auth: 'c2VjcmV0' },
    });
  const ownerOf = async (endpoint: string) =>
    (
      await f.t.handle.db
        .selectFrom('push_subscriptions')
        .select('staff_id')
        .where('endpoint', '=', endpoint)
        .executeTakeFirst()
    )?.staff_id;

  it('refuses endpoints that are not a known push service, before storing them', async () => {
    const me = await f.member(SP1_COUNSELLOR);
    for (const endpoint of [
      'https://10.0.0.5/internal',
      'https://metadata.google.internal/computeMetadata',
      'https://fcm.googleapis.com.evil.example/x',
      'http://fcm.googleapis.com/fcm/send/plain-http',
      'https://fcm.googleapis.com:8443/fcm/send/other-port',
    ]) {
      const strict = { hosts: ['fcm.googleapis.com', '*.notify.windows.com'] };
      expect(pushEndpointProblem(endpoint, strict), endpoint).not.toBeNull();
    }
    expect(
      pushEndpointProblem('https://fcm.googleapis.com/fcm/send/abc', { hosts: DEFAULT_PUSH_HOSTS }),
    ).toBeNull();
    expect(
      pushEndpointProblem('https://wns2-par02p.notify.windows.com/w/?token=x', {
        hosts: DEFAULT_PUSH_HOSTS,
      }),
    ).toBeNull();
    expect(
      pushEndpointProblem('https://notify.windows.com/w', { hosts: DEFAULT_PUSH_HOSTS }),
    ).not.toBeNull();
    expect(
      pushEndpointProblem('https://u:p@fcm.googleapis.com/x', { hosts: DEFAULT_PUSH_HOSTS }),
    ).not.toBeNull();
    // Through the API: this app accepts only loopback (the fake push service).
    for (const endpoint of ['https://10.0.0.5/internal', 'https://example.com/push']) {
      const res = await subscribe(me.cookie, endpoint);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
      expect(await ownerOf(endpoint)).toBeUndefined();
    }
  });

  it("keeps an endpoint with its owner: another member's post is refused", async () => {
    const me = await f.member(SP1_COUNSELLOR);
    const colleague = await f.addMember('SP1');
    const endpoint = `${base}/push/${crypto.randomUUID()}`;
    expect((await subscribe(me.cookie, endpoint)).status).toBe(204);
    const res = await subscribe(colleague.cookie, endpoint);
    expect(res.status).toBe(409);
    expect(await ownerOf(endpoint)).toBe(me.id);
    // The owner may renew it.
    expect((await subscribe(me.cookie, endpoint)).status).toBe(204);
    expect(await ownerOf(endpoint)).toBe(me.id);
  });

  it('caps the subscriptions of one member', async () => {
    const member = await f.addMember('SP1');
    const endpoints = Array.from({ length: PUSH_SUBSCRIPTIONS_PER_MEMBER + 1 }, () => {
      return `${base}/push/${crypto.randomUUID()}`;
    });
    for (const e of endpoints.slice(0, -1))
      expect((await subscribe(member.cookie, e)).status).toBe(204);
    const over = await subscribe(member.cookie, endpoints.at(-1)!);
    expect(over.status).toBe(409);
    expect(await ownerOf(endpoints.at(-1)!)).toBeUndefined();
    // Renewing one already held is not a new one.
    expect((await subscribe(member.cookie, endpoints[0]!)).status).toBe(204);
  });
});
