import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../src/ask/index.js';
import { runCli } from '../../src/cli/program.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import {
  type BillingSeed,
  seedBilling,
  seedDeployment,
  seedJob,
  seedTraffic,
  setActualThrough,
} from './seed.js';

const NOW = '2026-11-28T09:00:00Z';
const config = configSchema.parse({ google: { projects: [{ id: 'ml-prod' }, { id: 'ml-dev' }] } });

function billingRows(): BillingSeed[] {
  const rows: BillingSeed[] = [];
  for (let d = 1; d <= 26; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    rows.push({
      day,
      project: 'ml-prod',
      sku: 'Custom Training A100',
      kind: 'training',
      labels: { team: 'search' },
      cost: 100 + d,
      credits: -5,
    });
    rows.push({
      day,
      project: 'ml-prod',
      sku: 'Online Prediction n1',
      kind: 'prediction',
      labels: { team: 'ads', env: 'prod' },
      cost: 40.5,
    });
    rows.push({
      day,
      project: 'ml-dev',
      sku: 'Custom Training T4',
      kind: 'training',
      labels: {},
      cost: 12.25,
      location: 'europe-west4',
    });
  }
  for (let d = 1; d <= 31; d++) {
    rows.push({
      day: `2026-10-${String(d).padStart(2, '0')}`,
      project: 'ml-prod',
      sku: 'Custom Training A100',
      kind: 'training',
      labels: { team: 'search' },
      cost: 90,
    });
  }
  return rows;
}

