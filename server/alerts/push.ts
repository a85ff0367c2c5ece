// Web Push alerts: web-push encrypts the payload (aes128gcm) and signs the VAPID header; the
// request itself goes out through fetch, so the sender sees the push service's status (404/410:
// the subscription is gone) and tests can point a subscription at a local HTTP server.
import webpush from 'web-push';
import { pushEndpointProblem, type PushEndpointRules } from './push-endpoints.ts';
import type { Db } from '../db/database.ts';
import { getSetting, setSettingIfAbsent } from '../db/repositories/settings.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Sends one push; resolves with the push service's HTTP status. */
export type Pusher = (target: PushTarget, payload: string) => Promise<number>;

/** Push services answer fast; a hung one must not hold alerts for long. */
const PUSH_TIMEOUT_MS = 10_000;
/** An alert older than a day is no use: let the push service drop it. */
const PUSH_TTL_SECONDS = 24 * 60 * 60;

export function webPusher(vapid: VapidKeys, rules: PushEndpointRules): Pusher {
  return async (target, payload) => {
    // Endpoints come from browsers; only known push services are contacted, so a stored endpoint
    // cannot make the server post into its own network [Note: push endpoints].
    const problem = pushEndpointProblem(target.endpoint, rules);
    if (problem) throw new Error(`push endpoint ${problem}`);
    const details = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      payload,
      { vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, urgency: 'high' },
    );
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(details.headers)) headers[k] = String(v);
    const res = await fetch(details.endpoint, {
      method: 'POST',
      headers,
      body: details.body ? new Uint8Array(details.body) : null,
      redirect: 'manual',
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.status;
  };
}

/**
 * The VAPID keys: from the configuration, or made on first start and kept in settings
 * ('vapid_keys'), so push works out of the box and browsers' subscriptions survive a restart.
 */
export async function loadVapidKeys(
  db: Db,
  configured: { publicKey: string; privateKey: string } | undefined,
  subject: string,
): Promise<VapidKeys> {
  if (configured) return { ...configured, subject };
  const fresh = webpush.generateVAPIDKeys();
  await setSettingIfAbsent(db, 'vapid_keys', JSON.stringify(fresh));
  const stored = JSON.parse((await getSetting(db, 'vapid_keys')) ?? '{}') as {
    publicKey: string;
    privateKey: string;
  };
  return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
}
