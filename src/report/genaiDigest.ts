// The weekly digest's generative-AI line: the week's billed genai spend, its change against the week before,
// and the model family that cost the most.
import type { DailySpendRow } from '../db/queries/billingReads.js';

export interface GenaiWeek {
  current: number;
  previous: number;
  /** The family with the most spend this week; null when no genai row names one. */
  topFamily: { name: string; cost: number; share: number } | null;
}

/** Null when neither week has generative-AI spend: the digest then says nothing about it. */
export function genaiWeek(
  current: readonly DailySpendRow[],
  previous: readonly DailySpendRow[],
): GenaiWeek | null {
  const genai = (rows: readonly DailySpendRow[]) => rows.filter((r) => r.kind === 'genai');
  const thisWeek = genai(current);
  const lastWeek = genai(previous);
  if (thisWeek.length === 0 && lastWeek.length === 0) return null;
  const total = thisWeek.reduce((a, r) => a + r.cost, 0);
  const byFamily = new Map<string, number>();
  for (const r of thisWeek) {
    if (r.modelFamily) byFamily.set(r.modelFamily, (byFamily.get(r.modelFamily) ?? 0) + r.cost);
  }
  const [top] = [...byFamily].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    current: total,
    previous: lastWeek.reduce((a, r) => a + r.cost, 0),
    topFamily: top ? { name: top[0], cost: top[1], share: total > 0 ? top[1] / total : 0 } : null,
  };
}
