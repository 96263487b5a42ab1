// Replica-hours of deployed models, checked against a plain reading of the rule: in every moment a deployment
// runs, it uses the replicas Monitoring measured for that clock hour, else its planned minimum at that moment
// (the latest snapshot, or the first one's count before any). The estimator takes three paths to that figure
// (whole hours read as sums — a day at a time from the daily traffic rollup — the partial hours at a window's
// edges, and hour by hour for deployments that start, stop or change inside a window); random deployments,
// snapshots, traffic and windows exercise all three, per resource and summed per group and window.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { estimateByGroup } from '../../src/spend/groupedEstimates.js';
import { type CostWindow, resourceCosts, resourceCostsByWindow } from '../../src/spend/resourceCosts.js';

const HOUR = 3_600_000;
const ORIGIN = Date.parse('2026-11-20T00:00:00Z');
const PRICE = 1.75;

/** A small deterministic generator, so a failure can be replayed from its case number. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Deployment {
  id: string;
  startMs: number;
  endMs: number | null;
  currentMin: number;
  snapshots: Array<{ atMs: number; min: number; deployed: boolean }>;
  /** Measured replicas per clock hour (start of the hour, ms). */
  measured: Map<number, number>;
}

function randomDeployment(next: () => number, index: number): Deployment {
  // Starts and stops on the hour or inside one, anywhere in three days.
  const at = (maxHours: number) =>
    ORIGIN + Math.floor(next() * maxHours * 4) * (HOUR / 4) + (next() < 0.3 ? 7 * 60_000 : 0);
  const startMs = at(48);
  const endMs =
    next() < 0.4 ? startMs + HOUR + Math.floor(next() * 40) * HOUR + (next() < 0.5 ? 20 * 60_000 : 0) : null;
  const snapshots: Deployment['snapshots'] = [];
  let t = startMs;
  const changes = Math.floor(next() * 3);
  for (let i = 0; i < changes; i++) {
    t += Math.floor(1 + next() * 20) * (HOUR / 2) + (next() < 0.5 ? 13 * 60_000 : 0);
    snapshots.push({ atMs: t, min: 1 + Math.floor(next() * 4), deployed: true });
  }
  if (endMs !== null) snapshots.push({ atMs: endMs, min: snapshots.at(-1)?.min ?? 2, deployed: false });
  const first = { atMs: startMs, min: 1 + Math.floor(next() * 3), deployed: true };
  if (next() < 0.8) snapshots.unshift(first);
  const measured = new Map<number, number>();
  const lastHour = Math.floor(((endMs ?? ORIGIN + 72 * HOUR) + HOUR) / HOUR) * HOUR;
  for (let h = Math.floor(startMs / HOUR) * HOUR - HOUR; h < lastHour; h += HOUR) {
    if (next() < 0.5) measured.set(h, Math.round(next() * 50) / 10);
  }
  return {
    id: `dm-${index}`,
    startMs,
    endMs,
    currentMin: snapshots.at(-1)?.min ?? first.min,
    snapshots: snapshots.sort((a, b) => a.atMs - b.atMs),
    measured,
  };
}

/** Planned replicas at an instant: the latest snapshot at or before it, else the first snapshot's count. */
function plannedAt(d: Deployment, ms: number): number {
  let units = d.snapshots[0]?.min ?? d.currentMin;
  for (const s of d.snapshots) if (s.atMs <= ms) units = s.deployed ? s.min : 0;
  return units;
}

/** The rule, read plainly: integrate units over every piece of time between any two boundaries. */
function expectedCost(d: Deployment, w: CostWindow): number | null {
  const from = Math.max(w.from.getTime(), d.startMs);
  const to = Math.min(w.to.getTime(), d.endMs ?? Number.POSITIVE_INFINITY);
  if (to <= from) return null;
  const cuts = new Set<number>([from, to]);
  for (let h = Math.ceil(from / HOUR) * HOUR; h < to; h += HOUR) cuts.add(h);
  for (const s of d.snapshots) if (s.atMs > from && s.atMs < to) cuts.add(s.atMs);
  const points = [...cuts].sort((a, b) => a - b);
  let unitHours = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const hour = Math.floor(a / HOUR) * HOUR;
    const units = d.measured.get(hour) ?? plannedAt(d, a);
    unitHours += ((b - a) / HOUR) * units;
  }
  return PRICE * unitHours;
}

