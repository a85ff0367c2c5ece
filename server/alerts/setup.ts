// Builds the alert sender from the configuration: e-mail when SMTP_URL is set, Web Push always
// (with configured VAPID keys or ones made on first start).
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Writer } from '../db/group-commit.ts';
import type { Logger } from '../middleware/request-log.ts';
import { smtpMailer } from './email.ts';
import { loadVapidKeys, webPusher } from './push.ts';
import { createAlertSender } from './sender.ts';
import type { AlertSender } from './types.ts';

export async function alertsFromConfig(
  config: Config,
  db: Db,
  log: Logger,
  clock: () => Date,
  /** The app's writer: queued alerts join its commits [Note: group commit]. */
  writer: Writer,
): Promise<AlertSender> {
  const vapid = await loadVapidKeys(db, config.alerts.vapid, config.alerts.vapidSubject);
  return createAlertSender({
    db,
    writer,
    log,
    clock,
    staffUrl: new URL('/staff/', config.alerts.publicUrl).toString(),
    mailer: config.alerts.smtpUrl ? smtpMailer(config.alerts.smtpUrl, config.alerts.from) : null,
    pusher: webPusher(vapid, { hosts: config.alerts.pushHosts }),
    pushPublicKey: vapid.publicKey,
  });
}
