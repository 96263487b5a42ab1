// The demo organisation billed as Google bills it, through the CLI: `burnrate sync` against the simulator started
// at the same --now, then `burnrate ask --json`. Expected figures come from SQL over the synced database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';
import { runCliCaptured } from '../support/cli.js';

interface AskJson {
  total: number | null;
  currency: string;
  rows: Array<{ key: string; cost: number }>;
  source: { actualThrough: string | null; estimated: boolean };
  text: string;
}

async function syncedDemo(now: string): Promise<{ sim: RunningSimulator; db: string; dir: string }> {
  const sim = await startSimulator({
    scenario: loadScenarioFile('config/scenarios/demo.yaml'),
    port: 0,
    now: new Date(now),
  });
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-billing-truth-'));
  const db = join(dir, 'burnrate.db');
  const sync = await runCliCaptured(['--config', 'config/demo.yaml', '--db', db, '--now', now, 'sync'], {
    BURNRATE_GCP_ENDPOINT: sim.url,
  });
  expect(sync.code, sync.stderr).toBe(0);
  return { sim, db, dir };
}

async function ask(db: string, now: string, question: string): Promise<AskJson> {
  const run = await runCliCaptured(
    ['--config', 'config/demo.yaml', '--db', db, '--now', now, 'ask', '--json', question],
    {},
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as AskJson;
}

describe('the demo at 00:30, while the export still trails the day before', () => {
  const NOW = '2026-11-28T00:30:00Z';
  let demo: { sim: RunningSimulator; db: string; dir: string };
  beforeAll(async () => {
    demo = await syncedDemo(NOW);
  }, 60_000);
  afterAll(async () => {
    await demo?.sim.close();
    if (demo) rmSync(demo.dir, { recursive: true, force: true });
  });

  it('counts this month as billed through a day the export is past, and estimates the rest', async () => {
    const answer = await ask(demo.db, NOW, 'spend this month');
    expect(answer.source.actualThrough).not.toBeNull();
    expect(answer.source.actualThrough! < '2026-11-28').toBe(true);
    // The newest append (20:00 yesterday) holds Nov 27 06:00–12:00: 20 hours past Nov 26's end, so only Nov 25
    // is a whole day behind it.
    expect(answer.source.actualThrough).toBe('2026-11-25');
    expect(answer.source.estimated).toBe(true);
    expect(answer.text).toContain('Nov 26–Nov 28 estimated from catalog prices');
  });
});

describe('the demo organisation, billed as Google bills it', () => {
  const NOW = '2026-11-28T09:00:00Z';
  let demo: { sim: RunningSimulator; db: string; dir: string };
  let sqlite: Database.Database;
  const sum = (where: string) =>
    (
      sqlite.prepare(`SELECT SUM(cost + credits) AS v FROM billing_daily WHERE ${where}`).get() as {
        v: number | null;
      }
    ).v ?? 0;
  beforeAll(async () => {
    demo = await syncedDemo(NOW);
    sqlite = new Database(demo.db, { readonly: true });
  }, 60_000);
  afterAll(async () => {
    sqlite?.close();
    await demo?.sim.close();
    if (demo) rmSync(demo.dir, { recursive: true, force: true });
  });

  it('shows Gemini spend as its own kind', async () => {
    const answer = await ask(demo.db, NOW, 'spend last month by kind');
    const genai = answer.rows.find((r) => r.key === 'genai');
    expect(genai?.cost).toBeCloseTo(sum("kind = 'genai' AND day LIKE '2026-10-%'"), 2);
    expect(genai?.cost).toBeGreaterThan(0);
    expect(answer.currency).toBe('USD');
  });

  it('finds pipeline spend by the label Vertex AI puts on what a run launched', async () => {
    const answer = await ask(demo.db, NOW, 'spend kind:pipelines last week');
    const expected = sum("kind = 'pipelines' AND day >= '2026-11-16' AND day < '2026-11-23'");
    expect(expected).toBeGreaterThan(0);
    expect(answer.total).toBeCloseTo(expected, 2);
  });

  it('bills the Spot training job as Compute Engine Spot SKUs plus the Vertex AI management fee', () => {
    // fraud-gbdt-sweep: n1-highmem-16 on Spot, 19:00–21:00 every night.
    const rows = sqlite
      .prepare(
        `SELECT service, sku_description AS sku, kind, cost FROM billing_daily
          WHERE project = 'ml-research' AND json_extract(labels, '$.team') = 'fraud' AND day = '2026-11-26'
            AND (service = 'Compute Engine' OR sku_description LIKE '%Management fee%')`,
      )
      .all() as Array<{ service: string; sku: string; kind: string; cost: number }>;
    const core = rows.find(
      (r) => r.sku === 'Spot Preemptible N1 Predefined Instance Core running in Americas',
    );
    expect(core).toMatchObject({ service: 'Compute Engine', kind: 'training' });
    expect(core?.cost).toBeCloseTo(2 * 16 * 0.00698, 4);
    const fee = rows.find(
      (r) => r.sku === 'Vertex AI: Training/Pipelines Management fee on N1 Instance Core in Americas',
    );
    expect(fee).toMatchObject({ service: 'Vertex AI', kind: 'training' });
    expect(fee?.cost).toBeCloseTo(2 * 16 * 0.0047417, 4);
    // On-demand jobs carry no fee: none of the fee rows belongs to another team's on-demand training.
    const feeTeams = sqlite
      .prepare(
        `SELECT DISTINCT json_extract(labels, '$.team') AS team FROM billing_daily
          WHERE day = '2026-11-26' AND sku_description LIKE '%Management fee%'`,
      )
      .all() as Array<{ team: string | null }>;
    expect(feeTeams.map((t) => t.team).sort()).toEqual(['fraud']);
  });

  it('keeps the estimate of every day not billed yet, per kind, for the accuracy report', async () => {
    const answer = await ask(demo.db, NOW, 'spend this month');
    const through = answer.source.actualThrough ?? '';
    const days = sqlite.prepare('SELECT DISTINCT day FROM estimate_days ORDER BY day').all() as Array<{
      day: string;
    }>;
    // Every whole day after the actual-through day, up to yesterday: today is not over.
    const expected: string[] = [];
    for (let d = new Date(`${through}T00:00:00Z`); ; ) {
      d = new Date(d.getTime() + 86_400_000);
      const day = d.toISOString().slice(0, 10);
      if (day >= '2026-11-28') break;
      expected.push(day);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(days.map((d) => d.day)).toEqual(expected);
    const accuracy = await ask(demo.db, NOW, 'how accurate are the estimates?');
    expect(accuracy.text).toContain('No estimate has been compared with billed spend yet.');
  });

  it('includes the credit that arrived for a day 20 days back', () => {
    const credits = sqlite
      .prepare(
        `SELECT SUM(credits) AS v FROM billing_daily
          WHERE day = '2026-11-08' AND project = 'ml-prod' AND sku_id = 'C3F1-7B2A-0E55'`,
      )
      .get() as { v: number };
    const cost = sqlite
      .prepare(
        `SELECT SUM(cost) AS v FROM billing_daily
          WHERE day = '2026-11-08' AND project = 'ml-prod' AND sku_id = 'C3F1-7B2A-0E55'`,
      )
      .get() as { v: number };
    // The scenario's 2 % credits on that day's cost, plus the $250 credit appended later.
    expect(credits.v).toBeCloseTo(-0.02 * cost.v - 250, 4);
  });
});
