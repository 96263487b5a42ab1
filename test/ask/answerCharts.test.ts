// Which answers carry a chart, and that its figures are the answer's: bars by key for a grouped answer (two rows
// or more; with the period compared for a comparison; per day for a rate), the spend of each day for a rate, and
// none for a single figure. Expected figures come from SQL over billing_daily, never from the answer code; the
// chart never reaches `ask --json`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../src/ask/index.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { BarChartData, DailySeriesData } from '../../src/report/chartData.js';
import { type BillingSeed, seedBilling, setActualThrough } from './seed.js';

// Saturday; the billing export is final through Friday Nov 27, so every day before today is billed.
const NOW = '2026-11-28T09:00:00Z';
const config = configSchema.parse({
  google: { projects: [{ id: 'ml-prod' }, { id: 'ml-dev' }], billingExport: { labelKeys: ['team'] } },
});

function billingRows(): BillingSeed[] {
  const rows: BillingSeed[] = [];
  for (let d = 1; d <= 27; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    rows.push({ day, labels: { team: 'search' }, cost: 100 + d });
    rows.push({ day, project: 'ml-dev', labels: { team: 'ads' }, cost: 20 });
    rows.push({ day, kind: 'prediction', labels: { team: 'vision' }, cost: 7.5 });
  }
  for (let d = 1; d <= 31; d++) {
    const day = `2026-10-${String(d).padStart(2, '0')}`;
    rows.push({ day, labels: { team: 'search' }, cost: 90 });
    rows.push({ day, project: 'ml-dev', labels: { team: 'ads' }, cost: 30 });
  }
  return rows;
}

describe('charts beside answers', () => {
  let dir: string;
  let store: Store;
  const ask = (q: string) => askQuestion({ store, config, clock: fixedClock(new Date(NOW)) }, q);
  /** Billed spend per value of `column` in [from, to), from billing_daily. */
  const billedBy = (column: string, from: string, to: string): Map<string, number> =>
    new Map(
      (
        store.sqlite
          .prepare(
            `SELECT ${column} AS k, SUM(cost + credits) AS t FROM billing_daily WHERE day >= ? AND day < ? GROUP BY k`,
          )
          .all(from, to) as Array<{ k: string; t: number }>
      ).map((r) => [r.k, r.t]),
    );
  const bars = (chart: unknown) => chart as BarChartData;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-charts-'));
    store = openStore(join(dir, 'charts.db'));
    seedBilling(store, billingRows());
    setActualThrough(store, '2026-11-27');
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a grouped answer: a bar per listed row, its figure the billed spend of that key', async () => {
    const a = await ask('spend by team this month');
    const expected = billedBy("json_extract(labels, '$.team')", '2026-11-01', '2026-11-29');
    const chart = bars(a.chart);
    expect(chart.type).toBe('bars');
    expect(chart.unit).toBe('total');
    expect(chart.previousLabel).toBeNull();
    expect(chart.currentLabel).toBe('Nov 1 – Nov 28');
    expect(chart.title).toBe('Vertex AI spend by team, this month (Nov 1 – Nov 28)');
    expect(chart.bars.map((b) => b.key)).toEqual(['search', 'ads', 'vision']);
    for (const b of chart.bars) {
      expect(b.current).toBeCloseTo(expected.get(b.key) ?? Number.NaN, 9);
      expect(b.previous).toBeNull();
      // The text says the same figure.
      expect(a.text).toContain(
        `${b.key}: $${b.current.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
      );
    }
    expect(chart.omitted).toBe(0);
  });

  it('a comparison by project: both periods per key, the compared one from its own SQL', async () => {
    const a = await ask('compare this month to last month by project');
    const now = billedBy('project', '2026-11-01', '2026-11-29');
    const before = billedBy('project', '2026-10-01', '2026-11-01');
    const chart = bars(a.chart);
    expect(chart.previousLabel).toBe('Oct 1 – Oct 31');
    expect(chart.bars.map((b) => b.key).sort()).toEqual(['ml-dev', 'ml-prod']);
    for (const b of chart.bars) {
      expect(b.current).toBeCloseTo(now.get(b.key) ?? Number.NaN, 9);
      expect(b.previous).toBeCloseTo(before.get(b.key) ?? Number.NaN, 9);
    }
  });

  it('top N: as many bars as rows listed, the rest counted as omitted', async () => {
    const chart = bars((await ask('top 2 teams by cost this month')).chart);
    expect(chart.bars.map((b) => b.key)).toEqual(['search', 'ads']);
    expect(chart.omitted).toBe(1);
    expect(chart.title).toBe('Vertex AI spend, top 2 by team, this month (Nov 1 – Nov 28)');
  });

  it('a grouped rate: bars per whole day, over the whole days the text averages', async () => {
    const a = await ask('spend per day by team this month');
    const chart = bars(a.chart);
    const expected = billedBy("json_extract(labels, '$.team')", '2026-11-01', '2026-11-28');
    expect(chart.unit).toBe('perDay');
    expect(chart.currentLabel).toBe('Nov 1 – Nov 27');
    for (const b of chart.bars) expect(b.current).toBeCloseTo((expected.get(b.key) ?? Number.NaN) / 27, 9);
  });

  it('a rate without grouping: the spend of each day, and the average per whole day', async () => {
    const a = await ask('daily spend last 30 days');
    const chart = a.chart as DailySeriesData;
    expect(chart.type).toBe('daily');
    const expected = billedBy('day', '2026-10-29', '2026-11-28');
    expect(chart.days.map((d) => d.day)).toEqual([...expected.keys()].sort());
    for (const d of chart.days) {
      expect(d.cost).toBeCloseTo(expected.get(d.day) ?? Number.NaN, 9);
      expect(d.estimated).toBe(false);
    }
    const total = [...expected.values()].reduce((x, y) => x + y, 0);
    expect(chart.average).toEqual({
      value: expect.closeTo(total / 30, 9),
      start: '2026-10-29',
      end: '2026-11-28',
    });
  });

  it.each([
    ['a single figure', 'how much did we spend last week?'],
    ['an ungrouped comparison', 'compare last week to the week before'],
    ['a grouping with one row', 'spend by project for team:search this month'],
    ['a rate over one day', 'spend per day yesterday'],
    ['not a spend question', 'which endpoints are idle?'],
    ['not understood', 'spend on flurbs'],
  ])('no chart for %s ("%s")', async (_what, question) => {
    expect((await ask(question)).chart).toBeUndefined();
  });

  it('ask --json is unchanged by the chart: the same object as without it', async () => {
    for (const question of ['spend by team this month', 'daily spend last 30 days']) {
      const a = await ask(question);
      expect(a.chart).toBeDefined();
      const { chart: _chart, ...withoutChart } = a;
      expect(toAskJson(a)).toEqual(toAskJson(withoutChart));
      expect(Object.keys(toAskJson(a))).not.toContain('chart');
    }
  });
});
