// The alert sender [Note: content-free alerts]: on an event it finds the school's counsellors (or,
// for an escalation, the CdR's specialists) who want an alert of this kind, and sends each an
// e-mail and/or a push to each of their browsers, and an e-mail to the organisation's shared
// mailbox when the administrator set one (each address once). Everything after notify() runs in the
// background; errors are logged by channel and error code only (an SMTP error message can quote
// an address).
//
// [Note: alert delay] An alert sent the moment a pupil writes would give the minute of the report
// to whoever reads the mail or push logs (and with CCTV or the timetable, maybe the child). So
// notify() only queues the alert in the database (alert_queue; nothing of the report), and
// deliverDue(), run by a timer every ALERT_POLL_MS in every process, sends what is due:
// - an ordinary alert waits for a random moment (uniform) in the hour after the hour it happened
//   in; all ordinary alerts of one organisation, kind and hour go out as one. The time it arrives
//   says the hour, never the minute. At most two hours late.
// - an urgent one waits a random 0 to URGENT_MAX_DELAY_MS (5 minutes), so it is near-immediate yet
//   its arrival does not give the minute; its row holds the exact due time for those minutes only
//   (docs/security.md lists it).
// - an escalation, which staff made, goes at once.
// An urgent alert links straight to its case by the report's id, kept sealed in the row [Note:
// urgent alert links]; an ordinary one, standing for an hour's reports, links to the inbox.
// A row is claimed for CLAIM_MS before it is sent and deleted after, so a crash or restart never
// loses a queued alert (at worst one is sent twice), and several processes never send one twice
// while alive.
import { randomInt, randomUUID } from 'node:crypto';
import type { Db, DbOrTrx } from '../db/database.ts';
import type { Writer } from '../db/group-commit.ts';
import { claimAlert, deleteAlert, dueAlerts, queueAlert } from '../db/repositories/alert-queue.ts';
import type { QueuedAlert } from '../db/tables/staff-work.ts';
import {
  deletePushSubscription,
  listAlertRecipients,
  listPushSubscriptions,
} from '../db/repositories/alert-settings.ts';
import { findOrganisation, findOrganisationRow } from '../db/repositories/organisations.ts';
import type { Logger } from '../middleware/request-log.ts';
import type { Mailer } from './email.ts';
import type { Pusher } from './push.ts';
import { caseLinkSeal } from './case-link.ts';
import { alertText } from './texts.ts';
import type { AlertEvent, AlertSender } from './types.ts';

export const URGENT_MAX_DELAY_MS = 5 * 60 * 1000;
export const ALERT_POLL_MS = 30 * 1000;
const CLAIM_MS = 5 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** When the alert of an event at `now` is due, and the batch it joins (null: its own). */
export function alertSchedule(
  event: AlertEvent,
  now: Date,
  random: (max: number) => number = randomInt,
): { dueAt: Date; batchKey: string | null } {
  if (event.kind === 'escalation') return { dueAt: now, batchKey: null };
  if (event.urgent) {
    return { dueAt: new Date(now.getTime() + random(URGENT_MAX_DELAY_MS)), batchKey: null };
  }
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return {
    dueAt: new Date(hour + HOUR_MS + random(HOUR_MS)),
    batchKey: [event.kind, event.orgId, event.schoolOrgId ?? '', new Date(hour).toISOString()].join(
      '|',
    ),
  };
}

/** An urgent alert to the school about a pupil's report or message links to the case [Note:
 * urgent alert links]; the CdR's alerts of a pupil's message go through its escalations. */
function linksToCase(event: AlertEvent): event is AlertEvent & { reportId: string } {
  return (
    event.urgent &&
    (event.kind === 'report' || event.kind === 'message') &&
    event.schoolOrgId === undefined &&
    typeof event.reportId === 'string' &&
    event.reportId !== ''
  );
}

const eventOf = (row: QueuedAlert): AlertEvent => ({
  kind: row.kind,
  orgId: row.org_id,
  ...(row.school_org_id ? { schoolOrgId: row.school_org_id } : {}),
  reportId: '',
  ...(row.escalation_id ? { escalationId: row.escalation_id } : {}),
  urgent: row.urgent === 1,
});

export interface AlertSenderOptions {
  db: Db;
  /**
   * The server's writer: a queued alert then joins the commit of the writes around it [Note:
   * group commit] instead of a commit, and a flush of the disk, of its own per report. Straight
   * to `db` when left out (tests, tools).
   */
  writer?: Writer;
  log: Logger;
  clock: () => Date;
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
  const write = <T>(unit: (trx: DbOrTrx) => Promise<T>) =>
    options.writer ? options.writer.run(unit) : unit(db);
  const pending = new Set<Promise<void>>();
  const links = caseLinkSeal();
  const failed = (channel: string, err: unknown) =>
    log({ level: 'error', msg: 'alert not sent', error: `${channel}: ${errorCode(err)}` });

  /** `caseId`: the report an urgent alert links to, when this process can open it. */
  async function deliver(event: AlertEvent, caseId: string | null = null): Promise<void> {
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
      ...(event.escalationId ? { escalationId: event.escalationId } : {}),
      ...(caseId ? { reportId: caseId } : {}),
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

  async function deliverDue(until?: Date): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = options.clock();
      const rows = await dueAlerts(db, (until ?? now).toISOString(), now.toISOString(), 50);
      if (rows.length === 0) return sent;
      for (const row of rows) {
        const claimUntil = new Date(now.getTime() + CLAIM_MS).toISOString();
        if (!(await claimAlert(db, row, now.toISOString(), claimUntil))) continue;
        try {
          const caseId = row.case_link_sealed ? links.open(row.case_link_sealed) : null;
          await deliver(eventOf(row), caseId);
          await deleteAlert(db, row.id);
          sent++;
        } catch (e: unknown) {
          // Left claimed: tried again once the claim runs out.
          failed('lookup', e);
        }
      }
    }
  }

  return {
    pushPublicKey: options.pushPublicKey,
    notify(event) {
      const { dueAt, batchKey } = alertSchedule(event, options.clock());
      // setImmediate: the write starts only after the caller's response is on its way.
      const job = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() =>
          write((trx) =>
            queueAlert(trx, {
              id: randomUUID(),
              kind: event.kind,
              org_id: event.orgId,
              school_org_id: event.schoolOrgId ?? null,
              urgent: event.urgent ? 1 : 0,
              batch_key: batchKey,
              due_at: dueAt.toISOString(),
              escalation_id: event.kind === 'escalation' ? (event.escalationId ?? null) : null,
              case_link_sealed: linksToCase(event) ? links.seal(event.reportId) : null,
            }),
          ),
        )
        // An escalation is due at once: no need to wait for the timer.
        .then(() => (event.kind === 'escalation' ? deliverDue() : 0))
        .then(() => undefined)
        .catch((e: unknown) => failed('queue', e));
      pending.add(job);
      void job.finally(() => pending.delete(job));
    },
    deliverDue,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** Runs deliverDue now and every ALERT_POLL_MS; the timer never keeps the process alive. */
export function startAlertWorker(sender: AlertSender, log: Logger): { stop(): Promise<void> } {
  let current: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    current = sender
      .deliverDue()
      .catch((e: unknown) =>
        log({
          level: 'error',
          msg: 'alert not sent',
          error: `queue: ${String((e as Error).name)}`,
        }),
      )
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, ALERT_POLL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}

/** For apps built without alerts (and tests that do not look at them). */
export const noAlerts: AlertSender = {
  pushPublicKey: null,
  notify: () => undefined,
  deliverDue: () => Promise.resolve(0),
  settled: () => Promise.resolve(),
};
