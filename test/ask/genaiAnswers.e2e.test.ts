// Generative-AI answers over the demo organisation: `burnrate sync` against the simulator, then `burnrate ask`
// (text and --json). Expected figures come from plain SQL over the synced database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';
import { runCliCaptured } from '../support/cli.js';

const NOW = '2026-11-28T09:00:00Z';

interface AskJson {
  intent: string;
  groupBy: string[];
  filters: Record<string, unknown>;
  total: number | null;
  tokens?: number;
  rows: Array<{ key: string; cost: number; share: number; tokens?: number }>;
  source: { actualThrough: string | null; estimated: boolean };
  text: string;
}

let sim: RunningSimulator;
let dir: string;
let db: string;
let sqlite: Database.Database;

beforeAll(async () => {
  sim = await startSimulator({
    scenario: loadScenarioFile('config/scenarios/demo.yaml'),
    port: 0,
    now: new Date(NOW),
  });
  dir = mkdtempSync(join(tmpdir(), 'burnrate-genai-'));
  db = join(dir, 'burnrate.db');
  const sync = await runCliCaptured(['--config', 'config/demo.yaml', '--db', db, '--now', NOW, 'sync'], {
    BURNRATE_GCP_ENDPOINT: sim.url,
  });
  expect(sync.code, sync.stderr).toBe(0);
  sqlite = new Database(db, { readonly: true });
}, 90_000);

afterAll(async () => {
  sqlite?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ask(question: string): Promise<{ json: AskJson; text: string }> {
  const base = ['--config', 'config/demo.yaml', '--db', db, '--now', NOW, 'ask'];
  const json = await runCliCaptured([...base, '--json', question], {});
  expect(json.code, json.stderr).toBe(0);
  const text = await runCliCaptured([...base, question], {});
  expect(text.code, text.stderr).toBe(0);
  const parsed = JSON.parse(json.stdout) as AskJson;
  expect(text.stdout.trim()).toBe(parsed.text.trim());
  return { json: parsed, text: text.stdout };
}

const usd = (amount: number) =>
  amount.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
const cents = (amount: number) => Math.round(amount * 100) / 100;

function netBy(column: string, from: string, to: string): Array<{ key: string; cost: number }> {
  return sqlite
    .prepare(
      `SELECT ${column} AS key, SUM(cost + credits) AS cost FROM billing_daily
        WHERE kind = 'genai' AND day >= ? AND day < ? GROUP BY key ORDER BY cost DESC`,
    )
    .all(from, to) as Array<{ key: string; cost: number }>;
}

const actualThrough = () =>
  (sqlite.prepare("SELECT value FROM kv WHERE key = 'billing.actualThrough'").get() as { value: string })
    .value;

const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('generative-AI answers', () => {
  it('gemini spend last month by model: a row per model family', async () => {
    const { json, text } = await ask('gemini spend last month by model');
    expect(json.groupBy).toEqual(['model_family']);
    const expected = netBy('model_family', '2026-10-01', '2026-11-01');
    expect(expected.map((r) => r.key)).toEqual(['Gemini 2.5 Flash', 'Gemini 2.5 Pro']);
    expect(json.rows.map((r) => ({ key: r.key, cost: r.cost }))).toEqual(
      expected.map((r) => ({ key: r.key, cost: cents(r.cost) })),
    );
    expect(json.total).toBe(cents(expected.reduce((a, r) => a + r.cost, 0)));
    for (const r of expected) expect(text).toContain(`${r.key}: ${usd(r.cost)}`);
  });

  it('genai cost by day this week: the billed days in order, the spike among them', async () => {
    const { json, text } = await ask('genai cost by day this week');
    const through = actualThrough();
    const expected = netBy('day', '2026-11-23', dayAfter(through)).sort((a, b) => a.key.localeCompare(b.key));
    const billedRows = json.rows.filter((r) => r.key <= through);
    expect(billedRows.map((r) => ({ key: r.key, cost: r.cost }))).toEqual(
      expected.map((r) => ({ key: r.key, cost: cents(r.cost) })),
    );
    const spike = expected.find((r) => r.key === '2026-11-26');
    expect(spike?.cost ?? 0).toBeGreaterThan(5 * (expected[0]?.cost ?? 0));
    expect(text).toContain(`2026-11-26: ${usd(spike?.cost ?? 0)}`);
  });

  it('gemini spend by token type: input, output and cached', async () => {
    const { json } = await ask('gemini spend by token type');
    const expected = netBy('token_type', '2026-11-01', dayAfter(actualThrough()));
    expect(json.rows.map((r) => r.key).sort()).toEqual(['cached', 'input', 'output']);
    expect(json.rows.map((r) => ({ key: r.key, cost: r.cost }))).toEqual(
      expected.map((r) => ({ key: r.key, cost: cents(r.cost) })),
    );
  });

  it('which project uses the most tokens: tokens are the measure', async () => {
    const { json, text } = await ask('which project uses the most tokens');
    const expected = sqlite
      .prepare(
        `SELECT project AS key, SUM(usage_amount) AS tokens, SUM(cost + credits) AS cost FROM billing_daily
          WHERE kind = 'genai' AND token_type IN ('input', 'output', 'cached') AND usage_unit = 'count'
            AND day >= '2026-11-01' AND day <= ? GROUP BY project ORDER BY tokens DESC`,
      )
      .all(actualThrough()) as Array<{ key: string; tokens: number; cost: number }>;
    expect(expected[0]?.key).toBe('ml-prod');
    expect(json.rows.map((r) => ({ key: r.key, tokens: r.tokens, cost: r.cost }))).toEqual(
      expected.map((r) => ({ key: r.key, tokens: Math.round(r.tokens), cost: cents(r.cost) })),
    );
    expect(json.tokens).toBe(Math.round(expected.reduce((a, r) => a + r.tokens, 0)));
    expect(text).toContain(`ml-prod: ${Number(((expected[0]?.tokens ?? 0) / 1e9).toPrecision(3))}B tokens`);
  });

  it('cost per 1M tokens for gemini 2.5 flash last week', async () => {
    const { json, text } = await ask('cost per 1M tokens for gemini 2.5 flash last week');
    const { cost, tokens } = sqlite
      .prepare(
        `SELECT SUM(cost + credits) AS cost, SUM(usage_amount) AS tokens FROM billing_daily
          WHERE kind = 'genai' AND model_family = 'Gemini 2.5 Flash' AND usage_unit = 'count'
            AND token_type IN ('input', 'output', 'cached') AND day >= '2026-11-16' AND day < '2026-11-23'`,
      )
      .get() as { cost: number; tokens: number };
    const perMillion = (cost / tokens) * 1e6;
    expect(json.total).toBeCloseTo(perMillion, 6);
    expect(json.filters).toEqual({ kind: 'genai', modelFamily: 'Gemini 2.5 Flash' });
    expect(text).toContain(`Cost per 1M tokens for Gemini 2.5 Flash, last week`);
    expect(text).toContain(`$${Number(perMillion.toPrecision(3))}`);
  });
});
