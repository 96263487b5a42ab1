import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { buildDigest, type DigestScope } from '../../src/report/digest.js';
import { renderDigestText } from '../../src/report/digestText.js';
import { lastCompleteWeek, weekRange } from '../../src/report/period.js';
import { catalogEstimator } from '../../src/report/source.js';
import { addDays, eachDay } from '../../src/time/days.js';
import {
  type BillingSeed,
  insertBilling,
  insertDeployedModel,
  insertTraffic,
  setActualThrough,
  type TempStore,
  tempStore,
} from './support/seed.js';

const ORG: DigestScope = { name: 'whole organization', scope: { projects: [], labels: {} }, channel: null };
const PROJECTS = ['ml-prod-1234', 'ml-research-99'];
const SKUS = [
  { skuId: 'SKU-GPU', skuDescription: 'Nvidia Tesla T4 GPU running in Americas', kind: 'training' as const },
  { skuId: 'SKU-PRED', skuDescription: 'Online prediction n1-standard-8', kind: 'prediction' as const },
  { skuId: 'SKU-PIPE', skuDescription: 'Pipelines run', kind: 'pipelines' as const },
  {
    skuId: 'SKU-GEMINI',
    skuDescription: 'Gemini 2.5 Flash GA Text Input - Predictions',
    kind: 'genai' as const,
  },
  { skuId: 'SKU-STORE', skuDescription: 'Model registry storage', kind: 'other' as const },
];
const TEAMS: Record<string, string>[] = [{ team: 'vision' }, { team: 'search', env: 'prod' }, {}];

/** Deterministic, varied spend: every day × project × SKU × label set, with credits on some rows. */
function syntheticBilling(from: string, to: string): BillingSeed[] {
  const rows: BillingSeed[] = [];
  let seed = 7;
  const rand = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  for (const day of eachDay(from, to)) {
    for (const project of PROJECTS) {
      for (const sku of SKUS) {
        for (const labels of TEAMS) {
          const cost = Math.round(rand() * 10_000) / 100;
          rows.push({ day, project, ...sku, labels, cost, credits: rand() < 0.2 ? -cost * 0.1 : 0 });
        }
      }
    }
  }
  return rows;
}

function sql(t: TempStore, query: string, ...params: unknown[]): number {
  const row = t.store.sqlite.prepare(query).get(...params) as { v: number | null };
  return row.v ?? 0;
}
const sumBetween = (t: TempStore, from: string, toExclusive: string, extra = '', ...params: unknown[]) =>
  sql(
    t,
    `SELECT SUM(cost + credits) AS v FROM billing_daily WHERE day >= ? AND day < ? ${extra}`,
    from,
    toExclusive,
    ...params,
  );

let t: TempStore;
afterEach(() => t?.dispose());

const cases = [
  {
    name: 'Europe/Berlin, the week DST ends (Sun Oct 25 has 25 hours)',
    timezone: 'Europe/Berlin',
    now: '2026-10-26T08:00:00Z', // Monday 09:00 CET
    week: '2026-W43',
    start: '2026-10-19',
    hoursInWeek: 169,
  },
  {
    name: 'America/New_York, a week crossing a month boundary and the DST end (Nov 1)',
    timezone: 'America/New_York',
    now: '2026-11-02T14:00:00Z', // Monday 09:00 EST
    week: '2026-W44',
    start: '2026-10-26',
    hoursInWeek: 169,
  },
  {
    name: 'UTC, an ordinary week',
    timezone: 'UTC',
    now: '2026-10-12T09:00:00Z',
    week: '2026-W41',
    start: '2026-10-05',
    hoursInWeek: 168,
  },
];

