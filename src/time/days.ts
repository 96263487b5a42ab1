// Calendar days as 'YYYY-MM-DD' strings in the configured time zone. Day arithmetic is done on the calendar
// (UTC noon anchors), never by adding 24 h to instants, so DST changes cannot shift a day.

export type Day = string;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// The dates questions may name: far beyond any billing history either way, and narrow enough that period
// arithmetic (comparison periods, trailing windows) always stays within four-digit years.
export const FIRST_SUPPORTED_DAY: Day = '2000-01-01';
export const LAST_SUPPORTED_DAY: Day = '2999-12-31';

/** "the supported dates are 2000-01-01 to 2999-12-31", for messages about dates out of range. */
export const SUPPORTED_DAYS_TEXT = `the supported dates are ${FIRST_SUPPORTED_DAY} to ${LAST_SUPPORTED_DAY}`;

/** True for a year within the supported dates. */
export function isSupportedYear(year: number): boolean {
  return year >= Number(FIRST_SUPPORTED_DAY.slice(0, 4)) && year <= Number(LAST_SUPPORTED_DAY.slice(0, 4));
}

export function isDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function anchor(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a calendar day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
}

function fromAnchor(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
  return fromAnchor(anchor(day) + n * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((anchor(b) - anchor(a)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(day: Day): number {
  const wd = new Date(anchor(day)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function startOfWeek(day: Day): Day {
  return addDays(day, 1 - isoWeekday(day));
}

export function startOfMonth(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: Day, n: number): Day {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const total = y * 12 + (m - 1) + n;
  const month = String((total % 12) + 1).padStart(2, '0');
  return `${Math.floor(total / 12)}-${month}-${day.slice(8, 10)}`;
}

export function startOfQuarter(day: Day): Day {
  const m = Number(day.slice(5, 7));
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(q).padStart(2, '0')}-01`;
}

/** Each day in [start, end). */
export function eachDay(start: Day, end: Day): Day[] {
  const out: Day[] = [];
  if (start >= end) return out;
  // One parse, then a step of a day at a time (a year is hundreds of days, read by every daily series).
  for (let at = anchor(start), d = start; d < end; at += DAY_MS, d = fromAnchor(at)) out.push(d);
  return out;
}

// Formatters per time zone, built once: building one costs far more than formatting with it.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const instantFormats = new Map<string, Intl.DateTimeFormat>();

function formatOf(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = make();
    cache.set(timeZone, format);
  }
  return format;
}

/** The calendar day an instant falls on in `timeZone`. */
export function dayInZone(instant: Date, timeZone: string): Day {
  const parts = formatOf(
    dayFormats,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant a calendar day starts in `timeZone` (handles DST: the first instant whose local day is `day`). */
export function startOfDayInZone(day: Day, timeZone: string): Date {
  const noonUtc = anchor(day);
  // Offset at local noon is the offset for most of the day; midnight may sit on the other side of a DST change,
  // so correct by checking which day the guess falls on.
  const offsetMs = zoneOffsetMs(new Date(noonUtc), timeZone);
  let guess =
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - offsetMs;
  if (dayInZone(new Date(guess), timeZone) !== day) guess += 3_600_000;
  else if (dayInZone(new Date(guess - 3_600_000), timeZone) === day) guess -= 3_600_000;
  return new Date(guess);
}

/** Offset of `timeZone` from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = formatOf(
    instantFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** ISO week label, e.g. 2026-W48, of a day. */
export function isoWeekOf(day: Day): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week label (YYYY-Www); null when the label is malformed or the week does not exist. */
export function mondayOfIsoWeek(label: string): Day | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const jan4 = `${year}-01-04`;
  const monday = addDays(startOfWeek(jan4), (week - 1) * 7);
  return week >= 1 && isoWeekOf(monday) === label ? monday : null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 3" or "Nov 3, 2025" when the year differs from `referenceYear`. */
export function formatDay(day: Day, referenceYear?: number): string {
  const year = Number(day.slice(0, 4));
  const text = `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;
  return referenceYear === undefined || referenceYear === year ? text : `${text}, ${year}`;
}

/** "Nov 1 – Nov 28" for the half-open range [start, end). */
export function formatRange(start: Day, end: Day, referenceYear?: number): string {
  const last = addDays(end, -1);
  if (last === start) return formatDay(start, referenceYear);
  return `${formatDay(start, referenceYear)} – ${formatDay(last, referenceYear)}`;
}

/** The earlier of two days (ISO dates order as text). */
export function earlierDay(a: Day, b: Day): Day {
  return a <= b ? a : b;
}

/** The later of two days. */
export function laterDay(a: Day, b: Day): Day {
  return a >= b ? a : b;
}
