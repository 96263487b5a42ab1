import type { ChannelConfig, Config, Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { type DailySpendRow, dailySpendRows } from '../db/queries/billingReads.js';
import { isWholeOrg } from '../domain/slice.js';
import { addDays, type Day, eachDay } from '../time/days.js';
import { labelPairs, median, stddev, sumBy } from './aggregate.js';

export type AnomalyThresholds = Config['anomalies'];

// Same-weekday values the baseline takes the median of (4 weeks back).
const BASELINE_WEEKS = 4;
// Days of residuals the spread (z-score) is measured over.
const SPREAD_DAYS = 14;
// MAD × 1.4826 estimates the standard deviation of normal noise while ignoring past spikes.
const MAD_TO_SIGMA = 1.4826;
// Residual samples below which the robust spread is unreliable and the plain standard deviation is used.
const MIN_ROBUST_SAMPLES = 5;
// A perfectly regular series has no spread; 1 % of the baseline keeps z finite and meaningful.
const MIN_SIGMA_SHARE = 0.01;
// Contributors named per dimension.
const TOP_CONTRIBUTORS = 3;
// How far back spend is read: the baseline's weeks plus the spread window.
export const ANOMALY_LOOKBACK_DAYS = BASELINE_WEEKS * 7 + SPREAD_DAYS;

export interface SeriesVerdict {
  day: Day;
  actual: number;
  /** Median of the same weekday over the previous weeks. */
  expected: number;
  excess: number;
  /** excess / expected × 100; Infinity when expected is 0 and actual is not. */
  percent: number;
  z: number;
  /** Days of history before `day` (from the first day with data). */
  historyDays: number;
  anomalous: boolean;
  /** Why it is not judged: not enough history. */
  insufficientHistory: boolean;
}

/**
 * Pure: judges one day of a daily series (days missing from the map after the first day with data count as 0).
 * Baseline = median of the same weekday over up to 4 weeks; spread = robust deviation of the last 14 days'
 * residuals against their own same-weekday baselines, so weekly seasonality alone never looks unusual.
 */
export function judgeDay(series: ReadonlyMap<Day, number>, day: Day, t: AnomalyThresholds): SeriesVerdict {
  const known = [...series.keys()].filter((d) => d < day).sort();
  const first = known[0];
  const historyDays = first ? eachDay(first, day).length : 0;
  const value = (d: Day) => (first !== undefined && d >= first ? (series.get(d) ?? 0) : undefined);
  const baselineOf = (d: Day): number | undefined => {
    const same: number[] = [];
    for (let k = 1; k <= BASELINE_WEEKS; k += 1) {
      const v = value(addDays(d, -7 * k));
      if (v !== undefined) same.push(v);
    }
    return same.length > 0 ? median(same) : undefined;
  };
  const actual = series.get(day) ?? 0;
  const expected = baselineOf(day) ?? 0;
  const excess = actual - expected;
  const percent = expected > 0 ? (excess / expected) * 100 : actual > 0 ? Number.POSITIVE_INFINITY : 0;
  const insufficientHistory = historyDays < t.minHistoryDays;

  const residuals: number[] = [];
  for (let k = 1; k <= SPREAD_DAYS; k += 1) {
    const d = addDays(day, -k);
    const v = value(d);
    const b = baselineOf(d);
    if (v !== undefined && b !== undefined) residuals.push(v - b);
  }
  let sigma: number;
  if (residuals.length >= MIN_ROBUST_SAMPLES) {
    const center = median(residuals);
    sigma = MAD_TO_SIGMA * median(residuals.map((r) => Math.abs(r - center)));
  } else {
    sigma = stddev(residuals);
  }
  sigma = Math.max(sigma, expected * MIN_SIGMA_SHARE, Number.EPSILON);
  const z = excess / sigma;
  const anomalous = !insufficientHistory && excess >= t.floorAmount && percent >= t.percent && z >= t.zScore;
  return { day, actual, expected, excess, percent, z, historyDays, anomalous, insufficientHistory };
}

export interface Contributor {
  dimension: 'sku' | 'label' | 'project';
  key: string;
  actual: number;
  expected: number;
  excess: number;
}

export interface NewSku {
  skuId: string;
  description: string;
  cost: number;
}

export interface AnomalyReport {
  scopeName: string;
  day: Day;
  verdict: SeriesVerdict;
  /** SKUs with spend on the day and none in the look-back window, above the absolute floor. */
  newSkus: NewSku[];
  contributors: Contributor[];
  /** True when the day deserves an alert: the total is anomalous or a new SKU appeared. */
  alert: boolean;
  /** Plain-language summary, including "not enough history" when that is why nothing is judged. */
  summary: string;
  /** What the check watched and when, when it is not the whole bill's daily check. */
  note?: string;
}

/** Pure: the full anomaly report for one scope and day from its spend rows (look-back window and the day). */
export function detectAnomaly(
  rows: readonly DailySpendRow[],
  day: Day,
  t: AnomalyThresholds,
  scopeName: string,
  labelKeys: readonly string[],
): AnomalyReport {
  const series = sumBy(rows, (r) => r.day);
  const verdict = judgeDay(series, day, t);
  const onDay = rows.filter((r) => r.day === day);
  const before = rows.filter((r) => r.day < day);

  const seenSkus = new Set(before.filter((r) => r.cost > 0).map((r) => r.skuId));
  const newSkuCost = sumBy(
    onDay.filter((r) => !seenSkus.has(r.skuId)),
    (r) => r.skuId,
  );
  const newSkus: NewSku[] = verdict.insufficientHistory
    ? []
    : [...newSkuCost]
        .filter(([, cost]) => cost >= t.floorAmount)
        .map(([skuId, cost]) => ({
          skuId,
          description: onDay.find((r) => r.skuId === skuId)?.skuDescription ?? skuId,
          cost,
        }))
        .sort((a, b) => b.cost - a.cost);

  const contributors: Contributor[] = [];
  const dims: Array<[Contributor['dimension'], (r: DailySpendRow) => string[]]> = [
    ['sku', (r) => [r.skuDescription]],
    ['label', (r) => labelPairs(r, labelKeys)],
    ['project', (r) => [r.project]],
  ];
  for (const [dimension, keysOf] of dims) {
    const perKey = new Map<string, Map<Day, number>>();
    for (const r of rows) {
      for (const key of keysOf(r)) {
        const m = perKey.get(key) ?? new Map<Day, number>();
        m.set(r.day, (m.get(r.day) ?? 0) + r.cost);
        perKey.set(key, m);
      }
    }
    const list: Contributor[] = [];
    for (const [key, s] of perKey) {
      const actual = s.get(day) ?? 0;
      const same: number[] = [];
      for (let k = 1; k <= BASELINE_WEEKS; k += 1) {
        const d = addDays(day, -7 * k);
        if (verdict.historyDays >= 7 * k) same.push(s.get(d) ?? 0);
      }
      const expected = same.length > 0 ? median(same) : 0;
      if (actual - expected > 0) list.push({ dimension, key, actual, expected, excess: actual - expected });
    }
    contributors.push(...list.sort((a, b) => b.excess - a.excess).slice(0, TOP_CONTRIBUTORS));
  }

  const alert = verdict.anomalous || newSkus.length > 0;
  return {
    scopeName,
    day,
    verdict,
    newSkus,
    contributors,
    alert,
    summary: summarize(verdict, newSkus, t, scopeName),
  };
}

function summarize(
  v: SeriesVerdict,
  newSkus: readonly NewSku[],
  t: AnomalyThresholds,
  scopeName: string,
): string {
  if (v.insufficientHistory) {
    return `${scopeName}: not enough history to judge ${v.day} (${v.historyDays} days of spend, at least ${t.minHistoryDays} needed)`;
  }
  const parts: string[] = [];
  if (v.anomalous) parts.push(`${scopeName}: spend on ${v.day} is unusually high`);
  if (newSkus.length > 0)
    parts.push(`${newSkus.length} SKU${newSkus.length === 1 ? '' : 's'} never seen before`);
  return parts.length > 0 ? parts.join('; ') : `${scopeName}: spend on ${v.day} is within the usual range`;
}

export interface AnomalyScope {
  /** Stable id for notification keys: "org" or the channel id. */
  id: string;
  name: string;
  scope: Scope | undefined;
}

/** Key under which an anomaly alert for a scope and day is recorded in notifications_sent. */
export function anomalyNotificationKey(scopeId: string, day: Day): string {
  return `anomaly:${scopeId}:${day}`;
}

/** Reads the look-back window for a scope and judges `day`. */
export function checkAnomalies(
  store: Store,
  config: Pick<Config, 'anomalies' | 'google'>,
  target: AnomalyScope,
  day: Day,
): AnomalyReport {
  const rows = dailySpendRows(store, addDays(day, -ANOMALY_LOOKBACK_DAYS), addDays(day, 1), target.scope);
  return detectAnomaly(rows, day, config.anomalies, target.name, config.google.billingExport.labelKeys);
}

function scopeKey(scope: Scope): string {
  if (isWholeOrg(scope)) return 'org';
  const labels = Object.entries(scope.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return [...[...scope.projects].sort(), ...labels].join(',');
}

/** One anomaly target per distinct scope among the alert channels, with the channels it goes to. */
export function anomalyTargets(
  channels: readonly ChannelConfig[],
): Array<AnomalyScope & { channels: string[] }> {
  const byKey = new Map<string, AnomalyScope & { channels: string[] }>();
  for (const c of channels.filter((ch) => ch.alerts)) {
    const id = scopeKey(c.scope);
    const entry = byKey.get(id) ?? {
      id,
      name: id === 'org' ? 'whole organization' : c.name ? `#${c.name.replace(/^#/, '')}` : id,
      scope: c.scope,
      channels: [],
    };
    entry.channels.push(c.id);
    byKey.set(id, entry);
  }
  return [...byKey.values()];
}
