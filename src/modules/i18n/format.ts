// Dates, sizes and half years in the visitor's language. Dutch keeps the existing formatting
// ("12 februari 2018 om 17:00"); English uses British order ("12 February 2018 at 17:00").
import { formatDutchDate, formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { Locale } from './define.ts';

const ZONE = 'Europe/Amsterdam';
const englishDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const englishTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatDate(locale: Locale, instant: Date): string {
  return locale === 'en' ? englishDate.format(instant) : formatDutchDate(instant);
}

/** The date and time, or the date alone when the time is the start or the end of the day. */
export function formatDateTime(locale: Locale, instant: Date): string {
  if (locale === 'nl') return formatDutchDateTime(instant);
  const time = englishTime.format(instant);
  return time === '00:00' || time === '23:59'
    ? englishDate.format(instant)
    : `${englishDate.format(instant)} at ${time}`;
}

export function formatNumber(locale: Locale, value: number): string {
  return value.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL');
}

export function formatBytes(locale: Locale, bytes: number): string {
  const one = (n: number) => n.toFixed(1).replace('.', locale === 'en' ? '.' : ',');
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 ** 2) return `${one(bytes / 1024)} kB`;
  return `${one(bytes / 1024 ** 2)} MB`;
}

/** "2e halfjaar 2017" / "second half of 2017" for the code 2017H2. */
export function halfYearLabel(locale: Locale, code: string): string {
  const first = code.endsWith('H1');
  const year = code.slice(0, 4);
  if (locale === 'en') return `${first ? 'first' : 'second'} half of ${year}`;
  return `${first ? '1e' : '2e'} halfjaar ${year}`;
}
