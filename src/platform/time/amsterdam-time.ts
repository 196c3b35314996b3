// Rounds are set in Dutch local time (Europe/Amsterdam), stored as instants (timestamptz) and shown
// in Dutch date format. These helpers convert without a time-zone library, through Intl.
const ZONE = 'Europe/Amsterdam';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function localParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(instant))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The instant at which the wall clock in Amsterdam shows `date` (YYYY-MM-DD) `time` (HH:MM[:SS]). */
export function amsterdamInstant(date: string, time = '00:00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset at that moment is +1 or +2 hours; two passes settle it, also around DST changes.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess));
    const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    guess += asUtc - shown;
  }
  return new Date(guess);
}

/** The calendar date (YYYY-MM-DD) in Amsterdam at `instant`. */
export function amsterdamDate(instant: Date): string {
  const p = localParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const dutchDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dutchTime = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });

/** "12 februari 2018" */
export function formatDutchDate(instant: Date): string {
  return dutchDate.format(instant);
}

/** "12 februari 2018 om 17:00", or the date alone when the time is the start or the end of the day. */
export function formatDutchDateTime(instant: Date): string {
  const p = localParts(instant);
  const wholeDay = (p.hour === 0 && p.minute === 0) || (p.hour === 23 && p.minute === 59);
  return wholeDay ? formatDutchDate(instant) : `${formatDutchDate(instant)} om ${dutchTime.format(instant)}`;
}

/** ISO 8601 with Amsterdam's offset, to the second: "2018-02-20T10:12:00+01:00" (API Design Rules). */
export function amsterdamIso(instant: Date): string {
  const p = localParts(instant);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offsetMinutes = Math.round((local - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}:${pad(p.second!)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
