// The estimates' accuracy in words, for the digest and for "how accurate are the estimates?".

import { lineMoney } from '../money/format.js';
import type { AccuracyWindow, EstimateAccuracy, KindAccuracy } from '../spend/estimateAccuracy.js';
import { formatRange } from '../time/days.js';

/** "+12%" / "-3%" / "nothing billed". */
export function formatError(error: number | null): string {
  if (error === null) return 'nothing billed';
  const pct = Math.round(error * 100);
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

function compared(
  what: string,
  w: Pick<AccuracyWindow, 'estimated' | 'billed' | 'error'>,
  currency: string,
): string {
  const money = lineMoney(currency, w.estimated, w.billed);
  return `${what}: estimated ${money(w.estimated)}, billed ${money(w.billed)} (${formatError(w.error)})`;
}

function windowLine(label: string, w: AccuracyWindow, currency: string, year: number): string {
  const range = formatRange(w.start, w.end, year);
  if (w.days === 0) return `${label} (${range}): no estimated day billed yet`;
  return compared(`${label} (${range}, ${w.days} day${w.days === 1 ? '' : 's'} compared)`, w, currency);
}

/** The drift verdict: within the tolerance, or beyond it with the kinds that cause it. */
export function driftLine(a: EstimateAccuracy): string {
  if (a.last30Days.days === 0) return '';
  if (!a.drifting) return `Within the ${a.tolerancePercent}% tolerance.`;
  const kinds = a.driftingKinds.map((k: KindAccuracy) => `${k.kind} (${formatError(k.error)})`);
  return `⚠ The estimates drift beyond the ${a.tolerancePercent}% tolerance${kinds.length ? `, caused by ${kinds.join(', ')}` : ''}.`;
}

/** Lines: the last 30 days and last week, then each kind over the last 30 days, then the verdict. */
export function accuracyLines(a: EstimateAccuracy, currency: string, year: number): string[] {
  if (a.last30Days.days === 0 && a.lastWeek.days === 0) {
    return [
      'No estimated day has been billed yet: each day is estimated until the billing export is actual for it, and its estimate is compared then.',
    ];
  }
  return [
    windowLine('Last 30 days', a.last30Days, currency, year),
    windowLine('Last week', a.lastWeek, currency, year),
    ...a.last30Days.byKind.map((k) => `  ${compared(k.kind, k, currency)}`),
    driftLine(a),
  ].filter((line) => line !== '');
}
