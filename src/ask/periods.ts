// Period words → half-open day ranges, exactly as docs/asking.md ("Periods") defines them. Pure: the
// caller passes "today" (a calendar day in the configured time zone), so DST never enters the arithmetic.
import {
  addDays,
  addMonths,
  type Day,
  daysBetween,
  FIRST_SUPPORTED_DAY,
  formatDay,
  formatRange,
  isDay,
  LAST_SUPPORTED_DAY,
  SUPPORTED_DAYS_TEXT,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
} from '../time/days.js';
import {
  DATE_GROUPS,
  DATE_PATTERN,
  dateFromGroups,
  MONTH_PATTERN,
  monthNumber,
  NUMBER_PATTERN,
  pad,
  parseCount,
} from './dates.js';
import type { Period } from './types.js';

export interface PeriodMatch {
  period: Period;
  /** The words that named it, as found in the question. */
  words: string;
  index: number;
}

/** A comparison written relative to the main period ("the week before", "the previous month"). */
export interface RelativeComparison {
  words: string;
  index: number;
}

export interface PeriodScan {
  periods: PeriodMatch[];
  relative: RelativeComparison | null;
  problems: string[];
  /** The text with every period expression blanked out. */
  rest: string;
}

interface PeriodRule {
  pattern: RegExp;
  resolve(m: RegExpExecArray, today: Day): Period | string;
}

const tomorrowOf = (today: Day) => addDays(today, 1);

function monthPeriod(month: number, year: number | null, today: Day): Period {
  const thisYear = Number(today.slice(0, 4));
  let start = `${year ?? thisYear}-${pad(month)}-01`;
  if (year === null && start > today) start = `${thisYear - 1}-${pad(month)}-01`;
  return { start, end: addMonths(start, 1) };
}

function quarterPeriod(quarter: number, year: number | null, today: Day): Period {
  const thisYear = Number(today.slice(0, 4));
  let start = `${year ?? thisYear}-${pad((quarter - 1) * 3 + 1)}-01`;
  if (year === null && start > today) start = `${thisYear - 1}-${pad((quarter - 1) * 3 + 1)}-01`;
  return { start, end: addMonths(start, 3) };
}

function trailing(countWord: string, unit: string, today: Day): Period | string {
  const n = parseCount(countWord);
  if (n === null || n < 1) return `"${countWord} ${unit}" needs a count of at least 1`;
  const u = unit.replace(/s$/, '');
  if (u === 'month') {
    const thisMonth = startOfMonth(today);
    return { start: addMonths(thisMonth, -n), end: thisMonth };
  }
  const days = u === 'week' ? n * 7 : n;
  // Bounded so a typo like "last 99999 days" gives a clear message instead of a decades-long scan.
  if (days > 3660) return `"${countWord} ${unit}" is more than ten years; ask for a shorter period`;
  return { start: addDays(today, -days), end: today };
}

const RANGE_SEP = '(?:\\s(?:and|to|until|till|through|thru)\\s|\\s?-\\s?)';

