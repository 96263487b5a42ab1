// Generative-AI spend watched on its own: a runaway agent loop is a token spike that the whole bill's daily
// total can hide. There is no hourly token traffic to read, so it is judged from the billing export as its rows
// land: at every sync pass, for the days the export is still delivering (docs/reports.md).
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { type DailySpendRow, dailySpendRows } from '../db/queries/billingReads.js';
import { addDays, type Day, eachDay } from '../time/days.js';
import { ANOMALY_LOOKBACK_DAYS, type AnomalyReport, type AnomalyScope, detectAnomaly } from './anomalies.js';

// Google: "Typically, your cost details are available within a day, but can sometimes take more than 24 hours"
// (Structure of Detailed data export). Days from the one before the actual-through day on may still grow.
const STILL_LANDING_DAYS = 2;

export const GENAI_ANOMALY_NOTE =
  'Generative AI, judged from the billing export as its rows land (checked at every sync pass): Google ' +
  'typically exports a day’s costs within a day, sometimes after more than 24 hours, so a spike shows that ' +
  'long after it starts — not hour by hour; a day still arriving is judged on what has landed so far.';

/** Pure: the anomaly report of one day's generative-AI spend alone. */
export function detectGenaiAnomaly(
  rows: readonly DailySpendRow[],
  day: Day,
  t: Config['anomalies'],
  scopeName: string,
  labelKeys: readonly string[],
): AnomalyReport {
  const genai = rows.filter((r) => r.kind === 'genai');
  const report = detectAnomaly(genai, day, t, `${scopeName} · generative AI`, labelKeys);
  return { ...report, note: GENAI_ANOMALY_NOTE };
}

/**
 * Pure: the days the export may still be delivering: from the day before the actual-through day (or, with
 * none yet, two days back) through today.
 */
export function genaiDaysToCheck(actualThrough: Day | null, today: Day): Day[] {
  const from = actualThrough ? addDays(actualThrough, -1) : addDays(today, -STILL_LANDING_DAYS);
  return from <= today ? eachDay(from, addDays(today, 1)) : [];
}

/** Key under which a generative-AI anomaly alert for a scope and day is recorded in notifications_sent. */
export function genaiAnomalyKey(scopeId: string, day: Day): string {
  return `anomaly-genai:${scopeId}:${day}`;
}

/** Reads the look-back window of a scope and judges the generative-AI spend of `day`. */
export function checkGenaiAnomaly(
  store: Store,
  config: Pick<Config, 'anomalies' | 'google'>,
  target: AnomalyScope,
  day: Day,
): AnomalyReport {
  // Only the generative-AI rows: the window's other rows (hundreds of thousands in a large organisation) are not
  // what is judged.
  const rows = dailySpendRows(store, addDays(day, -ANOMALY_LOOKBACK_DAYS), addDays(day, 1), {
    ...target.scope,
    kind: 'genai',
  });
  return detectGenaiAnomaly(rows, day, config.anomalies, target.name, config.google.billingExport.labelKeys);
}