function seed(store: Store, deployments: readonly Deployment[]): void {
  const db = store.sqlite;
  db.exec('DELETE FROM traffic_hourly; DELETE FROM deployed_model_snapshots; DELETE FROM deployed_models;');
  for (const d of deployments) {
    db.prepare(
      `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, min_replicas,
                                    max_replicas, create_time, first_seen, last_seen, undeployed_at, hourly_price)
       VALUES ('projects/p/locations/us-central1/endpoints/e', ?, 'm', ?, 1, ?, 9, ?, ?, ?, ?, ?)`,
    ).run(
      d.id,
      d.id,
      d.currentMin,
      iso(d.startMs),
      iso(d.startMs),
      iso(d.startMs),
      d.endMs === null ? null : iso(d.endMs),
      PRICE,
    );
    for (const s of d.snapshots) {
      db.prepare(
        `INSERT OR REPLACE INTO deployed_model_snapshots
           (endpoint_name, deployed_model_id, observed_at, min_replicas, max_replicas, deployed)
         VALUES ('projects/p/locations/us-central1/endpoints/e', ?, ?, ?, 9, ?)`,
      ).run(d.id, iso(s.atMs), s.min, s.deployed ? 1 : 0);
    }
    for (const [hour, replicas] of d.measured) {
      db.prepare(
        `INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, replicas)
         VALUES ('projects/p/locations/us-central1/endpoints/e', ?, ?, ?)`,
      ).run(d.id, iso(hour), replicas);
    }
  }
}

function randomWindows(next: () => number): CostWindow[] {
  const count = 1 + Math.floor(next() * 3);
  return Array.from({ length: count }, () => {
    // Whole days, whole hours or any minute: each makes the estimator choose differently.
    const grain = next() < 0.33 ? 24 * HOUR : next() < 0.5 ? HOUR : 60_000;
    const from = ORIGIN + Math.floor(next() * ((72 * HOUR) / grain)) * grain;
    const to = from + Math.max(1, Math.floor(next() * ((30 * HOUR) / grain))) * grain;
    return { from: new Date(from), to: new Date(to) };
  });
}

