// Answers that say what the data backs: the billing account's currency, the genai kind, totals with unpriced
// parts, one money format per line. Expected figures come from SQL over the store or plain arithmetic.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../src/ask/index.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { seedBilling, seedDeployment, seedJob, setActualThrough } from './seed.js';

const NOW = '2026-11-28T09:00:00Z';
let store: Store;

const configWith = (extra: Record<string, unknown> = {}): Config =>
  configSchema.parse({ google: { projects: [{ id: 'ml-prod' }] }, ...extra });
const ask = (q: string, config = configWith()) =>
  askQuestion({ store, config, clock: fixedClock(new Date(NOW)) }, q);
const sql = (query: string, ...params: unknown[]) =>
  store.sqlite.prepare(query).get(...params) as Record<string, number>;

beforeEach(() => {
  store = openStore(':memory:');
  const rows = [];
  for (let d = 1; d <= 31; d++) {
    const day = `2026-10-${String(d).padStart(2, '0')}`;
    rows.push({ day, sku: 'Vertex AI: Training/Pipelines on A2 Instance Core', kind: 'training', cost: 100 });
    rows.push({ day, sku: 'Gemini 2.5 Flash GA Text Input - Predictions', kind: 'genai', cost: 40.25 });
    rows.push({ day, sku: 'Vertex AI: Online/Batch Prediction N1 Core', kind: 'prediction', cost: 12 });
  }
  seedBilling(store, rows);
  setActualThrough(store, '2026-11-26');
});
afterEach(() => store.close());

describe('currency', () => {
  it('is the billing account currency, in JSON and in the text', async () => {
    const answer = await ask('spend last month', configWith({ currency: 'EUR' }));
    const json = toAskJson(answer);
    expect(json.currency).toBe('EUR');
    const total = sql("SELECT SUM(cost + credits) AS t FROM billing_daily WHERE day LIKE '2026-10-%'").t;
    expect(json.total).toBeCloseTo(total ?? Number.NaN, 2);
    expect(answer.text).toContain('€4,719.75');
    expect(answer.text).not.toContain('$');
  });
});

describe('the genai kind', () => {
  it('is a row of spend by kind, apart from prediction', async () => {
    const json = toAskJson(await ask('spend last month by kind'));
    const rows = json.rows as Array<{ key: string; cost: number }>;
    const genai = sql(
      "SELECT SUM(cost) AS t FROM billing_daily WHERE kind = 'genai' AND day LIKE '2026-10-%'",
    ).t;
    expect(rows.find((r) => r.key === 'genai')?.cost).toBeCloseTo(genai ?? Number.NaN, 2);
    expect(rows.find((r) => r.key === 'prediction')?.cost).toBeCloseTo(31 * 12, 2);
  });

  it('filters by kind:genai and by the words people use for it', async () => {
    for (const q of ['spend kind:genai last month', 'gemini spend last month']) {
      const answer = await ask(q);
      expect(answer.filters.kind, q).toBe('genai');
      expect(answer.total, q).toBeCloseTo(31 * 40.25, 6);
    }
  });
});

/** A model deployed on automatic resources (Vertex AI picks the machines): it has replicas but no price. */
function seedAutomaticDeployment(minReplicas: number): void {
  seedDeployment(store, {
    endpoint: 'projects/ml-prod/locations/us-central1/endpoints/20',
    endpointDisplayName: 'feature-lookup',
    deployedModelId: 'a1',
    modelDisplayName: 'feature-lookup-v2',
    minReplicas,
    createTime: '2026-11-01T00:00:00Z',
    hourlyPrice: null,
  });
  store.sqlite
    .prepare(
      `UPDATE deployed_models SET dedicated = 0, machine_type = NULL,
         unpriced_reason = 'automatic or shared resources: Vertex AI chooses the machines' WHERE deployed_model_id = 'a1'`,
    )
    .run();
}

describe('what is running', () => {
  it('lists models on automatic resources with replicas, and says the total leaves them out', async () => {
    seedJob(store, {
      name: 'projects/ml-prod/locations/us-central1/customJobs/1',
      displayName: 'bert-finetune',
      state: 'RUNNING',
      startTime: '2026-11-28T00:00:00Z',
      hourlyPrice: 10,
    });
    seedDeployment(store, {
      endpoint: 'projects/ml-prod/locations/us-central1/endpoints/9',
      endpointDisplayName: 'fraud-model',
      deployedModelId: 'd1',
      modelDisplayName: 'fraud-v3',
      minReplicas: 2,
      createTime: '2026-11-20T00:00:00Z',
      hourlyPrice: 1.5,
    });
    seedAutomaticDeployment(1);
    const answer = await ask("what's running right now?");
    const perDay = (10 + 2 * 1.5) * 24;
    expect(answer.headline).toBe(
      `3 resources running, costing about $${perDay.toFixed(2)} per day plus 1 unpriced, at current catalog prices`,
    );
    expect(answer.text).toContain(
      'endpoint feature-lookup · feature-lookup-v2 (1 replica minimum) in ml-prod/us-central1: unpriced (automatic or shared resources: Vertex AI chooses the machines)',
    );
    expect(toAskJson(answer).total).toBeCloseTo(perDay, 2);
  });

  it('never calls what nothing priced "$0.00": the total is null', async () => {
    seedAutomaticDeployment(2);
    const answer = await ask("what's running right now?");
    expect(answer.headline).toBe('1 resource running, costing an unknown amount: unpriced (1 of 1)');
    expect(answer.text).not.toContain('$0.00');
    expect(toAskJson(answer).total).toBeNull();
  });
});

