// The only words an alert carries [Note: content-free alerts]: the kind of event, whether the
// report is urgent, the school's code and the link to the staff app.

export interface AlertText {
  subject: string;
  text: string;
  /** What the service worker shows: title, body, and the page to open on click. */
  push: { title: string; body: string; url: string };
}

export function alertText(args: {
  kind: 'report' | 'message' | 'escalation';
  urgent: boolean;
  schoolCode: string;
  staffUrl: string;
}): AlertText {
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
  const body = `W szkole ${args.schoolCode} czeka ${what}.`;
  const text = [
    body,
    '',
    `Zaloguj się, aby je przeczytać: ${args.staffUrl}`,
    '',
    'Ta wiadomość celowo nie zawiera treści zgłoszenia.',
    'Ustawienia powiadomień zmienisz w aplikacji, w zakładce powiadomień.',
  ].join('\n');
  return { subject, text, push: { title: subject, body, url: '/staff/' } };
}
