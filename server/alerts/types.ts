// [Note: content-free alerts] An alert says only that something happened at a school ("a new
// urgent report at SP3", "a new message") and links to the staff app: never the report's text,
// category, or anything else a pupil wrote. Its link holds an id at most: an escalation's alert
// links to the escalation [Note: alert links], an urgent report's or message's to the case [Note:
// urgent alert links]; an ordinary alert, standing for an hour's reports, to the inbox. Staff read
// the content after signing in, in the browser that holds the keys; an e-mail or a push service is
// not trusted with more than that.
// Alerts run in the background: a slow or broken mail server never slows or fails the pupil's
// request, and a failure is logged as a content-free line. They are delayed so their arrival
// does not give the minute of the report [Note: alert delay].

export type AlertKind = 'report' | 'message' | 'escalation' | 'flood';

export interface AlertEvent {
  /**
   * A new report, a new pupil message in an existing one, a report escalated to a CdR, or the
   * start of a flood of reports at a school (one alert for the whole flood [Note: admission]).
   */
  kind: AlertKind;
  /** Whose members are alerted: the school, or for an escalation (and a pupil's message in a
   * conversation handed over) the CdR. */
  orgId: string;
  /** Set when the CdR is alerted: the school, named in the alert by its code (the CdR has no code
   * worth naming); its specialists, not counsellors, are the recipients. */
  schoolOrgId?: string;
  /** The report; an urgent alert to the school links to it [Note: urgent alert links], no other
   * alert names it. None for a flood. */
  reportId?: string;
  /** An escalation's own id: its alert links to it [Note: alert links]. */
  escalationId?: string;
  urgent: boolean;
}

export interface AlertSender {
  /** The VAPID public key (base64url) browsers subscribe with; null when push is off. */
  readonly pushPublicKey: string | null;
  /** Queues the alerts of an event (delayed [Note: alert delay]) and returns at once; never throws. */
  notify(event: AlertEvent): void;
  /** Sends the queued alerts due by `until` (default: now); resolves to how many went out. */
  deliverDue(until?: Date): Promise<number>;
  /** Resolves when every alert notified so far has been queued (tests, shutdown). */
  settled(): Promise<void>;
}
