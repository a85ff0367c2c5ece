// An alert sender for tests: records the events the app asked to alert about, sends nothing.
import type { AlertEvent, AlertSender } from '../../server/alerts/types.ts';

export interface CapturedAlerts extends AlertSender {
  events: AlertEvent[];
}

/** A syntactically valid VAPID public key (65-byte P-256 point, base64url) for the push-key endpoint. */
export const TEST_PUSH_KEY = `B${'A'.repeat(86)}`;

export function captureAlerts(): CapturedAlerts {
  const events: AlertEvent[] = [];
  return {
    events,
    pushPublicKey: TEST_PUSH_KEY,
    notify: (event) => void events.push(event),
    deliverDue: () => Promise.resolve(0),
    settled: () => Promise.resolve(),
  };
}