describe('answers from the database', () => {
  let dir: string;
  let store: Store;
  let dbPath: string;
  const ask = (q: string, cfg = config) =>
    askQuestion({ store, config: cfg, clock: fixedClock(new Date(NOW)) }, q);
  const sql = (query: string, ...params: unknown[]) =>
    store.sqlite.prepare(query).get(...params) as Record<string, number>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-ask-'));
    dbPath = join(dir, 'ask.db');
    store = openStore(dbPath);
    seedBilling(store, billingRows());
    setActualThrough(store, '2026-11-26');
    seedJob(store, {
      name: 'projects/ml-prod/locations/us-central1/customJobs/1',
      displayName: 'bert-finetune',
      state: 'RUNNING',
      labels: { team: 'search' },
      startTime: '2026-11-27T00:00:00Z',
      hourlyPrice: 10,
    });
    seedDeployment(store, {
      endpoint: 'projects/ml-prod/locations/us-central1/endpoints/9',
      endpointDisplayName: 'fraud-model',
      deployedModelId: 'd1',
      modelDisplayName: 'fraud-v3',
      labels: { team: 'ads' },
      minReplicas: 2,
      createTime: '2026-11-20T00:00:00Z',
      hourlyPrice: 1,
    });
    seedTraffic(
      store,
      'projects/ml-prod/locations/us-central1/endpoints/9',
      'd1',
      '2026-11-27T00:00:00Z',
      '2026-11-27T12:00:00Z',
      1000,
      3,
    );
    seedDeployment(store, {
      endpoint: 'projects/ml-prod/locations/us-central1/endpoints/10',
      endpointDisplayName: 'ranker',
      deployedModelId: 'd2',
      modelDisplayName: 'ranker-v1',
      minReplicas: 1,
      createTime: '2026-11-20T00:00:00Z',
      hourlyPrice: null,
    });
    seedTraffic(
      store,
      'projects/ml-prod/locations/us-central1/endpoints/10',
      'd2',
      '2026-11-26T00:00:00Z',
      '2026-11-28T09:00:00Z',
      0,
      1,
    );
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fully billed week equals the billing export sum, stated as actual', async () => {
    const a = await ask('how much did we spend last week?');
    const expected = sql(
      "SELECT SUM(cost + credits) AS t FROM billing_daily WHERE day >= '2026-11-16' AND day < '2026-11-23'",
    ).t;
    expect(a.total).toBeCloseTo(expected ?? NaN, 9);
    expect(a.source).toEqual({ actualThrough: '2026-11-26', estimated: false });
    expect(a.period).toEqual({ start: '2026-11-16', end: '2026-11-23' });
    expect(a.text).toContain('last week (Nov 16 – Nov 22)');
    expect(a.text).toContain('billing export through Nov 26');
  });

  it('month to date adds catalog estimates after the actual-through day and says so', async () => {
    const a = await ask('spend this month');
    const billed =
      sql(
        "SELECT SUM(cost + credits) AS t FROM billing_daily WHERE day >= '2026-11-01' AND day <= '2026-11-26'",
      ).t ?? 0;
    // job: 33 h × $10; fraud-model: Nov 27 (12 h × 3 + 12 h × 2 replicas) + Nov 28 (9 h × 2) at $1; ranker unpriced
    const estimate = 33 * 10 + (36 + 24) + 18;
    expect(a.total).toBeCloseTo(billed + estimate, 6);
    expect(a.source.estimated).toBe(true);
    expect(a.text).toContain('Nov 27–Nov 28 estimated from catalog prices');
    expect(a.text).toContain('Unpriced, not included: ranker-v1');
    expect(a.text).not.toMatch(/ranker[^\n]*\$0\.00/);
  });

  it('group-bys match independent SQL, with shares', async () => {
    const a = await ask('spend by team last week');
    const expected = store.sqlite
      .prepare(
        `SELECT json_extract(labels, '$.team') AS k, SUM(cost + credits) AS c FROM billing_daily
          WHERE day >= '2026-11-16' AND day < '2026-11-23' GROUP BY 1 ORDER BY c DESC`,
      )
      .all() as Array<{ k: string | null; c: number }>;
    expect(a.rows.map((r) => r.key)).toEqual(expected.map((e) => e.k ?? '(no team label)'));
    for (const [i, r] of a.rows.entries()) expect(r.cost).toBeCloseTo(expected[i]!.c, 9);
    expect(a.rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
  });

  it('filters by project, kind, region and label with bound parameters', async () => {
    const a = await ask('training spend for team:search in project ml-prod last week');
    const expected = sql(
      `SELECT SUM(cost + credits) AS t FROM billing_daily WHERE day >= '2026-11-16' AND day < '2026-11-23'
         AND project = 'ml-prod' AND kind = 'training' AND json_extract(labels, '$.team') = 'search'`,
    ).t;
    expect(a.total).toBeCloseTo(expected ?? NaN, 9);
    const r = await ask('spend in europe-west4 last week');
    expect(r.total).toBeCloseTo(7 * 12.25, 9);
  });

  it('top N with the change against the previous period', async () => {
    const a = await ask('top 1 sku in October');
    expect(a.rows).toHaveLength(1);
    expect(a.rows[0]).toMatchObject({ key: 'Custom Training A100', cost: 31 * 90, share: 1 });
    const c = await ask('compare last week to the week before');
    expect(c.intent).toBe('compare');
    expect(c.text).toMatch(/vs Nov 9 – Nov 15/);
  });

  it('resource groupings are estimates and say so', async () => {
    const a = await ask('spend by endpoint yesterday');
    expect(a.source.estimated).toBe(true);
    expect(a.rows).toEqual([{ key: 'fraud-model', cost: 60, share: 1 }]);
    expect(a.text).toContain('estimated from catalog prices × hours');
    const jobs = await ask('spend by job yesterday');
    expect(jobs.rows).toEqual([{ key: 'bert-finetune', cost: 240, share: 1 }]);
  });

  it('unit cost per 1k predictions from traffic and estimates', async () => {
    const a = await ask('cost per 1k predictions for fraud-model yesterday');
    expect(a.intent).toBe('unit_cost');
    // Monitoring recorded the first 12 hours only (3 replicas, 1,000 predictions each): cost over those same
    // hours, not the whole day's 60.
    expect(a.total).toBeCloseTo(((12 * 3 * 1) / 12_000) * 1000, 9);
    expect(a.text).toContain('traffic recorded for 12 of 24 hours');
    const unpriced = await ask('cost per 1k predictions for ranker yesterday');
    expect(unpriced.text).toContain('unpriced');
    expect(unpriced.total).toBeNull();
  });

  it('running, idle and alerts answer from what sync and the auditor stored', async () => {
    const running = await ask("what's running right now?");
    expect(running.text).toContain('bert-finetune');
    expect(running.text).toContain('fraud-model');
    expect(running.text).toMatch(/ranker[^\n]*unpriced/);
    const idle = await ask('which endpoints are idle?');
    expect(idle.text).toContain('ranker');
    expect(idle.text).toContain('no audit findings yet, so traffic data');
    expect(idle.text).not.toContain('fraud-model ·');
    const alerts = await ask('show open alerts');
    expect(alerts.text).toContain('No audit has run yet');
  });

  it('forecast, budget and savings give honest answers', async () => {
    const f = await ask('what will we spend this month?');
    expect(f.intent).toBe('forecast');
    expect(f.period).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(f.total).toBeGreaterThan(0);
    const b = await ask('budget status for team:search');
    expect(b.text).toContain('No budget is configured');
    const withBudget = configSchema.parse({
      budgets: [{ name: 'search', scope: { labels: { team: 'search' } }, monthlyAmount: 5000 }],
    });
    const b2 = await ask('budget status for team:search', withBudget);
    expect(b2.rows[0]?.key).toBe('search');
    const s = await ask('how much would spot save us?');
    expect(s.intent).toBe('savings');
    expect(s.understood).toBe(true);
  });

  it.each([
    "'; DROP TABLE billing_daily; --",
    "spend for team:search' OR 1=1 --",
    'spend for team:"x; DELETE FROM kv" last week',
    'spend by label:team; DROP TABLE jobs',
    'spend for project ml-prod) UNION SELECT * FROM kv --',
    "spend for the robert'); DROP TABLE students;-- team",
    'spend env:prod%27%20OR%201=1',
    'top 5 endpoints by cost in October; SELECT sqlite_version()',
  ])('answers SQL-looking input safely: %s', async (q) => {
    const before = sql('SELECT COUNT(*) AS n FROM billing_daily').n;
    const a = await ask(q);
    expect(typeof a.text).toBe('string');
    expect(sql('SELECT COUNT(*) AS n FROM billing_daily').n).toBe(before);
    expect(
      sql("SELECT COUNT(*) AS n FROM sqlite_master WHERE name IN ('jobs', 'kv', 'billing_daily')").n,
    ).toBe(3);
    if (!a.understood) expect(a.examples).toHaveLength(2);
  });

  it('not understood: says what it understood and offers the two closest questions', async () => {
    const a = await ask('how much did we spend on flurbs last week');
    expect(a.understood).toBe(false);
    expect(a.text).toContain('last week (Nov 16 – Nov 22)');
    expect(a.text).toContain('"flurbs"');
    expect(a.examples).toEqual([
      'how much did we spend on training last week?',
      'average daily spend last week',
    ]);
    expect(a.text).toContain('Questions that work:\n  • how much did we spend on training last week?');
    expect(toAskJson(a).total).toBeNull();
  });

  it('burnrate ask --json prints exactly the documented object, cents at output', async () => {
    store.sqlite.pragma('wal_checkpoint(FULL)');
    let out = '';
    const code = await runCli(['--db', dbPath, '--now', NOW, 'ask', '--json', 'spend by project last week'], {
      env: { BURNRATE_CONFIG: '' },
      stdout: (t) => {
        out += t;
      },
      stderr: () => {},
    });
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'understood',
      'intent',
      'period',
      'groupBy',
      'filters',
      'total',
      'currency',
      'rows',
      'source',
      'text',
    ]);
    expect(json).toMatchObject({ understood: true, intent: 'spend', groupBy: ['project'], currency: 'USD' });
    const rows = json.rows as Array<{ cost: number }>;
    for (const r of rows) expect(Math.round(r.cost * 100) / 100).toBe(r.cost);
    let text = '';
    const usage = await runCli(['--db', dbPath, 'ask'], {
      env: {},
      stdout: () => {},
      stderr: (t) => (text += t),
    });
    expect(usage).toBe(2);
    expect(text).toContain('expected a question');
  });
});
