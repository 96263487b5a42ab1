// How people write dates and counts in a question: "2026-11-03", "Nov 3", "November 3rd 2025", "3 Nov",
// "thirty". Pure: the caller passes "today", which decides the year of a date written without one.
import { type Day, isDay, isSupportedYear, SUPPORTED_DAYS_TEXT } from '../time/days.js';

export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

// "sept" is common enough to accept alongside the three-letter forms.
export const MONTH_PATTERN =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
const ORDINAL = '(?:st|nd|rd|th)?(?!\\d)';
const YEAR = '(?:\\s(\\d{4}))?(?!\\d)';
/** A calendar date as people write it: 2026-11-03, Nov 3, November 3rd 2025, 3 Nov, 3rd of November. */
export const DATE_PATTERN = `(?:(\\d{4}-\\d{1,2}-\\d{1,2})|${MONTH_PATTERN}\\s(\\d{1,2})${ORDINAL}${YEAR}|(\\d{1,2})${ORDINAL}\\s(?:of\\s)?${MONTH_PATTERN}${YEAR})`;

/** Capture groups of one DATE_PATTERN match. */
export const DATE_GROUPS = 7;

export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};
export const NUMBER_PATTERN = `(\\d{1,4}|${Object.keys(NUMBER_WORDS)
  .filter((w) => w !== 'a')
  .join('|')})`;

/** A number written as digits or a word ("30", "thirty"); null when it is neither. */
export function parseCount(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? null;
}

export function monthNumber(word: string): number | null {
  const index = MONTH_NAMES.findIndex((m) => m.startsWith(word.slice(0, 3)) && m.startsWith(word));
  return index === -1 ? null : index + 1;
}

export const pad = (n: number) => String(n).padStart(2, '0');

/** A date with an optional year; without one, this year or last year if it would lie in the future. */
function resolveDate(year: number | null, month: number, day: number, today: Day): Day | string {
  if (year !== null && !isSupportedYear(year))
    return `${formatMonthDay(month, day)} ${year} is out of range; ${SUPPORTED_DAYS_TEXT}`;
  const thisYear = Number(today.slice(0, 4));
  const candidate = `${year ?? thisYear}-${pad(month)}-${pad(day)}`;
  if (!isDay(candidate))
    return `${formatMonthDay(month, day)}${year ? ` ${year}` : ''} is not a calendar date`;
  if (year === null && candidate > today) return `${thisYear - 1}-${pad(month)}-${pad(day)}`;
  return candidate;
}

function formatMonthDay(month: number, day: number): string {
  const name = MONTH_NAMES[month - 1] ?? '?';
  return `${name[0]?.toUpperCase()}${name.slice(1, 3)} ${day}`;
}

/** Resolves the groups of one DATE_PATTERN match (starting at `groups[0]`) to a day, or a problem in words. */
export function dateFromGroups(groups: ReadonlyArray<string | undefined>, today: Day): Day | string {
  const [iso, monthA, dayA, yearA, dayB, monthB, yearB] = groups;
  if (iso) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    if (!isSupportedYear(y)) return `${iso} is out of range; ${SUPPORTED_DAYS_TEXT}`;
    const day = `${y}-${pad(m)}-${pad(d)}`;
    return isDay(day) ? day : `${iso} is not a calendar date`;
  }
  const monthWord = monthA ?? monthB;
  const dayWord = dayA ?? dayB;
  const yearWord = yearA ?? yearB;
  const month = monthWord ? monthNumber(monthWord) : null;
  if (!month || !dayWord) return 'a date I could not read';
  return resolveDate(yearWord ? Number(yearWord) : null, month, Number(dayWord), today);
}
