// The only words an alert carries [Note: content-free alerts]: the kind of event, whether the
// report is urgent, the school's code and the link to the staff app (to the case, by its id, for
// an escalation and an urgent report or message).
import type { AlertKind } from './types.ts';

export interface AlertText {
  subject: string;
  text: string;
  /** What the service worker shows: title, body, and the page to open on click. */
  push: { title: string; body: string; url: string };
}

export function alertText(args: {
  kind: AlertKind;
  urgent: boolean;
  schoolCode: string;
  staffUrl: string;
  /** An escalation links straight to it (an id only) [Note: alert links]. */
  escalationId?: string;
  /** An urgent report or message links straight to its case (an id only) [Note: urgent alert
   * links]. */
  reportId?: string;
}): AlertText {
  if (args.kind === 'flood') return floodText(args.schoolCode, args.staffUrl);
  const what =
    args.kind === 'escalation'
      ? args.urgent
        ? 'nowa pilna sprawa przekazana do Centrum dla Rodzin'
        : 'nowa sprawa przekazana do Centrum dla Rodzin'
      : args.kind === 'report'
        ? args.urgent
          ? 'nowe pilne zgłoszenie'
          : 'nowe zgłoszenie'
        : args.urgent
          ? 'nowa wiadomość w pilnym zgłoszeniu'
          : 'nowa wiadomość';
  const subject = `Bezpieczny Głos: ${what} (${args.schoolCode})`;
  const path =
    args.kind === 'escalation' && args.escalationId
      ? `escalations/${args.escalationId}`
      : args.kind !== 'escalation' && args.reportId
        ? `reports/${args.reportId}`
        : '';
  const link = new URL(path, args.staffUrl).toString();
  const body = `W szkole ${args.schoolCode} czeka ${what}.`;
  const text = [
    body,
    '',
    `Zaloguj się, aby je przeczytać: ${link}`,
    '',
    'Ta wiadomość celowo nie zawiera treści zgłoszenia.',
    // The names the staff app shows: its "Ustawienia" page, section "Powiadomienia".
    'Powiadomienia ustawisz w aplikacji: Ustawienia → Powiadomienia.',
  ].join('\n');
  return { subject, text, push: { title: subject, body, url: `/staff/${path}` } };
}

/** One alert for a whole flood of reports [Note: admission]: no count, no content. */
function floodText(schoolCode: string, staffUrl: string): AlertText {
  const subject = `Bezpieczny Głos: bardzo dużo nowych zgłoszeń (${schoolCode})`;
  const body =
    `W szkole ${schoolCode} przychodzi teraz bardzo dużo zgłoszeń naraz. ` +
    'Mogą być wśród nich pilne.';
  const text = [
    body,
    '',
    'Do końca tej fali nie wysyłamy powiadomień o każdym zgłoszeniu osobno.',
    `Zaloguj się, aby je przeczytać: ${staffUrl}`,
    '',
    'Ta wiadomość celowo nie zawiera treści zgłoszeń.',
  ].join('\n');
  return { subject, text, push: { title: subject, body, url: '/staff/' } };
}
