import { addDays, type Day, dayInZone, isoWeekOf, mondayOfIsoWeek, startOfWeek } from '../time/days.js';

/** An ISO week (Monday start) as a half-open day range in the configured time zone. */
export interface WeekRange {
  /** e.g. 2026-W43 */
  week: string;
  start: Day;
  /** Exclusive: the following Monday. */
  end: Day;
}

export function weekRange(label: string): WeekRange | null {
  const monday = mondayOfIsoWeek(label);
  return monday ? { week: label, start: monday, end: addDays(monday, 7) } : null;
}

/** The week that starts on `monday`. */
export function weekStarting(monday: Day): WeekRange {
  return { week: isoWeekOf(monday), start: monday, end: addDays(monday, 7) };
}

/** The last complete ISO week before the one `now` falls in (what a Monday digest reports on). */
export function lastCompleteWeek(now: Date, timeZone: string): WeekRange {
  return weekStarting(addDays(startOfWeek(dayInZone(now, timeZone)), -7));
}
