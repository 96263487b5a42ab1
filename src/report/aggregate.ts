import type { DailySpendRow } from '../db/queries/billingReads.js';
import type { SpendKind } from '../domain/kinds.js';
import type { Day } from '../time/days.js';

/** Spend on one day for one kind: what the billing export and the catalog estimate contribute together. */
export interface DayKindAmount {
  day: Day;
  kind: SpendKind;
  cost: number;
}

export function sumCost(rows: readonly { cost: number }[]): number {
  let total = 0;
  for (const r of rows) total += r.cost;
  return total;
}

export function inRange<T extends { day: Day }>(rows: readonly T[], start: Day, end: Day): T[] {
  return rows.filter((r) => r.day >= start && r.day < end);
}

/** Sums cost by a key; rows for which `key` returns null are left out. */
export function sumBy<T extends { cost: number }>(
  rows: readonly T[],
  key: (row: T) => string | null,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    out.set(k, (out.get(k) ?? 0) + row.cost);
  }
  return out;
}

/** Daily totals for each day in `days` (days without spend are 0). */
export function dailyTotals(rows: readonly { day: Day; cost: number }[], days: readonly Day[]): number[] {
  const byDay = sumBy(rows, (r) => r.day);
  return days.map((d) => byDay.get(d) ?? 0);
}

/** "k=v" pairs of the row's labels among the given keys (missing labels are left out). */
export function labelPairs(row: DailySpendRow, keys: readonly string[]): string[] {
  return keys.filter((k) => row.labels[k] !== undefined).map((k) => `${k}=${row.labels[k]}`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export function stddev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1));
}
