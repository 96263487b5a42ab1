// The reports over data collected the real way: the simulator's demo scenario, synced through the Google client
// libraries into SQLite, audited, then digested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { runAudit } from '../../src/audit/runAudit.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { loadConfig } from '../../src/config/load.js';
import { createGcp } from '../../src/gcp/index.js';
import { buildDigest } from '../../src/report/digest.js';
import { renderDigestText } from '../../src/report/digestText.js';
import { lastCompleteWeek } from '../../src/report/period.js';
import { savingsOpportunities } from '../../src/report/savings.js';
import { catalogEstimator } from '../../src/report/source.js';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';
import { type TempStore, tempStore } from './support/seed.js';

const NOW = new Date('2026-11-02T10:00:00Z');
const log = createLogger({ level: 'silent' });
const config = loadConfig('config/demo.yaml', {});
let sim: RunningSimulator;
let t: TempStore;

beforeAll(async () => {
  sim = await startSimulator({ scenario: loadScenarioFile('config/scenarios/demo.yaml'), port: 0, now: NOW });
  t = tempStore();
  const gcp = createGcp({ env: readRuntimeEnv({ BURNRATE_GCP_ENDPOINT: sim.url }), config, log });
  try {
    const result = await runSyncPass({ store: t.store, gcp, config, clock: fixedClock(NOW), log });
    expect(result.ok).toBe(true);
  } finally {
    await gcp.close();
  }
}, 60_000);
afterAll(async () => {
  t?.dispose();
  await sim?.close();
});

describe('reports over the synced demo scenario', () => {
  it('recommends the seed techniques with catalog-priced savings', () => {
    const found = savingsOpportunities({ store: t.store, config, now: NOW });
    const byTechnique = (technique: string) => found.filter((s) => s.technique === technique);
    const spot = byTechnique('spot-training');
    expect(spot.map((s) => s.title)).toContain('Spot VMs for training "ranker-nightly"');
    expect(spot.every((s) => s.monthlySaving === null || s.monthlySaving > 0)).toBe(true);
    expect(
      byTechnique('idle-endpoint')
        .map((s) => s.title)
        .join(),
    ).toContain('summarizer');
    expect(
      byTechnique('batch-prediction')
        .map((s) => s.title)
        .join(),
    ).toContain('doc-embedder');
    expect(
      byTechnique('over-provisioned')
        .map((s) => s.title)
        .join(),
    ).toContain('search-ranker-apac');
    for (const s of found) if (s.monthlySaving === null) expect(s.unpricedReason).toBeTruthy();
  });

  it('takes idle endpoint cost from the auditor’s findings once an audit ran', () => {
    const scope = { name: 'whole organization', scope: { projects: [], labels: {} }, channel: null };
    const week = lastCompleteWeek(NOW, config.timezone);
    const before = buildDigest({ store: t.store, config, week, scope, now: NOW });
    expect(before.idle.source).toBe('traffic');
    // Audited during the week (Saturday), when the summarizer had been idle for four days.
    runAudit({ store: t.store, config, clock: fixedClock(new Date('2026-10-31T10:00:00Z')), log });
    const after = buildDigest({
      store: t.store,
      config,
      week,
      scope,
      now: NOW,
      estimate: catalogEstimator(t.store, config.timezone, NOW),
    });
    expect(after.idle.source).toBe('findings');
    expect(after.idle.cost).toBeGreaterThan(0);
    expect(after.findings.count).toBeGreaterThan(0);
    const text = renderDigestText(after);
    expect(text).toContain('from the auditor’s idle-endpoint findings');
    expect(text).not.toContain('$0.00/month');
  });

  it('has a generative-AI line with its change and top model family', () => {
    const scope = { name: 'whole organization', scope: { projects: [], labels: {} }, channel: null };
    const week = lastCompleteWeek(NOW, config.timezone);
    const digest = buildDigest({ store: t.store, config, week, scope, now: NOW });
    const sum = (from: string, to: string) =>
      (
        t.store.sqlite
          .prepare(
            "SELECT TOTAL(cost + credits) AS v FROM billing_daily WHERE kind = 'genai' AND day >= ? AND day < ? AND day <= ?",
          )
          .get(from, to, digest.source.actualThrough ?? '0000') as { v: number }
      ).v;
    const before = new Date(Date.parse(`${week.start}T00:00:00Z`) - 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(digest.genai?.current).toBeCloseTo(sum(week.start, week.end), 6);
    expect(digest.genai?.previous).toBeCloseTo(sum(before, week.start), 6);
    expect(digest.genai?.topFamily?.name).toMatch(/^Gemini 2\.5 (Flash|Pro)$/);
    expect(renderDigestText(digest)).toContain(`Generative AI `);
  });
});
