import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import {
  budgetNotificationKey,
  budgetStatus,
  evaluateBudget,
  newBudgetCrossings,
} from '../../src/report/budgets.js';
import { projectMonthEnd } from '../../src/report/forecast.js';
import { addDays, eachDay, isoWeekday } from '../../src/time/days.js';
import { insertBilling, setActualThrough, tempStore } from './support/seed.js';

/** Weekdays cost `weekday`, weekends `weekend`, every day from `from` to `to` (exclusive). */
function flatSeries(from: string, to: string, weekday: number, weekend: number): Map<string, number> {
  return new Map(eachDay(from, to).map((d) => [d, isoWeekday(d) >= 6 ? weekend : weekday]));
}

describe('month-end forecast', () => {
  it.each([
    {
      name: 'mid-month, billing through yesterday',
      today: '2026-11-16',
      actualThrough: '2026-11-15',
      estimated: {},
      // Nov 16–30: 11 weekdays, 4 weekend days.
      expectedProjected: 11 * 100 + 4 * 20,
      expectedEstimated: 0,
    },
    {
      name: 'billing lags two days: those are estimated, the rest projected',
      today: '2026-11-16',
      actualThrough: '2026-11-13',
      estimated: { '2026-11-14': 25, '2026-11-15': 25 },
      expectedProjected: 11 * 100 + 4 * 20,
      expectedEstimated: 50,
    },
    {
      name: 'first day of the month, billing through the last day of the previous one',
      today: '2026-12-01',
      actualThrough: '2026-11-30',
      estimated: {},
      // December: 23 weekdays, 8 weekend days.
      expectedProjected: 23 * 100 + 8 * 20,
      expectedEstimated: 0,
    },
  ])('$name', ({ today, actualThrough, estimated, expectedProjected, expectedEstimated }) => {
    const history = flatSeries('2026-09-01', addDays(actualThrough, 1), 100, 20);
    const f = projectMonthEnd({
      actualByDay: history,
      actualThrough,
      estimatedByDay: new Map(Object.entries(estimated)),
      today,
    });
    const monthStart = `${today.slice(0, 7)}-01`;
    const actual = eachDay(monthStart, addDays(actualThrough, 1)).reduce(
      (a, d) => a + (history.get(d) ?? 0),
      0,
    );
    expect(f.actualToDate).toBeCloseTo(actual, 9);
    expect(f.estimated).toBeCloseTo(expectedEstimated, 9);
    expect(f.projected).toBeCloseTo(expectedProjected, 9);
    expect(f.forecast).toBeCloseTo(actual + expectedEstimated + expectedProjected, 9);
    // A perfectly regular history has no spread.
    expect(f.high - f.low).toBeCloseTo(0, 6);
    expect(f.basis).toContain('weekday run rate');
  });

  it('gives a range that widens with noise and never goes below what is already spent', () => {
    const noisy = new Map(
      [...flatSeries('2026-09-01', '2026-11-16', 100, 20)].map(([d, v], i) => [d, v * (i % 2 ? 1.3 : 0.7)]),
    );
    const f = projectMonthEnd({
      actualByDay: noisy,
      actualThrough: '2026-11-15',
      estimatedByDay: new Map(),
      today: '2026-11-16',
    });
    expect(f.high).toBeGreaterThan(f.forecast);
    expect(f.low).toBeLessThan(f.forecast);
    expect(f.low).toBeGreaterThanOrEqual(f.actualToDate);
  });
});

describe('budgets', () => {
  const budget = configSchema.parse({ budgets: [{ name: 'ml', monthlyAmount: 3000 }] }).budgets[0]!;

  it('crossings: highest new threshold per basis, lower ones recorded with it, never repeated', () => {
    const f = projectMonthEnd({
      actualByDay: flatSeries('2026-09-01', '2026-11-16', 100, 20),
      actualThrough: '2026-11-15',
      estimatedByDay: new Map(),
      today: '2026-11-16',
    });
    const status = evaluateBudget(budget, f, 'USD'); // spent 1180 (39%), forecast 2360 (79%)
    expect(status.crossedBySpend).toEqual([]);
    expect(status.crossedByForecast).toEqual([50]);
    const sent = new Set<string>();
    const first = newBudgetCrossings([status], (k) => sent.has(k));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ basis: 'forecast', threshold: 50 });
    for (const k of first[0]!.keys) sent.add(k);
    expect(newBudgetCrossings([status], (k) => sent.has(k))).toEqual([]);
    expect(sent.has(budgetNotificationKey('ml', '2026-11', 'forecast', 50))).toBe(true);

    const later = evaluateBudget({ ...budget, monthlyAmount: 1000 }, f, 'USD'); // spent 118 %, forecast 236 %
    const next = newBudgetCrossings([later], (k) => sent.has(k));
    expect(next.map((c) => [c.basis, c.threshold])).toEqual([['spent', 100]]);
    expect(next[0]!.keys).toEqual(
      [50, 80, 100].map((t) => budgetNotificationKey('ml', '2026-11', 'spent', t)),
    );
  });

  it('budgetStatus reads the store per budget scope', () => {
    const t = tempStore();
    try {
      insertBilling(t.store, [
        { day: '2026-11-02', project: 'ml-prod-1234', cost: 700 },
        { day: '2026-11-02', project: 'ml-research-99', cost: 300 },
        { day: '2026-10-31', project: 'ml-prod-1234', cost: 999 },
      ]);
      setActualThrough(t.store, '2026-11-02');
      const config = configSchema.parse({
        timezone: 'UTC',
        budgets: [
          { name: 'prod', monthlyAmount: 1000, scope: { projects: ['ml-prod-1234'] } },
          { name: 'all', monthlyAmount: 5000 },
        ],
      });
      const [prod, all] = budgetStatus({ store: t.store, config, now: new Date('2026-11-03T10:00:00Z') });
      expect(prod!.spentToDate).toBe(700);
      expect(prod!.crossedBySpend).toEqual([50]);
      expect(all!.spentToDate).toBe(1000);
    } finally {
      t.dispose();
    }
  });
});
