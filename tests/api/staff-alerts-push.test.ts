// Web Push alerts end to end against a fake push service on loopback: a member's browser
// subscription (a real P-256 key and auth secret) gets a VAPID-signed, aes128gcm-encrypted push
// that decrypts to the content-free alert; a 410 from the push service removes the subscription.
import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      alerts: (db, log, clock) => {
        // Built lazily inside: the VAPID keys are made on first use and kept in settings.
        let pusher: ReturnType<typeof webPusher> | undefined;
        const keys = loadVapidKeys(db, undefined, 'mailto:test@example.invalid');
        return createAlertSender({
          db,
          log,
          clock,
          staffUrl: 'https://glos.example.invalid/staff/',
          mailer: null,
          pusher: async (target, payload) => {
            pusher ??= webPusher(await keys, { allowHttp: true });
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
      url: '/staff/',
    });
    expect(plain).not.toContain(CANARY);
    expect(plain).not.toContain(report.reportId);
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
});