describe('totals over unpriced resources', () => {
  beforeEach(() => {
    // No catalog: the deployment runs, idle, with no price.
    seedDeployment(store, {
      endpoint: 'projects/ml-prod/locations/us-central1/endpoints/10',
      endpointDisplayName: 'ranker',
      deployedModelId: 'd2',
      modelDisplayName: 'ranker-v1',
      minReplicas: 1,
      createTime: '2026-11-20T00:00:00Z',
      hourlyPrice: null,
    });
  });

  it('idle endpoints that are all unpriced cost an unknown amount, not $0.00', async () => {
    store.sqlite
      .prepare(
        `INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, predictions, replicas)
         VALUES ('projects/ml-prod/locations/us-central1/endpoints/10', 'd2', '2026-11-27T10:00:00Z', 0, 1)`,
      )
      .run();
    const answer = await ask('which endpoints are idle?');
    expect(answer.headline).toContain('costing an unknown amount: unpriced (1 of 1)');
    expect(answer.text).not.toContain('$0.00');
    expect(toAskJson(answer).total).toBeNull();
  });

  it('spend estimated only from unpriced resources is null, and says so', async () => {
    const answer = await ask('spend by endpoint this month');
    expect(toAskJson(answer).total).toBeNull();
    expect(answer.headline).toContain(': unpriced (1 of 1)');
    expect(answer.headline).not.toContain('$0.00');
  });

  it('a billed total with unpriced estimates names how many are left out', async () => {
    const answer = await ask('spend this month');
    // Nov 1–26 has no billing rows here: the month is billed $0 and the ranker is unpriced for Nov 27–28.
    expect(answer.headline).toMatch(
      /^Vertex AI spend, this month \(Nov 1 – Nov 28\): \$0\.00 plus 1 unpriced \(/,
    );
    expect(toAskJson(answer).total).toBe(0);
  });
});

describe('source lines say what is true', () => {
  it('after an audit that found other findings, idle endpoints do not claim "no audit findings yet"', async () => {
    store.sqlite
      .prepare(
        `INSERT INTO findings (rule, resource, project, region, status, severity, title, reason, first_seen, last_evaluated)
         VALUES ('runaway-training', 'projects/ml-prod/locations/us-central1/customJobs/1', 'ml-prod', 'us-central1',
                 'open', 'high', 'Runaway training: bert', 'ran 40 h of 6', '2026-11-28T00:00:00Z', '2026-11-28T00:00:00Z')`,
      )
      .run();
    const answer = await ask('which endpoints are idle?');
    expect(answer.sourceNote).not.toContain('no audit findings yet');
    expect(answer.sourceNote).toBe(
      'Source: the audit has no open idle-endpoint finding, so traffic data (deployed models with zero predictions in every recorded hour); costs per day from catalog prices.',
    );
  });

  it('with no finding at all, says so', async () => {
    const answer = await ask('which endpoints are idle?');
    expect(answer.sourceNote).toContain('no audit findings yet, so traffic data');
  });
});

describe('one money format per line', () => {
  it('writes every amount of a line with cents, or every one without', async () => {
    const rows = [];
    for (let d = 1; d <= 26; d++) {
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      rows.push({
        day,
        sku: 'Vertex AI: Training/Pipelines on A2 Instance Core',
        kind: 'training',
        cost: 3_870.5,
      });
    }
    seedBilling(store, rows);
    const config = configWith({ budgets: [{ name: 'all', monthlyAmount: 90_000 }] });
    for (const q of [
      'what will we spend this month?',
      'spend this month',
      'budget status',
      'compare this month to last month',
    ]) {
      const answer = await ask(q, config);
      for (const line of answer.text.split('\n')) {
        const amounts = line.match(/\$[\d,]+(?:\.\d+)?/g) ?? [];
        const withCents = amounts.filter((a) => a.includes('.')).length;
        expect(withCents === 0 || withCents === amounts.length, `${q}: ${line}`).toBe(true);
      }
    }
  });
});

describe('how accurate are the estimates?', () => {
  it('sets the estimates kept from before each day was billed beside the billed figures, by kind', async () => {
    const rows = [];
    const insert = store.sqlite.prepare(
      `INSERT INTO estimate_days (day, kind, estimated, unpriced, recorded_at) VALUES (?, 'training', 90, 0, 'x')`,
    );
    for (let d = 20; d <= 27; d++) {
      const day = `2026-11-${d}`;
      insert.run(day);
      if (d <= 26) {
        rows.push({
          day,
          sku: 'Vertex AI: Training/Pipelines on A2 Instance Core',
          kind: 'training',
          cost: 100,
        });
        rows.push({ day, sku: 'Gemini 2.5 Flash GA Text Input - Predictions', kind: 'genai', cost: 40 });
      }
    }
    seedBilling(store, rows);
    const answer = await ask('how accurate are the estimates?');
    expect(answer.intent).toBe('accuracy');
    // Nov 20–26 are billed (Nov 27 is still estimated): 7 days, estimated 7 × 90, billed 7 × 100 of training.
    // Generative AI is never estimated: its billed 7 × 40 is no error of the estimates.
    const error = (7 * 90 - 7 * 100) / (7 * 100);
    expect(answer.headline).toBe(
      `Catalog estimates against billed spend, last 30 days: ${Math.round(error * 100)}% over 7 days, beyond the 5% tolerance`,
    );
    expect(answer.text).toContain(
      'Last week (Nov 16 – Nov 22, 3 days compared): estimated $270.00, billed $300.00 (-10%)',
    );
    expect(answer.text).toContain('training: estimated $630.00, billed $700.00 (-10%)');
    expect(answer.text).toContain(
      '⚠ The estimates drift beyond the 5% tolerance, caused by training (-10%).',
    );
    expect(answer.text).not.toContain('genai');
    const json = toAskJson(answer);
    expect(json.total).toBeCloseTo(7 * 90 - 7 * 100, 2);
    expect(json.period).toEqual({ start: '2026-10-29', end: '2026-11-28' });
    expect(json.rows).toEqual([{ key: 'training', cost: -70, share: -0.1 }]);

    // A kind asked about: its own estimates alone; generative AI has none to check.
    const training = await ask('how accurate are the estimates for training?');
    expect(training.intent).toBe('accuracy');
    expect(training.headline).toBe(
      `Catalog estimates of training against billed spend, last 30 days: ${Math.round(error * 100)}% over 7 days, beyond the 5% tolerance`,
    );
    const genai = await ask('how accurate are the estimates for generative ai?');
    expect(genai.intent).toBe('accuracy');
    expect(genai.headline).toBe('Generative-AI spend is never estimated, so there is no estimate to check.');
    expect(toAskJson(genai).total).toBeNull();
  });

  it('has a tolerance the configuration sets', async () => {
    store.sqlite
      .prepare(
        `INSERT INTO estimate_days (day, kind, estimated, unpriced, recorded_at) VALUES ('2026-11-20', 'training', 94, 0, 'x')`,
      )
      .run();
    seedBilling(store, [
      { day: '2026-11-20', sku: 'Vertex AI: Training on A2 Core', kind: 'training', cost: 100 },
    ]);
    expect((await ask('how accurate are the estimates?')).headline).toContain('beyond the 5% tolerance');
    const lenient = configWith({ estimates: { driftTolerancePercent: 10 } });
    expect((await ask('how accurate are the estimates?', lenient)).headline).toContain(
      'within the 10% tolerance',
    );
  });

  it('is measured for the whole organization: a project, label or channel scope gets no figures', async () => {
    store.sqlite
      .prepare(
        `INSERT INTO estimate_days (day, kind, estimated, unpriced, recorded_at) VALUES ('2026-11-20', 'training', 94, 0, 'x')`,
      )
      .run();
    seedBilling(store, [
      { day: '2026-11-20', sku: 'Vertex AI: Training on A2 Core', kind: 'training', cost: 100 },
    ]);
    const byProject = await ask('how accurate are the estimates for project:ml-prod?');
    expect(byProject.intent).toBe('accuracy');
    expect(byProject.headline).toBe(
      'Estimate accuracy is measured for the whole organization only, not for project ml-prod.',
    );
    expect(toAskJson(byProject).total).toBeNull();
    const channel = await askQuestion(
      {
        store,
        config: configWith(),
        clock: fixedClock(new Date(NOW)),
        scope: { projects: ['ml-prod'], labels: {} },
      },
      'how accurate are the estimates?',
    );
    expect(channel.headline).toBe(
      'Estimate accuracy is measured for the whole organization only (this channel sees only some projects).',
    );
    expect(channel.text).not.toContain('$');
  });

  it('says when no estimated day has been billed yet', async () => {
    const answer = await ask('how accurate are the estimates?');
    expect(answer.headline).toBe('No estimate has been compared with billed spend yet.');
    expect(toAskJson(answer).total).toBeNull();
  });
});
