// Rounds are set in Dutch local time (Europe/Amsterdam), stored as instants (timestamptz) and shown
// in Dutch date format. These helpers convert without a time-zone library, through Intl.
const ZONE = 'Europe/Amsterdam';

// The formatters are made on first use, not at load: the first Intl.DateTimeFormat for a time zone
// loads ICU's zone data (~33 ms CPU), which `ggk --help` (this file comes with the error catalogue)
// and any command that shows no time need not pay.
function lazyFormatter(locale: string, options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let formatter: Intl.DateTimeFormat | undefined;
  return () => (formatter ??= new Intl.DateTimeFormat(locale, { timeZone: ZONE, ...options }));
}

const parts = lazyFormatter('en-GB', {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function intlParts(instant: Date): LocalParts {
  const out: Record<string, number> = {};
  for (const p of parts().formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as LocalParts;
}

/** Amsterdam's offset from UTC in ms at `ms` (whole seconds: the wall clock shown to the second). */
function intlOffset(ms: number): number {
  const p = intlParts(new Date(ms));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

const HOUR = 3_600_000;
const FROM = Date.UTC(1800, 0, 1);
const UNTIL = Date.UTC(2500, 0, 1);
/** The offset of each UTC hour seen, when it holds the whole hour (null: it changes within it). */
const offsets = new Map<number, number | null>();

/**
 * The wall clock in Amsterdam at `instant`. Intl's formatToParts costs microseconds and the monitor
 * asks thousands of times per page (issue 21), so the offset is computed once per UTC hour: it is
 * the same at both ends of the hour only when no change falls within it (changes are months apart),
 * else every call in that hour asks Intl. Bounded: the map starts again past 20,000 hours.
 */
function localParts(instant: Date): LocalParts {
  const ms = instant.getTime();
  // Far from now (or invalid) it is Intl's answer every time.
  if (!(ms > FROM && ms < UNTIL)) return intlParts(instant);
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = intlOffset(hour * HOUR);
    offset = start === intlOffset(hour * HOUR + HOUR - 1) ? start : null;
    if (offsets.size >= 20_000) offsets.clear();
    offsets.set(hour, offset);
  }
  if (offset === null) return intlParts(instant);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** For tests: the wall clock as Intl shows it, without the per-hour offsets. */
export const amsterdamPartsForTest = { fast: localParts, intl: intlParts };

/** The instant at which the wall clock in Amsterdam shows `date` (YYYY-MM-DD) `time` (HH:MM[:SS]). */
export function amsterdamInstant(date: string, time = '00:00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset at that moment is +1 or +2 hours; two passes settle it, also around DST changes.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += asUtc - shown;
  }
  return new Date(guess);
}

/** The calendar date (YYYY-MM-DD) in Amsterdam at `instant`. */
export function amsterdamDate(instant: Date): string {
  const p = localParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const dutchDate = lazyFormatter('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dutchTime = lazyFormatter('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
});

/** "12 februari 2018" */
export function formatDutchDate(instant: Date): string {
  return dutchDate().format(instant);
}

/** "12 februari 2018 om 17:00", or the date alone when the time is the start or the end of the day. */
export function formatDutchDateTime(instant: Date): string {
  const p = localParts(instant);
  const wholeDay = (p.hour === 0 && p.minute === 0) || (p.hour === 23 && p.minute === 59);
  return wholeDay
    ? formatDutchDate(instant)
    : `${formatDutchDate(instant)} om ${dutchTime().format(instant)}`;
}

/** ISO 8601 with Amsterdam's offset, to the second: "2018-02-20T10:12:00+01:00" (API Design Rules). */
export function amsterdamIso(instant: Date): string {
  const p = localParts(instant);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsetMinutes = Math.round((local - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
