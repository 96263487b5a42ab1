// The intents beyond spend (budget, forecast, alerts, running, unit cost) on the demo organisation, each checked
// against figures written here from the stored rows: plain SQL and arithmetic, never burnrate's query code.
// Every slice asked of each, and the text saying what the JSON says.

import { describe, expect, it } from 'vitest';
import { formatMoney, formatShare, lineMoney } from '../../src/money/format.js';
import { DEMO_NOW, demoConfig, demoOrganisation } from './support/demoOrg.js';
import { expectedSpend, type Filters } from './support/independent.js';

const demo = demoOrganisation();
const db = () => demo.store().sqlite;
const TODAY = DEMO_NOW.toISOString().slice(0, 10);
const MONTH_SO_FAR = { start: `${TODAY.slice(0, 8)}01`, end: '2026-11-29' };

const SLICES: Array<{ words: string; filters: Filters }> = [
  { words: '', filters: {} },
  { words: 'for team:recsys', filters: { labels: { team: 'recsys' } } },
  { words: 'for project:ml-prod', filters: { project: 'ml-prod' } },
  { words: 'in us-central1', filters: { region: 'us-central1' } },
  { words: 'for kind:training', filters: { kind: 'training' } },
];

/** Budgets whose scope lies inside the slice: every label the slice names, the budget names too. */
function budgetsAbout(filters: Filters) {
  if (filters.project || filters.region || filters.kind) return [];
  return demoConfig.budgets.filter((b) =>
    Object.entries(filters.labels ?? {}).every(([k, v]) => b.scope.labels[k] === v),
  );
}

const lineOf = (text: string, start: string) => text.split('\n').find((l) => l.startsWith(start)) ?? '';

describe('budget answers: one row per budget on its own scope, the total is the asked slice', () => {
  for (const slice of SLICES) {
    for (const phrasing of ['are we over budget', 'budget status', 'which budgets are at risk right now']) {
      const question = [phrasing, slice.words].filter(Boolean).join(' ');
      it(question, async () => {
        const a = await demo.ask(question);
        expect(a.intent).toBe('budget');
        // The month so far, as "spend this month" reads it: the heading's period is the figures' period.
        expect(a.period).toEqual(MONTH_SO_FAR);
        const spent = expectedSpend(db(), MONTH_SO_FAR, a.source.actualThrough, DEMO_NOW, slice.filters, []);
        expect(a.total ?? Number.NaN).toBeCloseTo(spent.total, 2);
        expect(a.text).toContain('(Nov 1 – Nov 28)');
        expect(a.text).toContain(formatMoney(spent.total));
        const about = budgetsAbout(slice.filters);
        expect(a.rows.map((r) => r.key)).toEqual(about.map((b) => b.name));
        let sumOfBudgets = 0;
        for (const budget of about) {
          const own = expectedSpend(
            db(),
            MONTH_SO_FAR,
            a.source.actualThrough,
            DEMO_NOW,
            { labels: budget.scope.labels },
            [],
          ).total;
          sumOfBudgets += own;
          const row = a.rows.find((r) => r.key === budget.name);
          expect(row?.cost ?? Number.NaN, budget.name).toBeCloseTo(own, 2);
          expect(row?.share ?? Number.NaN, budget.name).toBeCloseTo(own / budget.monthlyAmount, 4);
          // The amounts of one line are written alike: with cents, or without when one of them (the forecast
          // too) reaches 100,000.
          const line = (m: (n: number) => string) =>
            `${budget.name}: ${m(own)} of ${m(budget.monthlyAmount)} spent (${formatShare(own / budget.monthlyAmount)})`;
          const written = [
            line(lineMoney('USD', own, budget.monthlyAmount)),
            line(lineMoney('USD', 100_000)),
          ];
          expect(
            written.some((w) => a.text.includes(w)),
            written.join(' | '),
          ).toBe(true);
        }
        // Overlapping budgets are never added into one figure.
        if (about.length > 1) expect(a.text).not.toContain(formatMoney(sumOfBudgets));
        // The same figure and cut-off as the spend answer for the same slice.
        const spend = await demo.ask(['spend this month', slice.words].filter(Boolean).join(' '));
        expect(a.total).toBe(spend.total);
        expect(a.source.actualThrough).toBe(spend.source.actualThrough);
        expect(lineOf(a.text, 'Source:')).toContain(
          lineOf(spend.text, 'Source:')
            .replace(/\.$/, '')
            .replace(/^Source: /, ''),
        );
      });
    }
  }

  it('a slice inside a broader budget names the budget it counts toward', async () => {
    const a = await demo.ask('budget status for project:ml-prod');
    expect(a.text).toMatch(/^No budget is configured for project ml-prod/);
    expect(a.text).toContain('It counts toward:');
    expect(a.text).toContain('all Vertex AI: ');
    expect(a.text).not.toContain('recsys team: ');
  });
});

