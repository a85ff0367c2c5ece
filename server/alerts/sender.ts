// The alert sender [Note: content-free alerts]: on an event it finds the school's counsellors (or,
// for an escalation, the CdR's specialists) who want an alert of this kind, and sends each an
// e-mail and/or a push to each of their browsers, and an e-mail to the organisation's shared
// mailbox when the administrator set one (each address once). Everything after notify() runs in the
// background; errors are logged by channel and error code only (an SMTP error message can quote
// an address).
import type { Db } from '../db/database.ts';
import {
  deletePushSubscription,
  listAlertRecipients,
  listPushSubscriptions,
} from '../db/repositories/alert-settings.ts';
import { findOrganisation, findOrganisationRow } from '../db/repositories/organisations.ts';
import type { Logger } from '../middleware/request-log.ts';
import type { Mailer } from './email.ts';
import type { Pusher } from './push.ts';
import { alertText } from './texts.ts';
import type { AlertEvent, AlertSender } from './types.ts';

export interface AlertSenderOptions {
  db: Db;
  log: Logger;
  /** Absolute URL of the staff app, e.g. https://glos.example.pl/staff/. */
  staffUrl: string;
  /** null: e-mail alerts are off (no SMTP_URL). */
  mailer: Mailer | null;
  /** null: push alerts are off. */
  pusher: Pusher | null;
  pushPublicKey: string | null;
}

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
    const name = (err as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}

export function createAlertSender(options: AlertSenderOptions): AlertSender {
  const { db, log, mailer, pusher } = options;
  const pending = new Set<Promise<void>>();
  const failed = (channel: string, err: unknown) =>
    log({ level: 'error', msg: 'alert not sent', error: `${channel}: ${errorCode(err)}` });

  async function deliver(event: AlertEvent): Promise<void> {
    if (!mailer && !pusher) return;
    // An alert to the CdR (an escalation, or the pupil writing in a conversation handed over)
    // goes to its specialists and names the school it came from.
    const role = event.schoolOrgId !== undefined ? 'cdr_specialist' : 'counsellor';
    const [org, alerted, recipients] = await Promise.all([
      findOrganisation(db, { id: event.schoolOrgId ?? event.orgId }),
      findOrganisationRow(db, { id: event.orgId }),
      listAlertRecipients(db, event.orgId, event.urgent, role),
    ]);
    // The organisation's shared mailbox, set by the administrator, hears of urgent events only
    // unless it asked for all.
    const mailbox =
      alerted?.alert_email && (event.urgent || alerted.alert_urgent_only === 0)
        ? alerted.alert_email
        : null;
    if (!org || (recipients.length === 0 && !mailbox)) return;
    const text = alertText({
      kind: event.kind,
      urgent: event.urgent,
      schoolCode: org.code,
      staffUrl: options.staffUrl,
    });
    const jobs: Promise<void>[] = [];
    if (mailer) {
      const addresses = new Set(
        recipients.flatMap((r) => (r.emailEnabled && r.email ? [r.email] : [])),
      );
      if (mailbox) addresses.add(mailbox);
      for (const to of addresses) {
        jobs.push(
          mailer({ to, subject: text.subject, text: text.text }).catch((e: unknown) =>
            failed('email', e),
          ),
        );
      }
    }
    if (pusher) {
      const ids = recipients.filter((r) => r.pushEnabled).map((r) => r.staffId);
      const payload = JSON.stringify(text.push);
      for (const sub of await listPushSubscriptions(db, ids)) {
        const push = async () => {
          const status = await pusher(sub, payload);
          // The browser unsubscribed or the subscription expired: forget it.
          if (status === 404 || status === 410) await deletePushSubscription(db, sub.endpoint);
          else if (status >= 400) failed('push', { code: `HTTP_${status}` });
        };
        jobs.push(push().catch((e: unknown) => failed('push', e)));
      }
    }
    await Promise.all(jobs);
  }

  return {
    pushPublicKey: options.pushPublicKey,
    notify(event) {
      // setImmediate: the look-ups start only after the caller's response is on its way.
      const job = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => deliver(event))
        .catch((e: unknown) => failed('lookup', e));
      pending.add(job);
      void job.finally(() => pending.delete(job));
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** For apps built without alerts (and tests that do not look at them). */
export const noAlerts: AlertSender = {
  pushPublicKey: null,
  notify: () => undefined,
  settled: () => Promise.resolve(),
};
