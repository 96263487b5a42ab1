// Cheap, current syncs on the real wire: after a first full list, a sync 15 minutes later lists only the jobs
// that may have changed (Google's list filter), reads by name the jobs that were running and have finished since,
// ends with the same jobs a full list gives, and skips the billing query while the export has not moved.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock } from '../../src/app/clock.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { gcpFor, type LoggedRequest, type SimHarness, silentLog, startHarness } from '../gcp/simHarness.js';
import { DEMO_NOW, demoConfig } from './demoSync.js';

const MINUTE_MS = 60_000;
const SECOND = new Date(DEMO_NOW.getTime() + 15 * MINUTE_MS);

// The demo organisation, plus an evaluation job that finishes six minutes after the first sync. Billing rows of
// live resources are left out of the export: the simulator otherwise exports them continuously, while Google's
// export lands a few times a day; without them the export's latest time stays put within the 15 minutes.
function scenario(): ScenarioInput {
  const demo = parse(readFileSync('config/scenarios/demo.yaml', 'utf8')) as ScenarioInput & {
    jobs: unknown[];
    billing: Record<string, unknown>;
  };
  demo.jobs.push({
    kind: 'custom',
    id: '990001',
    project: 'ml-prod',
    region: 'us-central1',
    displayName: 'quick-eval',
    machineType: 'n1-standard-4',
    startedHoursAgo: 1,
    durationHours: 1.1,
  });
  demo.billing.includeResourceUsage = false;
  return demo;
}

const config = demoConfig({ jobLists: { fullEveryHours: 24, overlapMinutes: 10 } });
const JOB_COLLECTIONS = [
  'customJobs',
  'hyperparameterTuningJobs',
  'batchPredictionJobs',
  'trainingPipelines',
  'pipelineJobs',
];
const FINAL = /_(SUCCEEDED|FAILED|CANCELLED)$/;

let harness: SimHarness;
let gcp: Gcp;
let store: Store;

beforeAll(async () => {
  harness = await startHarness(scenario(), DEMO_NOW);
  gcp = gcpFor(harness.url, config);
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
});
beforeEach(async () => {
  await harness.reset();
  store?.close();
  store = openStore(':memory:');
});

const passAt = (at: Date, into: Store = store) =>
  runSyncPass({ store: into, gcp, config, clock: fixedClock(at), log: silentLog });