const RULES: PeriodRule[] = [
  {
    // between D and D / from D to D / D to D / D - D (both days included)
    pattern: new RegExp(`\\b(?:(?:between|from)\\s)?${DATE_PATTERN}${RANGE_SEP}${DATE_PATTERN}`, 'g'),
    resolve: (m, today) => {
      const a = dateFromGroups(m.slice(1, 1 + DATE_GROUPS), today);
      const b = dateFromGroups(m.slice(1 + DATE_GROUPS, 1 + 2 * DATE_GROUPS), today);
      if (!isDay(a)) return a;
      if (!isDay(b)) return b;
      const [first, last] = a <= b ? [a, b] : [b, a];
      return { start: first, end: addDays(last, 1) };
    },
  },
  {
    pattern: new RegExp(`\\b(?:since|starting|from)\\s(?:the\\s)?${DATE_PATTERN}`, 'g'),
    resolve: (m, today) => {
      const d = dateFromGroups(m.slice(1), today);
      if (!isDay(d)) return d;
      if (d > today) return `${formatDay(d)} is in the future`;
      return { start: d, end: tomorrowOf(today) };
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:last|past|previous|prior|trailing)\\s${NUMBER_PATTERN}\\s?(days?|d|weeks?|months?)\\b`,
      'g',
    ),
    resolve: (m, today) => trailing(m[1] ?? '', m[2] === 'd' ? 'days' : (m[2] ?? 'days'), today),
  },
  {
    pattern: /\b(?:the\s)?day\sbefore\syesterday\b/g,
    resolve: (_m, today) => ({ start: addDays(today, -2), end: addDays(today, -1) }),
  },
  { pattern: /\btoday\b/g, resolve: (_m, today) => ({ start: today, end: tomorrowOf(today) }) },
  { pattern: /\byesterday\b/g, resolve: (_m, today) => ({ start: addDays(today, -1), end: today }) },
  {
    pattern: /\b(?:(?:so\sfar\s)?this\sweek(?:\sso\sfar)?|wtd|week\sto\sdate)\b/g,
    resolve: (_m, today) => ({ start: startOfWeek(today), end: tomorrowOf(today) }),
  },
  {
    pattern: /\b(?:last|previous|past|prior)\sweek\b/g,
    resolve: (_m, today) => ({ start: addDays(startOfWeek(today), -7), end: startOfWeek(today) }),
  },
  {
    pattern: /\b(?:(?:so\sfar\s)?this\smonth(?:\sso\sfar)?|mtd|month\sto\sdate|current\smonth)\b/g,
    resolve: (_m, today) => ({ start: startOfMonth(today), end: tomorrowOf(today) }),
  },
  {
    pattern: /\b(?:last|previous|past|prior)\smonth\b/g,
    resolve: (_m, today) => ({ start: addMonths(startOfMonth(today), -1), end: startOfMonth(today) }),
  },
  {
    pattern: /\b(?:this\squarter|qtd|quarter\sto\sdate|current\squarter)\b/g,
    resolve: (_m, today) => ({ start: startOfQuarter(today), end: tomorrowOf(today) }),
  },
  {
    pattern: /\b(?:last|previous|past|prior)\squarter\b/g,
    resolve: (_m, today) => ({ start: addMonths(startOfQuarter(today), -3), end: startOfQuarter(today) }),
  },
  {
    pattern: /\bq([1-4])(?:\s(\d{4}))?\b/g,
    resolve: (m, today) => quarterPeriod(Number(m[1]), m[2] ? Number(m[2]) : null, today),
  },
  {
    pattern: /\b(?:this\syear|ytd|year\sto\sdate|current\syear)\b/g,
    resolve: (_m, today) => ({ start: `${today.slice(0, 4)}-01-01`, end: tomorrowOf(today) }),
  },
  {
    pattern: /\b(?:last|previous|past|prior)\syear\b/g,
    resolve: (_m, today) => {
      const y = Number(today.slice(0, 4)) - 1;
      return { start: `${y}-01-01`, end: `${y + 1}-01-01` };
    },
  },
  {
    // A single date: "on Nov 3", "2026-11-03".
    pattern: new RegExp(`\\b(?:on\\s)?${DATE_PATTERN}`, 'g'),
    resolve: (m, today) => {
      const d = dateFromGroups(m.slice(1), today);
      return isDay(d) ? { start: d, end: addDays(d, 1) } : d;
    },
  },
  {
    // A month by name: "October", "in Oct 2025". "may" only with a preposition: it is also a verb.
    pattern: new RegExp(
      `\\b(?:(?:in|for|during|of)\\s(?:the\\smonth\\sof\\s)?(may)|(?:(?:in|for|during|of)\\s)?${MONTH_PATTERN.replace('|may', '')})(?:\\s(\\d{4}))?\\b`,
      'g',
    ),
    resolve: (m, today) => {
      const month = monthNumber(m[1] ?? m[2] ?? '');
      if (!month) return 'a month I could not read';
      return monthPeriod(month, m[3] ? Number(m[3]) : null, today);
    },
  },
];

// "the week before", "the previous month", "the prior period": the period of equal length before the main one.
const RELATIVE_PATTERN =
  /\b(?:(?:the\s)?(?:week|month|day|quarter|year|period|time)\sbefore(?!\s(?:yesterday|last))(?:\sthat)?|(?:to|vs|versus|against|with|than|and)\s(?:the\s)?(?:previous|prior|preceding)\s(?:week|month|day|quarter|year|period)|(?:the\s)?(?:previous|prior|preceding)\s(?:period|time))\b/;

// "week over week", "month over month": this week (month) against the last one, whatever else is asked.
const OVER_PATTERNS: ReadonlyArray<readonly [RegExp, string, (today: Day) => [Period, Period]]> = [
  [
    /\b(?:week[\s-]over[\s-]week|wow)\b/,
    'this week',
    (today) => [
      { start: startOfWeek(today), end: tomorrowOf(today) },
      { start: addDays(startOfWeek(today), -7), end: startOfWeek(today) },
    ],
  ],
  [
    /\b(?:month[\s-]over[\s-]month|mom)\b/,
    'this month',
    (today) => [
      { start: startOfMonth(today), end: tomorrowOf(today) },
      { start: addMonths(startOfMonth(today), -1), end: startOfMonth(today) },
    ],
  ],
];

// "this month to last", "this week vs the previous": the unit left out after "last" is the one just named.
const ELIDED_UNIT =
  /\b(this\s(week|month|quarter|year)\s(?:to|vs|versus|against|with|than|and)\s(?:the\s)?(?:last|previous|prior))\b(?!\s(?:week|month|quarter|year|day|\d))/;

// In a comparison, "Nov 18 to Nov 11" names two days to compare, not one range; "from"/"between" still make one.
const COMPARED_DATES = new RegExp(
  `(?<!\\b(?:from|between)\\s)\\b${DATE_PATTERN}\\s(?:to|vs|versus|against|with|and)\\s${DATE_PATTERN}`,
  'g',
);

/**
 * Finds every period expression in normalized question text. In a comparison (`comparing`), two dates joined by
 * "to" or "vs" are two periods, and "week over week" / "month over month" name both periods.
 */
export function scanPeriods(text: string, today: Day, comparing = false): PeriodScan {
  let rest = text.replace(ELIDED_UNIT, '$1 $2');
  const periods: PeriodMatch[] = [];
  const problems: string[] = [];
  let relative: RelativeComparison | null = null;

  for (const [pattern, words, both] of OVER_PATTERNS) {
    const over = pattern.exec(rest);
    if (!over) continue;
    const [current, previous] = both(today);
    periods.push({ period: current, words, index: over.index });
    periods.push({ period: previous, words: over[0], index: over.index + 0.5 });
    rest = blank(rest, over.index, over[0].length);
  }
  if (comparing) {
    COMPARED_DATES.lastIndex = 0;
    for (let m = COMPARED_DATES.exec(rest); m !== null; m = COMPARED_DATES.exec(rest)) {
      const a = dateFromGroups(m.slice(1, 1 + DATE_GROUPS), today);
      const b = dateFromGroups(m.slice(1 + DATE_GROUPS, 1 + 2 * DATE_GROUPS), today);
      if (!isDay(a)) problems.push(a);
      else if (!isDay(b)) problems.push(b);
      else {
        periods.push({ period: { start: a, end: addDays(a, 1) }, words: formatDay(a), index: m.index });
        periods.push({ period: { start: b, end: addDays(b, 1) }, words: formatDay(b), index: m.index + 0.5 });
      }
      rest = blank(rest, m.index, m[0].length);
      COMPARED_DATES.lastIndex = m.index + m[0].length;
    }
  }

  const rel = RELATIVE_PATTERN.exec(rest);
  if (rel) {
    relative = { words: rel[0], index: rel.index };
    rest = blank(rest, rel.index, rel[0].length);
  }
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(rest); m !== null; m = rule.pattern.exec(rest)) {
      const result = rule.resolve(m, today);
      const words = m[0].trim();
      if (typeof result === 'string') problems.push(result);
      else if (!withinSupportedDays(result))
        problems.push(`"${words}" is out of range; ${SUPPORTED_DAYS_TEXT}`);
      else periods.push({ period: result, words, index: m.index });
      rest = blank(rest, m.index, m[0].length);
      rule.pattern.lastIndex = m.index + m[0].length;
    }
  }
  periods.sort((a, b) => a.index - b.index);
  return { periods, relative, problems, rest };
}

/** A period within the supported dates (a year in Q4 3000, a trailing window reaching before 2000 are not). */
function withinSupportedDays({ start, end }: Period): boolean {
  return isDay(start) && isDay(end) && start >= FIRST_SUPPORTED_DAY && end <= addDays(LAST_SUPPORTED_DAY, 1);
}

function blank(text: string, index: number, length: number): string {
  return `${text.slice(0, index)}${' '.repeat(length)}${text.slice(index + length)}`;
}

/** Month to date, today included: what a question without a period is about. */
export function monthToDate(today: Day): Period {
  return { start: startOfMonth(today), end: addDays(today, 1) };
}

/** The period of equal length right before `period`. Whole months map to whole months. */
export function previousPeriod(period: Period): Period {
  const { start, end } = period;
  const wholeMonths = start.endsWith('-01') && end.endsWith('-01');
  if (wholeMonths) {
    const months =
      (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
      (Number(end.slice(5, 7)) - Number(start.slice(5, 7)));
    return { start: addMonths(start, -months), end: start };
  }
  const length = daysBetween(start, end);
  return { start: addDays(start, -length), end: start };
}

/** "last week (Nov 16 – Nov 22)" — the words when the question had them, and the dates always. */
export function describePeriod(period: Period, words: string | null, today: Day): string {
  const range = formatRange(period.start, period.end, Number(today.slice(0, 4)));
  return words ? `${words} (${range})` : range;
}
