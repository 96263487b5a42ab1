// Jobs deleted in Google: one running at the last list is read by name and answers 404; a finished one is
// noticed by the next full list. Either is marked gone, and stops counting as running.

import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runAudit } from '../../src/audit/runAudit.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { resourceCosts } from '../../src/spend/resourceCosts.js';
import { scenario as adapterScenario } from '../gcp/scenario.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const HOUR_MS = 3_600_000;

const job = (id: string, displayName: string, extra: Record<string, unknown> = {}) => ({
  kind: 'custom' as const,
  id,
  project: 'ml-prod',
  region: 'us-central1',
  displayName,
  labels: { 'expected-hours': '1' },
  machineType: 'n1-standard-4',
  startedHoursAgo: 10,
  ...extra,
});
const running = job('1', 'kept-running');
const finished = job('2', 'finished-then-deleted', { durationHours: 2 });
const deleted = job('3', 'deleted-while-running');
const scenario = (jobs: ReturnType<typeof job>[]): ScenarioInput => ({
  projects: [{ id: 'ml-prod' }],
  jobs,
  catalog: adapterScenario.catalog,
});

const config = testConfig({
  projects: [{ id: 'ml-prod', regions: ['us-central1'] }],
  jobLists: { fullEveryHours: 24, overlapMinutes: 10 },
  retry: { attempts: 2, baseDelayMs: 1, timeoutMs: 5000 },
});

const harnesses: SimHarness[] = [];
let store: Store;
afterEach(async () => {
  store?.close();
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

/** A sync pass against Google answering `jobs`, at `at`. */
async function passAgainst(jobs: ReturnType<typeof job>[], at: Date) {
  const harness = await startHarness(scenario(jobs), NOW);
  harnesses.push(harness);
  if (at > NOW) {
    await fetch(`${harness.url}/_sim/advance`, {
      method: 'POST',
      body: JSON.stringify({ hours: (at.getTime() - NOW.getTime()) / HOUR_MS }),
    });
  }
  const gcp = gcpFor(harness.url, config);
  try {
    const result = await runSyncPass({ store, gcp, config, clock: fixedClock(at), log: silentLog });
    return { result, requests: await harness.requests() };
  } finally {
    await gcp.close();
  }
}

const goneAt = () =>
  Object.fromEntries(
    (
      store.sqlite
        .prepare('SELECT display_name AS name, gone_at AS gone FROM jobs ORDER BY name')
        .all() as Array<{
        name: string;
        gone: string | null;
      }>
    ).map((r) => [r.name, r.gone]),
  );
const runaway = (at: Date) =>
  runAudit({ store, config, clock: fixedClock(at), log: silentLog })
    .findings.filter((f) => f.rule === 'runaway-training' && f.status !== 'resolved')
    .map((f) => f.evidence.target.displayName)
    .sort();

describe('jobs deleted in Google', () => {
  it('are marked gone: by name when they were running, by the next full list otherwise', async () => {
    store = openStore(':memory:');
    const first = await passAgainst([running, finished, deleted], NOW);
    expect(first.result.scopes.filter((s) => !s.ok)).toEqual([]);
    expect(runaway(NOW)).toEqual(['deleted-while-running', 'kept-running']);

    const soon = new Date(NOW.getTime() + 0.25 * HOUR_MS);
    const second = await passAgainst([running], soon);
    expect(second.result.ok).toBe(true);
    expect(second.requests.filter((r) => r.path.endsWith('/customJobs/3')).map((r) => r.status)).toEqual([
      404,
    ]);
    expect(goneAt()).toEqual({
      'deleted-while-running': soon.toISOString(),
      'finished-then-deleted': null,
      'kept-running': null,
    });
    // A deleted job no longer runs away.
    expect(runaway(soon)).toEqual(['kept-running']);

    const nextDay = new Date(NOW.getTime() + 25 * HOUR_MS);
    expect((await passAgainst([running], nextDay)).result.ok).toBe(true);
    expect(goneAt()).toEqual({
      'deleted-while-running': soon.toISOString(),
      'finished-then-deleted': nextDay.toISOString(),
      'kept-running': null,
    });
    // Spend estimates stop a deleted job where sync last saw it (the first pass): after that only the job that
    // kept running ran.
    const ran = resourceCosts(store, NOW, nextDay).map((r) => [r.displayName, r.hours]);
    expect(ran).toEqual([['kept-running', 25]]);
  });
});