const advance = async (minutes: number) => {
  const response = await fetch(`${harness.url}/_sim/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hours: minutes / 60 }),
  });
  expect(response.ok).toBe(true);
};
const requestsFrom = async (at: Date) =>
  (await harness.requests()).filter((r) => Date.parse(r.simTime ?? '') >= at.getTime());
const isJobList = (r: LoggedRequest) =>
  r.method === 'GET' && JOB_COLLECTIONS.some((c) => r.path.endsWith(`/${c}`));
const isJobGet = (r: LoggedRequest) =>
  r.method === 'GET' && JOB_COLLECTIONS.some((c) => new RegExp(`/${c}/[^/:]+$`).test(r.path));
// Each BigQuery query is one job inserted (the freshness check and the daily costs alike).
const isBillingQuery = (r: LoggedRequest) => r.method === 'POST' && r.path.startsWith('/bigquery/');
const rows = <T>(db: Store, sql: string) => db.sqlite.prepare(sql).all() as T[];

/** Every job of every configured scope as Google answers an unfiltered list now: name → state. */
async function jobStatesNow(): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (const p of config.google.projects) {
    for (const region of p.regions) {
      for (const collection of JOB_COLLECTIONS) {
        const answer = (await (
          await fetch(`${harness.url}/v1/projects/${p.id}/locations/${region}/${collection}?pageSize=1000`)
        ).json()) as Record<string, Array<{ name: string; state: string }>>;
        for (const job of answer[collection] ?? []) states.set(job.name, job.state);
      }
    }
  }
  return states;
}

/** The names an already-sent list request answers now (re-asked of the simulator as logged). */
async function namesListedBy(request: LoggedRequest): Promise<string[]> {
  const answer = (await (
    await fetch(`${harness.url}${request.path}?${request.query ?? ''}`)
  ).json()) as Record<string, Array<{ name: string }>>;
  const collection = request.path.slice(request.path.lastIndexOf('/') + 1);
  return (answer[collection] ?? []).map((job) => job.name);
}

describe('a second sync 15 minutes after the first', () => {
  it('lists only jobs that may have changed, reads finished ones by name, and ends as a full list would', async () => {
    const first = await passAt(DEMO_NOW);
    expect(first.ok).toBe(true);
    const firstLists = (await requestsFrom(DEMO_NOW)).filter(isJobList);
    // 8 scopes × 5 job collections, each listed whole.
    expect(firstLists).toHaveLength(8 * 5);
    expect(firstLists.every((r) => !new URLSearchParams(r.query).has('filter'))).toBe(true);
    const activeAtFirst = rows<{ name: string }>(
      store,
      `SELECT name FROM jobs WHERE state NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')`,
    ).map((j) => j.name);
    const allJobs = rows<{ n: number }>(store, 'SELECT count(*) AS n FROM jobs')[0]?.n ?? 0;
    expect(activeAtFirst.length).toBeGreaterThan(2);
    expect(allJobs).toBeGreaterThan(activeAtFirst.length * 5);

    await advance(15);
    const second = await passAt(SECOND);
    expect(second.ok).toBe(true);
    const sent = await requestsFrom(SECOND);
    const lists = sent.filter(isJobList);
    expect(lists).toHaveLength(8 * 5);
    const since = new Date(DEMO_NOW.getTime() - 10 * MINUTE_MS).toISOString();
    for (const list of lists) {
      const filter = new URLSearchParams(list.query).get('filter') ?? '';
      expect(filter).toContain(
        list.path.endsWith('/pipelineJobs') ? `update_time>"${since}"` : `create_time>"${since}"`,
      );
    }

    // What Google says now, read without any filter: the jobs running at the first sync either still run (and
    // are listed) or have finished since (and are read by name). Nothing else is listed.
    const states = await jobStatesNow();
    const stillActive = activeAtFirst.filter((name) => !FINAL.test(states.get(name) ?? '')).sort();
    const finishedSince = activeAtFirst.filter((name) => FINAL.test(states.get(name) ?? '')).sort();
    expect(finishedSince.map((name) => name.split('/').pop())).toEqual(['990001']);
    const listed = (await Promise.all(lists.map(namesListedBy))).flat().sort();
    expect(listed).toEqual(stillActive);
    const readByName = sent.filter(isJobGet).map((r) => r.path.replace(/^\/v1\//, ''));
    expect(readByName.sort()).toEqual(finishedSince);
    expect(listed.length + readByName.length).toBeLessThan(allJobs / 4);

    // The incremental pass leaves the jobs exactly as a full list into a fresh database does.
    const fresh = openStore(':memory:');
    try {
      expect((await passAt(SECOND, fresh)).ok).toBe(true);
      const jobsOf = (db: Store) =>
        rows(
          db,
          `SELECT name, state, start_time, end_time, update_time, replica_count, hourly_price, gone_at
             FROM jobs ORDER BY name`,
        );
      expect(jobsOf(store)).toEqual(jobsOf(fresh));
    } finally {
      fresh.close();
    }
  });

  it('skips the billing query while the export has not moved, and runs it once it has', async () => {
    await passAt(DEMO_NOW);
    // The first pass reads the export whole: there is no watermark yet to ask about.
    expect((await requestsFrom(DEMO_NOW)).filter(isBillingQuery)).toHaveLength(1);
    const watermark = rows<{ value: string }>(
      store,
      "SELECT value FROM kv WHERE key = 'billing.exportedThrough'",
    )[0]?.value;
    const billingRows = rows<{ n: number }>(store, 'SELECT count(*) AS n FROM billing_daily')[0]?.n;

    await advance(15);
    const second = await passAt(SECOND);
    expect((await requestsFrom(SECOND)).filter(isBillingQuery)).toHaveLength(1);
    const billing = second.scopes.find((s) => s.scope === 'billing');
    expect(billing).toMatchObject({ ok: true, rowsWritten: 0 });
    expect(billing?.note).toBe(`export unchanged since ${watermark?.slice(0, 16).replace('T', ' ')}`);
    expect(rows<{ n: number }>(store, 'SELECT count(*) AS n FROM billing_daily')[0]?.n).toBe(billingRows);

    // The next morning the export has yesterday's rows: the query runs again.
    const nextMorning = new Date(DEMO_NOW.getTime() + 24 * 60 * MINUTE_MS);
    await advance(24 * 60 - 15);
    const third = await passAt(nextMorning);
    expect((await requestsFrom(nextMorning)).filter(isBillingQuery)).toHaveLength(2);
    expect(third.scopes.find((s) => s.scope === 'billing')?.rowsWritten).toBeGreaterThan(0);
  });

  it('lists everything again once fullEveryHours have passed', async () => {
    await passAt(DEMO_NOW);
    const later = new Date(DEMO_NOW.getTime() + 24 * 60 * MINUTE_MS);
    await advance(24 * 60);
    await passAt(later);
    const lists = (await requestsFrom(later)).filter(isJobList);
    expect(lists).toHaveLength(8 * 5);
    expect(lists.every((r) => !new URLSearchParams(r.query).has('filter'))).toBe(true);
  });
});