describe('replica-hour estimates of deployed models', () => {
  let store: Store;
  beforeAll(() => {
    store = openStore(':memory:');
    store.sqlite.exec(
      `INSERT INTO endpoints (name, project, region, display_name, labels, first_seen, last_seen)
       VALUES ('projects/p/locations/us-central1/endpoints/e', 'p', 'us-central1', 'e', '{}', '2026-11-01T00:00:00Z',
               '2026-11-01T00:00:00Z')`,
    );
  });
  afterAll(() => store.close());

  it('agree with the plain rule on random deployments, whatever path each takes, alone or together', () => {
    for (let c = 1; c <= 150; c++) {
      const next = random(c);
      const deployments = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) =>
        randomDeployment(next, i),
      );
      seed(store, deployments);
      const windows = randomWindows(next);
      const together = resourceCostsByWindow(store, windows);
      windows.forEach((w, i) => {
        const alone = resourceCosts(store, w.from, w.to);
        for (const d of deployments) {
          const expected = expectedCost(d, w);
          const name = `projects/p/locations/us-central1/endpoints/e/deployedModels/${d.id}`;
          const inBatch = together[i]?.find((r) => r.name === name)?.cost ?? null;
          const single = alone.find((r) => r.name === name)?.cost ?? null;
          const where = `case ${c}, window ${i}, ${d.id}`;
          if (expected === null) {
            expect(inBatch, where).toBeNull();
            expect(single, where).toBeNull();
            continue;
          }
          expect(inBatch, where).toBeCloseTo(expected, 9);
          expect(single, where).toBeCloseTo(expected, 9);
        }
      });
      // Summed per group and per window apart (how answers read them), in two groups by the model's number.
      const groupOf = (id: string) => `g${Number(id.slice(3)) % 2}`;
      const sums = estimateByGroup(store, windows, {}, (r) => groupOf(r.displayName), {
        cells: false,
        labels: false,
      });
      windows.forEach((w, i) => {
        const expected = deployments.reduce((sum, d) => sum + (expectedCost(d, w) ?? 0), 0);
        expect(sums.cells.windowCost[i], `case ${c}, window ${i}, every group`).toBeCloseTo(expected, 9);
      });
      sums.keys.forEach((key, g) => {
        const expected = deployments
          .filter((d) => groupOf(d.id) === key)
          .reduce((sum, d) => sum + windows.reduce((s, w) => s + (expectedCost(d, w) ?? 0), 0), 0);
        expect(sums.cells.groupCost[g], `case ${c}, group ${key}, every window`).toBeCloseTo(expected, 9);
      });
      // With the groups a column SQL has, SQL sums the deployments it can pick by their stored bounds and leaves
      // the others (started, stopped or changed inside the windows) to the rows path: the totals stay the same.
      const inSql = estimateByGroup(store, windows, {}, (r) => r.project, {
        cells: true,
        labels: false,
        sqlKey: { jobs: [{ column: 'project' }], deployments: [{ column: 'project' }], separator: ' · ' },
      });
      windows.forEach((w, i) => {
        const expected = deployments.reduce((sum, d) => sum + (expectedCost(d, w) ?? 0), 0);
        expect(inSql.cells.cell(0, i), `case ${c}, window ${i}, summed in SQL`).toBeCloseTo(expected, 9);
      });
    }
  });

  it('summed in SQL for most deployments, leave out those SQL cannot price by their stored minimum', () => {
    const every = (d: Omit<Deployment, 'measured'>): Deployment => {
      const measured = new Map<number, number>();
      // Measured in most hours, at counts apart from the planned ones, none in a few.
      for (let h = ORIGIN - 24 * HOUR; h < ORIGIN + 72 * HOUR; h += HOUR)
        if (h % (7 * HOUR) !== 0) measured.set(h, 1 + ((h / HOUR) % 5) / 2);
      return { ...d, measured };
    };
    const plain = (id: string, min: number) =>
      every({ id, startMs: ORIGIN - 10 * 24 * HOUR, endMs: null, currentMin: min, snapshots: [] });
    const deployments: Deployment[] = [
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => plain(`dm-${id}`, 1 + (i % 3))),
      // Its minimum changed before the windows: it planned 3 there, though 1 is stored now.
      every({
        id: 'dm-g',
        startMs: ORIGIN - 10 * 24 * HOUR,
        endMs: null,
        currentMin: 1,
        snapshots: [
          { atMs: ORIGIN - 10 * 24 * HOUR, min: 2, deployed: true },
          { atMs: ORIGIN - 2 * 24 * HOUR, min: 3, deployed: true },
          { atMs: ORIGIN + 70 * HOUR, min: 1, deployed: true },
        ],
      }),
      // Changed inside a window, and undeployed inside one.
      every({
        id: 'dm-h',
        startMs: ORIGIN - 10 * 24 * HOUR,
        endMs: null,
        currentMin: 4,
        snapshots: [{ atMs: ORIGIN + 30 * HOUR + 20 * 60_000, min: 4, deployed: true }],
      }),
      every({
        id: 'dm-i',
        startMs: ORIGIN - 10 * 24 * HOUR,
        endMs: ORIGIN + 40 * HOUR,
        currentMin: 2,
        snapshots: [{ atMs: ORIGIN + 40 * HOUR, min: 2, deployed: false }],
      }),
    ];
    seed(store, deployments);
    // Two whole days and a day cut at 15:00, and a window off the hour.
    for (const windows of [
      [0, 1, 2].map((d) => ({
        from: new Date(ORIGIN + d * 24 * HOUR),
        to: new Date(ORIGIN + d * 24 * HOUR + (d === 2 ? 15 : 24) * HOUR),
      })),
      [{ from: new Date(ORIGIN + 5 * HOUR + 600_000), to: new Date(ORIGIN + 50 * HOUR + 1_200_000) }],
    ]) {
      const inSql = estimateByGroup(store, windows, {}, (r) => r.project, {
        cells: true,
        labels: false,
        sqlKey: { jobs: [{ column: 'project' }], deployments: [{ column: 'project' }], separator: ' · ' },
      });
      expect(inSql.keys).toEqual(['p']);
      windows.forEach((w, i) => {
        const expected = deployments.reduce((sum, d) => sum + (expectedCost(d, w) ?? 0), 0);
        expect(inSql.cells.cell(0, i), `window ${i}`).toBeCloseTo(expected, 9);
      });
    }
  });
});
