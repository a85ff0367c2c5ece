// Times as a child needs them and no finer than the server keeps them ([Note: coarse pupil time]):
// "today", "yesterday" or a date, never an hour or a minute. And the school's waiting-time target
// in words ("usually answers within 1 day").
import { lang, t, tf } from '../common/i18n.ts';

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** "dziś", "wczoraj" or "3 grudnia" (with the year when it is not this one). */
export function coarseDay(iso: string, now = new Date()): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return '';
  if (dayKey(when) === dayKey(now)) return t('timeToday');
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey(when) === dayKey(yesterday)) return t('timeYesterday');
  return new Intl.DateTimeFormat(lang.value, {
    day: 'numeric',
    month: 'long',
    ...(when.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  }).format(when);
}

/** "Pedagog zwykle odpowiada w ciągu 1 dnia." from the school's target in hours: whole days from
 * a day up (rounded), hours below. */
export function waitText(hours: number): string {
  if (hours >= 24) {
    const n = Math.round(hours / 24);
    return tf(n === 1 ? 'waitOneDay' : 'waitDays', { n });
  }
  const n = Math.max(1, Math.round(hours));
  return tf(n === 1 ? 'waitOneHour' : 'waitHours', { n });
}
