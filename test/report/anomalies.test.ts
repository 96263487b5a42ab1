import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { DailySpendRow } from '../../src/db/queries/billingReads.js';
import { detectAnomaly, judgeDay } from '../../src/report/anomalies.js';
import { addDays, isoWeekday } from '../../src/time/days.js';

const thresholds = configSchema.parse({}).anomalies; // floor $50, +30 %, z ≥ 3, 14 days of history

/** Seeded generator so every run sees the same series. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}
function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

interface Synthetic {
  series: Map<string, number>;
  spikes: Set<string>;
}

/** Weekday/weekend seasonality, a slow trend, 5 % noise, and optional injected spikes. */
function synthetic(seed: number, days: number, spikeRate: number): Synthetic {
  const rand = rng(seed);
  const series = new Map<string, number>();
  const spikes = new Set<string>();
  const start = '2026-03-02';
  const base = 400 + rand() * 1600;
  for (let i = 0; i < days; i += 1) {
    const day = addDays(start, i);
    const weekend = isoWeekday(day) >= 6;
    let value = base * (weekend ? 0.35 : 1) * (1 + i * 0.002) * (1 + 0.05 * gaussian(rand));
    if (i >= 35 && rand() < spikeRate) {
      value *= 1.6 + rand() * 1.4; // +60 % … +200 %
      spikes.add(day);
    }
    series.set(day, Math.max(0, value));
  }
  return { series, spikes };
}

describe('anomaly detector on synthetic series', () => {
  it('finds injected spikes with high precision and recall', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let seed = 1; seed <= 30; seed += 1) {
      const { series, spikes } = synthetic(seed, 120, 0.06);
      for (const day of [...series.keys()].slice(35)) {
        const flagged = judgeDay(series, day, thresholds).anomalous;
        if (flagged && spikes.has(day)) tp += 1;
        else if (flagged) fp += 1;
        else if (spikes.has(day)) fn += 1;
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `anomaly detector: ${tp} true, ${fp} false positives, ${fn} missed; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(tp + fn).toBeGreaterThan(100);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('stays quiet on weekly seasonality alone', () => {
    let flagged = 0;
    let judged = 0;
    for (let seed = 100; seed < 130; seed += 1) {
      const { series } = synthetic(seed, 120, 0);
      for (const day of [...series.keys()].slice(14)) {
        judged += 1;
        if (judgeDay(series, day, thresholds).anomalous) flagged += 1;
      }
    }
    console.log(`seasonality only: ${flagged} flagged of ${judged} days`);
    expect(flagged / judged).toBeLessThanOrEqual(0.002);
  });

  it.each([
    { name: 'below the absolute floor', base: 20, spike: 3, flagged: false },
    { name: 'above floor, percent and z', base: 1000, spike: 2, flagged: true },
    { name: 'above floor but under the percentage', base: 1000, spike: 1.2, flagged: false },
  ])('thresholds: $name', ({ base, spike, flagged }) => {
    const series = new Map<string, number>();
    for (let i = 0; i < 42; i += 1) series.set(addDays('2026-03-02', i), base * (1 + (i % 3) * 0.01));
    const day = addDays('2026-03-02', 42);
    series.set(day, base * spike);
    expect(judgeDay(series, day, thresholds).anomalous).toBe(flagged);
  });

  it('says when there is not enough history, and does not judge', () => {
    const series = new Map<string, number>();
    for (let i = 0; i < 10; i += 1) series.set(addDays('2026-03-02', i), 100);
    const day = addDays('2026-03-02', 10);
    series.set(day, 10_000);
    const v = judgeDay(series, day, thresholds);
    expect(v.insufficientHistory).toBe(true);
    expect(v.anomalous).toBe(false);
    const report = detectAnomaly(
      [...series].map(([d, cost]) => row(d, cost)),
      day,
      thresholds,
      'whole organization',
      ['team'],
    );
    expect(report.summary).toContain('not enough history');
    expect(report.summary).toContain('10 days of spend, at least 14 needed');
  });
});

function row(day: string, cost: number, over: Partial<DailySpendRow> = {}): DailySpendRow {
  return {
    day,
    cost,
    project: 'ml-prod-1234',
    skuId: 'SKU-A',
    skuDescription: 'GPU A',
    kind: 'training',
    labels: {},
    ...over,
  };
}

describe('anomaly report', () => {
  it('names the top contributors and flags a SKU never seen before', () => {
    const rows: DailySpendRow[] = [];
    const day = '2026-04-20';
    for (let i = 28; i >= 1; i -= 1) {
      const d = addDays(day, -i);
      rows.push(
        row(d, 500, { labels: { team: 'vision' } }),
        row(d, 300, { skuId: 'SKU-B', skuDescription: 'CPU B', project: 'ml-research-99' }),
      );
    }
    rows.push(
      row(day, 1500, { labels: { team: 'vision' } }),
      row(day, 300, { skuId: 'SKU-B', skuDescription: 'CPU B', project: 'ml-research-99' }),
      row(day, 400, { skuId: 'SKU-NEW', skuDescription: 'H100 GPU', labels: { team: 'llm' } }),
    );
    const report = detectAnomaly(rows, day, thresholds, 'whole organization', ['team']);
    expect(report.verdict.anomalous).toBe(true);
    expect(report.alert).toBe(true);
    expect(report.newSkus.map((s) => s.skuId)).toEqual(['SKU-NEW']);
    const sku = report.contributors.filter((c) => c.dimension === 'sku');
    expect(sku[0]).toMatchObject({ key: 'GPU A', excess: 1000 });
    expect(report.contributors.find((c) => c.dimension === 'label')).toMatchObject({
      key: 'team=vision',
      excess: 1000,
    });
    expect(report.contributors.find((c) => c.dimension === 'project')).toMatchObject({ key: 'ml-prod-1234' });
  });
});