describe('forecast answers: what is billed so far, projected on top of it', () => {
  for (const slice of SLICES.filter((s) => !s.filters.region && !s.filters.kind)) {
    const question = ['forecast this month', slice.words].filter(Boolean).join(' ');
    it(question, async () => {
      const a = await demo.ask(question);
      expect(a.intent).toBe('forecast');
      expect(a.period).toEqual({ start: '2026-11-01', end: '2026-12-01' });
      // Billed: export rows of the complete days (through the actual-through day, never today).
      const through = [a.source.actualThrough ?? '', '2026-11-27'].sort()[0] as string;
      const where = [
        'day >= ? AND day <= ?',
        slice.filters.project ? 'project = ?' : '',
        ...Object.keys(slice.filters.labels ?? {}).map((k) => `json_extract(labels, '$.${k}') = ?`),
      ].filter(Boolean);
      const params = [
        '2026-11-01',
        through,
        ...(slice.filters.project ? [slice.filters.project] : []),
        ...Object.values(slice.filters.labels ?? {}),
      ];
      const billed = (
        db()
          .prepare(
            `SELECT COALESCE(SUM(cost + credits), 0) AS c FROM billing_daily WHERE ${where.join(' AND ')}`,
          )
          .get(...params) as { c: number }
      ).c;
      expect(a.text).toContain(`So far: ${formatMoney(billed)} billed`);
      // Estimated: the whole days after the actual-through day, before today, from catalog prices.
      const dayAfter = new Date(Date.parse(`${through}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const estimated =
        dayAfter < TODAY
          ? expectedSpend(db(), { start: dayAfter, end: TODAY }, through, DEMO_NOW, slice.filters, []).total
          : 0;
      if (estimated > 0) expect(a.text).toContain(`+ ${formatMoney(estimated)} estimated`);
      const projected = /projected: (\$[\d,.]+)/.exec(a.text)?.[1] ?? '';
      const asNumber = (m: string) => Number(m.replace(/[$,]/g, ''));
      expect(a.total ?? 0).toBeGreaterThanOrEqual(billed);
      expect(Math.abs((a.total ?? 0) - billed - estimated - asNumber(projected))).toBeLessThan(0.02);
      expect(a.text.split('\n')[0]).toContain(formatMoney(a.total ?? 0));
    });
  }
});

describe('alerts and running: the stored findings and resources, priced from their stored prices', () => {
  it('open alerts: every open finding, the total without the risks', async () => {
    const a = await demo.ask('open alerts');
    const open = db()
      .prepare(
        `SELECT title, impact_per_day AS impact, suggested_action AS action,
                evidence ->> '$.recommendation' IS NOT NULL AS recommended
           FROM findings WHERE status = 'open'`,
      )
      .all() as Array<{ title: string; impact: number | null; action: string | null; recommended: number }>;
    // A button or a recommended redeploy makes a fix; the rest are risks, left out of the total.
    const counted = open.filter((f) => (f.action !== null || f.recommended === 1) && f.impact !== null);
    const total = counted.reduce((s, f) => s + (f.impact ?? 0), 0);
    expect(a.total ?? Number.NaN).toBeCloseTo(total, 2);
    expect(a.text.split('\n')[0]).toBe(`${open.length} open alerts, worth ${formatMoney(total)} per day`);
    expect(a.rows.map((r) => r.key).sort()).toEqual(counted.map((f) => f.title).sort());
    for (const f of open) expect(a.text).toContain(f.title);
  });

  for (const slice of SLICES) {
    const question = ["what's running right now", slice.words].filter(Boolean).join(' ');
    it(question, async () => {
      const a = await demo.ask(question);
      const jobs = (
        db()
          .prepare(
            `SELECT display_name AS name, project, region, kind, labels, hourly_price AS price FROM jobs
              WHERE state IN ('QUEUED', 'PENDING', 'RUNNING', 'CANCELLING', 'UPDATING', 'PAUSED')`,
          )
          .all() as Array<{
          name: string;
          project: string;
          region: string;
          kind: string;
          labels: string;
          price: number | null;
        }>
      ).map((j) => ({
        ...j,
        kind: j.kind === 'pipeline' ? 'pipelines' : j.kind === 'batch_prediction' ? 'prediction' : 'training',
        perDay: j.price === null ? null : j.price * 24,
      }));
      const models = (
        db()
          .prepare(
            `SELECT d.display_name AS name, e.project, e.region, e.labels, d.hourly_price * d.min_replicas AS price
               FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
              WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.min_replicas > 0
                AND d.shared_resources IS NULL`,
          )
          .all() as Array<{
          name: string;
          project: string;
          region: string;
          labels: string;
          price: number | null;
        }>
      ).map((m) => ({ ...m, kind: 'prediction', perDay: m.price === null ? null : m.price * 24 }));
      const f = slice.filters;
      const shown = [...jobs, ...models].filter(
        (r) =>
          (!f.project || r.project === f.project) &&
          (!f.region || r.region === f.region) &&
          (!f.kind || r.kind === f.kind) &&
          Object.entries(f.labels ?? {}).every(
            ([k, v]) => (JSON.parse(r.labels) as Record<string, string>)[k] === v,
          ),
      );
      const perDay = shown.reduce((s, r) => s + (r.perDay ?? 0), 0);
      expect(a.total ?? 0).toBeCloseTo(perDay, 2);
      expect(a.rows).toHaveLength(shown.filter((r) => r.perDay !== null).length);
      if (shown.length > 0)
        expect(a.text.split('\n')[0]).toMatch(new RegExp(`^${shown.length} resources? running`));
      for (const r of shown) expect(a.text).toContain(r.name);
    });
  }
});

describe('unit cost: serving cost over the predictions of the same hours', () => {
  for (const endpoint of ['fraud-scorer', 'search-ranker', 'recsys-retrieval']) {
    const question = `cost per 1k predictions for ${endpoint} yesterday`;
    it(question, async () => {
      const a = await demo.ask(question);
      expect(a.intent).toBe('unit_cost');
      const rows = db()
        .prepare(
          `SELECT t.hour, t.predictions, COALESCE(t.replicas, d.min_replicas) * d.hourly_price AS cost
             FROM traffic_hourly t
             JOIN deployed_models d ON d.endpoint_name = t.endpoint_name AND d.deployed_model_id = t.deployed_model_id
             JOIN endpoints e ON e.name = t.endpoint_name
            WHERE e.display_name = ? AND t.hour >= '2026-11-27T00:00:00Z' AND t.hour < '2026-11-28T00:00:00Z'
              AND t.predictions IS NOT NULL`,
        )
        .all(endpoint) as Array<{ hour: string; predictions: number; cost: number }>;
      const predictions = rows.reduce((s, r) => s + r.predictions, 0);
      const cost = rows.reduce((s, r) => s + r.cost, 0);
      expect(predictions).toBeGreaterThan(0);
      expect(a.total ?? Number.NaN).toBeCloseTo((cost / predictions) * 1000, 5);
      expect(a.text).toContain(
        `${formatMoney(cost)} estimated serving cost over ${predictions.toLocaleString('en-US')} predictions`,
      );
    });
  }
});

describe('idle answers over a period: deployed models with no prediction in any recorded hour', () => {
  const PERIODS = ['yesterday', 'between Nov 25 and Nov 27', 'last week', 'this week', 'last 3 days'];
  for (const period of PERIODS) {
    for (const slice of SLICES.filter((s) => !s.filters.kind)) {
      const question = ['which endpoints were idle', slice.words, period].filter(Boolean).join(' ');
      it(question, async () => {
        const a = await demo.ask(question);
        expect(a.intent).toBe('idle');
        const window = a.period;
        if (!window) throw new Error('an idle question over a period has a period');
        const from = `${window.start}T00:00:00Z`;
        const to = [`${window.end}T00:00:00Z`, DEMO_NOW.toISOString().replace('.000Z', 'Z')].sort()[0];
        const idle = db()
          .prepare(
            `SELECT e.display_name || ' · ' || d.display_name AS key, e.project, e.region, e.labels,
                    d.hourly_price * d.min_replicas * 24 AS perDay, COUNT(*) AS hours
               FROM traffic_hourly t
               JOIN deployed_models d ON d.endpoint_name = t.endpoint_name AND d.deployed_model_id = t.deployed_model_id
               JOIN endpoints e ON e.name = t.endpoint_name
              WHERE t.hour >= ? AND t.hour < ? AND t.predictions IS NOT NULL
              GROUP BY t.endpoint_name, t.deployed_model_id
             HAVING SUM(t.predictions) = 0`,
          )
          .all(from, to) as Array<{
          key: string;
          project: string;
          region: string;
          labels: string;
          perDay: number | null;
          hours: number;
        }>;
        const f = slice.filters;
        const expected = idle.filter(
          (r) =>
            (!f.project || r.project === f.project) &&
            (!f.region || r.region === f.region) &&
            Object.entries(f.labels ?? {}).every(
              ([k, v]) => (JSON.parse(r.labels) as Record<string, string>)[k] === v,
            ),
        );
        expect(a.rows.map((r) => r.key).sort()).toEqual(expected.map((r) => r.key).sort());
        const perDay = expected.reduce((s, r) => s + (r.perDay ?? 0), 0);
        expect(a.total ?? 0).toBeCloseTo(perDay, 2);
        for (const r of expected)
          expect(a.text).toContain(
            `${r.key}: ${formatMoney(r.perDay ?? 0)}/day (0 predictions in ${r.hours} recorded hours`,
          );
      });
    }
  }
});
