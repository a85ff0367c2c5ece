// Turning on Web Push alerts in this browser: the staff service worker (scope /staff/), a push
// subscription with the server's VAPID key, and the subscription sent to the server.
import type { PushKeyDto } from '../../shared/protocol/staff.ts';
import { fromB64 } from '../../shared/envelope/base64url.ts';
import { request, requestJson } from '../common/api.ts';

export const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window;

export async function enablePush(): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('notifications not allowed');
  const registration = await navigator.serviceWorker.register('/staff/sw.js', { scope: '/staff/' });
  await navigator.serviceWorker.ready;
  const { publicKey } = await requestJson<PushKeyDto>('/api/staff/me/alerts/push-key');
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: new Uint8Array(fromB64(publicKey)),
  });
  const json = subscription.toJSON();
  await request('/api/staff/me/alerts/push-subscription', {
    method: 'POST',
    json: { endpoint: json.endpoint, keys: json.keys },
  });
}
