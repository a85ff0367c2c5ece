// Dates and times in the staff app, one format through Intl in the chosen language. A pupil's time
// is stored to the hour only (docs/security.md), so it reads "ok. 7:00" (about 7:00), "dziś" or
// "wczoraj" for the last two days, and never shows minutes or seconds it does not have. Staff
// actions (the audit log, history) keep their minutes, never seconds.
import { lang } from '../common/i18n.ts';
import { ts } from './i18n.ts';

const locale = () => lang.value;

/** Midnight of the local day holding `d`, as a day number (days since the epoch, local time). */
function dayNumber(d: Date): number {
  return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}

/** "3 gru 2026" / "3 груд. 2026 р." / "3 Dec 2026": one date format for the whole app. */
export function formatDate(iso: string): string {
  // A bare date (the Niebieska Karta date) is a calendar day, not a UTC midnight.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(d);
}

/** "dziś" / "wczoraj" / the date, for the day holding `iso`. */
export function formatDay(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const diff = dayNumber(now) - dayNumber(d);
  if (diff === 0) return ts('today');
  if (diff === 1) return ts('yesterday');
  return formatDate(iso);
}

/** 7:00 / 07:00 in the language's clock (never seconds). */
function clock(d: Date): string {
  return new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit' }).format(d);
}

/** A time stored to the hour (a report's arrival, a pupil's message): "dziś, ok. 7:00". */
export function formatHour(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return ts('aboutHour', { day: formatDay(iso, now), time: clock(d) });
}

/** A staff action's time, to the minute: "dziś, 14:05". */
export function formatMinute(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDay(iso, now)}, ${clock(d)}`;
}
