// Through which day the billing export is actual. Google's export trails usage: services report "at varying
// intervals", and costs are "typically ... available within a day, but can sometimes take more than 24 hours"
// (docs/pipeline.md, "When a day is actual"). So a day counts as billed only once the export itself — its newest
// export_time, not the clock — has moved `lagHours` past the day's end; until then the day is estimated. An
// export that stops moving leaves days estimated instead of passing off what it holds as complete.

import { addDays, type Day, dayInZone } from '../time/days.js';

const HOUR_MS = 3_600_000;

/** The last day (in `timezone`) whose end lies at least `lagHours` before `exportedThrough`. */
export function lastActualDay(exportedThrough: string, timezone: string, lagHours: number): Day {
  const settled = new Date(Date.parse(exportedThrough) - lagHours * HOUR_MS);
  return addDays(dayInZone(settled, timezone), -1);
}