describe('weekly digest figures against independent SQL', () => {
  for (const c of cases) {
    it(c.name, () => {
      t = tempStore();
      const end = addDays(c.start, 7);
      insertBilling(t.store, syntheticBilling(addDays(c.start, -70), end));
      setActualThrough(t.store, addDays(end, -1));
      // One endpoint idle all week, one busy: the idle cost comes from traffic (no findings exist).
      insertDeployedModel(t.store, {
        endpoint: 'projects/p/locations/us-central1/endpoints/idle',
        hourlyPrice: 2,
      });
      insertDeployedModel(t.store, {
        endpoint: 'projects/p/locations/us-central1/endpoints/busy',
        hourlyPrice: 5,
      });
      const margin = 3 * 86_400_000;
      const fromIso = new Date(Date.parse(`${c.start}T00:00:00Z`) - margin).toISOString();
      const toIso = new Date(Date.parse(`${end}T00:00:00Z`) + margin).toISOString();
      insertTraffic(t.store, 'projects/p/locations/us-central1/endpoints/idle', fromIso, toIso, () => 0);
      insertTraffic(t.store, 'projects/p/locations/us-central1/endpoints/busy', fromIso, toIso, () => 100);

      const config = configSchema.parse({ timezone: c.timezone });
      const now = new Date(c.now);
      const week = lastCompleteWeek(now, c.timezone);
      expect(week).toEqual(weekRange(c.week));
      expect(week.start).toBe(c.start);
      const d = buildDigest({ store: t.store, config, week, scope: ORG, now });

      expect(d.total.current).toBeCloseTo(sumBetween(t, c.start, end), 6);
      expect(d.total.previous).toBeCloseTo(sumBetween(t, addDays(c.start, -7), c.start), 6);
      expect(d.total.fourWeekAverage).toBeCloseTo(sumBetween(t, addDays(c.start, -28), c.start) / 4, 6);
      expect(d.byKind.map((k) => k.kind)).toContain('genai');
      for (const k of d.byKind) {
        expect(k.current).toBeCloseTo(sumBetween(t, c.start, end, 'AND kind = ?', k.kind), 6);
      }
      const unlabeled = sumBetween(t, c.start, end, "AND json_extract(labels, '$.team') IS NULL");
      expect(d.labelCoverage.unlabeled).toBeCloseTo(unlabeled, 6);
      expect(d.labelCoverage.share).toBeCloseTo(unlabeled / sumBetween(t, c.start, end), 9);

      const top = d.movers[0]!;
      const [dim, col] =
        top.dimension === 'project'
          ? ['project', 'project']
          : top.dimension === 'sku'
            ? ['sku', 'sku_description']
            : ['label', ''];
      if (dim !== 'label') {
        const cur = sumBetween(t, c.start, end, `AND ${col} = ?`, top.key);
        const prev = sumBetween(t, addDays(c.start, -7), c.start, `AND ${col} = ?`, top.key);
        expect(top.change).toBeCloseTo(cur - prev, 6);
      }
      expect(Math.abs(top.change)).toBeGreaterThanOrEqual(Math.abs(d.movers.at(-1)!.change));

      // Idle endpoint: every local hour of the week at $2/h, DST hour included.
      expect(d.idle.source).toBe('traffic');
      expect(d.idle.cost).toBeCloseTo(c.hoursInWeek * 2, 6);

      // The month-end forecast counts the month the clock is in (November for the New York case).
      const monthStart = `${c.now.slice(0, 7)}-01`;
      const actualThrough = addDays(end, -1);
      const mtd = monthStart <= actualThrough ? sumBetween(t, monthStart, addDays(actualThrough, 1)) : 0;
      expect(d.forecast.actualToDate).toBeCloseTo(mtd, 6);
      expect(d.forecast.low).toBeLessThanOrEqual(d.forecast.forecast);
      expect(d.forecast.high).toBeGreaterThanOrEqual(d.forecast.forecast);

      const text = renderDigestText(d);
      expect(text).toContain(`billing export through`);
      expect(text).toContain(c.week);
      expect(d.dailyTotals).toHaveLength(56);
    });
  }

  it('idle cost from traffic: local days without a prediction, at the replicas each hour had', () => {
    t = tempStore();
    const sometimes = 'projects/p/locations/us-central1/endpoints/sometimes';
    const never = 'projects/p/locations/us-central1/endpoints/never';
    insertBilling(t.store, syntheticBilling('2026-09-01', '2026-11-09'));
    insertDeployedModel(t.store, { endpoint: sometimes, hourlyPrice: 1.5 });
    insertDeployedModel(t.store, { endpoint: never, hourlyPrice: 0.5, minReplicas: 2 });
    const from = '2026-11-01T00:00:00Z';
    const to = '2026-11-11T00:00:00Z';
    // One prediction in the hour from 04:00Z on Nov 9: 23:00 on Nov 8 in New York, the week's last local day, so
    // that day is busy (in UTC the hour would fall after the week).
    const once = (hour: Date) => (hour.toISOString() === '2026-11-09T04:00:00.000Z' ? 1 : 0);
    insertTraffic(t.store, sometimes, from, to, once, 'dm1', 3);
    // No replica count from Monitoring: the deployment's minimum of 2 is what it paid for.
    insertTraffic(t.store, never, from, to, () => 0);
    const d = buildDigest({
      store: t.store,
      config: configSchema.parse({ timezone: 'America/New_York' }),
      week: weekRange('2026-W45')!,
      scope: ORG,
      now: new Date('2026-11-10T15:00:00Z'),
    });
    expect(d.idle.source).toBe('traffic');
    // New York is five hours behind UTC all that week: 24 hours a local day.
    const sometimesIdle = 1.5 * 3 * 24 * 6;
    const neverIdle = 0.5 * 2 * 24 * 7;
    expect(d.idle.endpoints.map((e) => e.cost)).toEqual([
      expect.closeTo(sometimesIdle, 6),
      expect.closeTo(neverIdle, 6),
    ]);
    expect(d.idle.cost).toBeCloseTo(sometimesIdle + neverIdle, 6);
  });

  it('says which days are estimated when the billing export lags, and adds the catalog estimate', () => {
    t = tempStore();
    const start = '2026-10-19';
    insertBilling(t.store, syntheticBilling('2026-09-01', '2026-10-24'));
    setActualThrough(t.store, '2026-10-23');
    insertDeployedModel(t.store, {
      endpoint: 'projects/p/locations/us-central1/endpoints/e1',
      hourlyPrice: 3,
      minReplicas: 2,
    });
    const config = configSchema.parse({ timezone: 'Europe/Berlin' });
    const now = new Date('2026-10-26T08:00:00Z');
    const week = weekRange('2026-W43')!;
    const d = buildDigest({
      store: t.store,
      config,
      week,
      scope: ORG,
      now,
      estimate: catalogEstimator(t.store, config.timezone, now),
    });
    expect(d.source.actualThrough).toBe('2026-10-23');
    expect(d.source.estimatedDays).toEqual(['2026-10-24', '2026-10-25']);
    // 2 replicas × $3/h over Sat (24 h) and Sun (25 h, DST end).
    expect(d.total.estimated).toBeCloseTo(2 * 3 * 49, 6);
    expect(d.total.current).toBeCloseTo(sumBetween(t, start, '2026-10-24') + 2 * 3 * 49, 6);
    expect(renderDigestText(d)).toContain('Oct 24–Oct 25 estimated from catalog prices');
  });

  it('speaks the billing currency, and writes the amounts of a line alike', () => {
    t = tempStore();
    // About €12,000 a day: week totals under 100,000 next to a month forecast above it.
    const rows = syntheticBilling('2026-09-01', '2026-10-26').map((r) => ({
      ...r,
      cost: r.cost * 10,
      credits: (r.credits ?? 0) * 10,
    }));
    insertBilling(t.store, rows);
    setActualThrough(t.store, '2026-10-25');
    const config = configSchema.parse({
      timezone: 'UTC',
      currency: 'EUR',
      budgets: [{ name: 'all', monthlyAmount: 350_000 }],
    });
    const d = buildDigest({
      store: t.store,
      config,
      week: weekRange('2026-W43')!,
      scope: ORG,
      now: new Date('2026-10-26T09:00:00Z'),
    });
    const text = renderDigestText(d);
    expect(text).not.toContain('$');
    expect(text).toContain('€');
    const mixed = text.split('\n').filter((line) => {
      const amounts = line.match(/€[\d,]+(?:\.\d+)?/g) ?? [];
      const withCents = amounts.filter((a) => a.includes('.')).length;
      return withCents > 0 && withCents < amounts.length;
    });
    expect(mixed).toEqual([]);
    expect(text).toMatch(/Month-end forecast October 2026: €[\d,]+ \(range €[\d,]+–€[\d,]+;/);
  });

  it('reports how far the estimates were off once their days were billed, and flags a drift', () => {
    t = tempStore();
    insertBilling(t.store, syntheticBilling('2026-09-01', '2026-10-26'));
    setActualThrough(t.store, '2026-10-25');
    // Estimates kept for Oct 19–25 at 90 % of what was billed for training, nothing for the other kinds.
    const insert = t.store.sqlite.prepare(
      `INSERT INTO estimate_days (day, kind, estimated, unpriced, recorded_at) VALUES (?, 'training', ?, 0, 'x')`,
    );
    for (const day of eachDay('2026-10-19', '2026-10-26'))
      insert.run(day, 0.9 * sumBetween(t, day, addDays(day, 1), "AND kind = 'training'"));
    const config = configSchema.parse({ timezone: 'UTC', estimates: { driftTolerancePercent: 5 } });
    const d = buildDigest({
      store: t.store,
      config,
      week: weekRange('2026-W43')!,
      scope: ORG,
      now: new Date('2026-10-26T09:00:00Z'),
    });
    const estimated = sql(t, 'SELECT SUM(estimated) AS v FROM estimate_days');
    // Billed spend of the kinds estimates cover: generative AI is never estimated, so it is no error of theirs.
    const billed = sumBetween(t, '2026-10-19', '2026-10-26', "AND kind != 'genai'");
    expect(d.accuracy?.lastWeek.days).toBe(7);
    expect(d.accuracy?.lastWeek.error).toBeCloseTo((estimated - billed) / billed, 9);
    const text = renderDigestText(d);
    expect(text).toContain('Estimate accuracy:');
    expect(text).toMatch(/⚠ The estimates drift beyond the 5% tolerance, caused by .*prediction \(-100%\)/);
    expect(text).toContain('training: estimated');
    expect(text).not.toMatch(/genai: estimated/);
  });

  it.each([
    {
      name: 'projects and labels',
      projects: ['ml-prod-1234'],
      where: 'AND project = ? AND ',
      params: ['ml-prod-1234'],
    },
    { name: 'a label alone', projects: [], where: 'AND ', params: [] },
  ])(
    'a channel scope of $name sees only its spend, this week and the weeks before',
    ({ projects, where, params }) => {
      t = tempStore();
      insertBilling(t.store, syntheticBilling('2026-09-01', '2026-10-26'));
      const config = configSchema.parse({ timezone: 'UTC' });
      const scope: DigestScope = {
        name: '#vision',
        scope: { projects, labels: { team: 'vision' } },
        channel: 'C0VISION1',
      };
      const d = buildDigest({
        store: t.store,
        config,
        week: weekRange('2026-W43')!,
        scope,
        now: new Date('2026-10-26T09:00:00Z'),
      });
      const inScope = `${where}json_extract(labels, '$.team') = ?`;
      const between = (from: string, to: string, extra = '', ...more: string[]) =>
        sumBetween(t, from, to, `${inScope} ${extra}`, ...params, 'vision', ...more);
      expect(d.total.current).toBeCloseTo(between('2026-10-19', '2026-10-26'), 6);
      expect(d.total.previous).toBeCloseTo(between('2026-10-12', '2026-10-19'), 6);
      // The weeks before the two compared are read as daily totals by kind: the same money.
      expect(d.total.fourWeekAverage).toBeCloseTo(between('2026-09-21', '2026-10-19') / 4, 6);
      for (const day of ['2026-09-01', '2026-09-15', '2026-10-25']) {
        expect(d.dailyTotals.find((p) => p.day === day)?.cost).toBeCloseTo(between(day, addDays(day, 1)), 6);
        const training = d.chart.find((p) => p.day === day && p.kind === 'training')?.cost;
        expect(training).toBeCloseTo(between(day, addDays(day, 1), 'AND kind = ?', 'training'), 6);
      }
      expect(d.labelCoverage.unlabeled).toBe(0);
      // The estimates' accuracy is kept for the whole organization: a channel's digest leaves it out.
      expect(d.accuracy).toBeNull();
      expect(renderDigestText(d)).not.toContain('Estimate accuracy');
    },
  );
});
