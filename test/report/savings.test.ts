import { describe, expect, it } from 'vitest';
import type { DeployedModelFacts, JobFacts } from '../../src/audit/facts.js';
import { configSchema } from '../../src/config/schema.js';
import { findSavings } from '../../src/report/savings.js';

const config = configSchema.parse({});
const NOW = new Date('2026-11-16T00:00:00Z');
const HOUR = 3_600_000;

function job(over: Partial<JobFacts>): JobFacts {
  return {
    name: 'projects/p/locations/us-central1/customJobs/1',
    project: 'ml-prod-1234',
    region: 'us-central1',
    kind: 'custom',
    displayName: 'train-resnet',
    state: 'SUCCEEDED',
    labels: {},
    machineType: 'n1-standard-8',
    acceleratorType: 'NVIDIA_TESLA_T4',
    acceleratorCount: 1,
    replicaCount: 1,
    spot: false,
    createTime: null,
    startTime: new Date(NOW.getTime() - 50 * HOUR).toISOString(),
    endTime: new Date(NOW.getTime() - 47 * HOUR).toISOString(),
    timeoutSeconds: null,
    hourlyPrice: 1.0,
    unpricedReason: null,
    lastSeen: NOW.toISOString(),
    ...over,
  };
}

/** A model with `busyHoursPerDay` busy hours each day of the 14-day window. */
function model(
  busyHoursPerDay: number,
  over: Partial<DeployedModelFacts> = {},
  peak = 100,
): DeployedModelFacts {
  const traffic = [];
  for (let h = 14 * 24; h >= 1; h -= 1) {
    const at = new Date(NOW.getTime() - h * HOUR);
    traffic.push({
      hour: at.toISOString(),
      predictions: at.getUTCHours() < busyHoursPerDay ? peak : 0,
      replicas: 1,
      privateResponses: null,
    });
  }
  return {
    endpointName: 'projects/p/locations/us-central1/endpoints/9',
    endpointDisplayName: 'fraud',
    deployedModelId: 'dm1',
    displayName: 'fraud-v3',
    model: 'models/1',
    project: 'ml-prod-1234',
    region: 'us-central1',
    labels: { team: 'risk' },
    dedicated: true,
    machineType: 'n1-standard-4',
    acceleratorType: null,
    acceleratorCount: 0,
    minReplicas: 2,
    maxReplicas: 4,
    spot: false,
    deployedSince: '2026-01-01T00:00:00Z',
    hourlyPrice: 0.5,
    unpricedReason: null,
    lastSeen: NOW.toISOString(),
    endpointKind: 'shared-public',
    trafficVisibility: 'prediction_count',
    trafficPercent: 100,
    endpointSplit: [{ deployedModelId: 'dm1', displayName: 'fraud-v3', percent: 100 }],
    sharedResources: null,
    traffic,
    utilization: [],
    minReplicaHistory: [],
    ...over,
  };
}

const run = (jobs: JobFacts[], models: DeployedModelFacts[], spot: number | null = 0.3) =>
  findSavings({
    jobs,
    deployedModels: models,
    now: NOW,
    settings: config.savings,
    overProvisioned: config.rules.overProvisioned,
    idleWindowHours: config.rules.idleEndpoint.windowHours,
    spotPrice: () => spot,
    expectedHoursLabel: config.rules.runawayTraining.expectedHoursLabel,
  });

describe('savings opportunities', () => {
  it('judges a running job by how long it is expected to run, not by how long it has run so far', () => {
    const running = (displayName: string, labels: Record<string, string>) =>
      job({
        name: `projects/p/locations/us-central1/customJobs/${displayName}`,
        displayName,
        state: 'RUNNING',
        labels,
        startTime: new Date(NOW.getTime() - HOUR).toISOString(),
        endTime: null,
      });
    const found = run(
      [
        running('long-train', { 'expected-hours': '8' }),
        running('short-train', { 'expected-hours': '2' }),
        running('unknown-train', {}),
        // Earlier runs of "nightly" took 2 h: the running one is expected to as well.
        job({ name: 'projects/p/locations/us-central1/customJobs/n1', displayName: 'nightly-20261110' }),
        running('nightly-20261115', {}),
      ],
      [],
    ).map((o) => o.title);
    expect(found.some((t) => t.includes('long-train'))).toBe(false);
    expect(found.some((t) => t.includes('unknown-train'))).toBe(false);
    expect(found.some((t) => t.includes('short-train'))).toBe(true);
    expect(found.some((t) => t.includes('nightly'))).toBe(true);
  });

  it.each([
    { name: 'idle endpoint → undeploy', busy: 0, technique: 'idle-endpoint', saving: 0.5 * 2 * 730 },
    {
      name: 'busy 2 h a day → batch prediction',
      busy: 2,
      technique: 'batch-prediction',
      saving: 0.5 * 2 * (730 - 2 * (365 / 12)),
    },
    {
      name: 'busy 5 h a day → scale to zero',
      busy: 5,
      technique: 'scale-to-zero',
      saving: 0.5 * 2 * 730 * (1 - 5 / 24),
    },
  ])('$name', ({ busy, technique, saving }) => {
    const [first] = run([], [model(busy)]);
    expect(first?.technique).toBe(technique);
    expect(first?.monthlySaving).toBeCloseTo(saving, 6);
    expect(first?.evidence.join('\n')).toContain('busy hours');
  });

  it('over-provisioned replicas: lower min replicas to what peak traffic needs', () => {
    const [first] = run([], [model(20, { minReplicas: 4 }, 1000)]);
    expect(first).toMatchObject({ technique: 'over-provisioned' });
    // 1000 × 1.5 / 20000 → 1 replica needed; 3 fewer at $0.5/h.
    expect(first?.monthlySaving).toBeCloseTo(3 * 0.5 * 730, 6);
  });

  it('an endpoint silent for the idle window is idle even if it was busy before', () => {
    const m = model(24);
    for (const t of m.traffic.slice(-80)) t.predictions = 0;
    expect(run([], [m])[0]).toMatchObject({ technique: 'idle-endpoint', monthlySaving: 0.5 * 2 * 730 });
  });

  it('an endpoint whose requests no metric counts is never called idle', () => {
    expect(run([], [model(0, { endpointKind: 'dedicated-public', trafficVisibility: 'unknown' })])).toEqual(
      [],
    );
  });

  it('a private endpoint is judged by its responses, not by the empty prediction count', () => {
    const busy = model(24, {
      endpointKind: 'private-service-access',
      trafficVisibility: 'private_response_count',
    });
    for (const t of busy.traffic) {
      t.privateResponses = t.predictions;
      t.predictions = null;
    }
    expect(run([], [busy]).map((s) => s.technique)).not.toContain('idle-endpoint');
    const silent = model(0, {
      endpointKind: 'private-service-access',
      trafficVisibility: 'private_response_count',
    });
    for (const t of silent.traffic) {
      t.privateResponses = 0;
      t.predictions = null;
    }
    expect(run([], [silent])[0]).toMatchObject({ technique: 'idle-endpoint' });
  });

  it('unpriced models are reported as unpriced, never $0', () => {
    const [first] = run(
      [],
      [model(0, { hourlyPrice: null, unpricedReason: 'no catalog price for n1-standard-4' })],
    );
    expect(first?.monthlySaving).toBeNull();
    expect(first?.unpricedReason).toBe('no catalog price for n1-standard-4');
  });

  it.each([
    { name: 'short standard job', over: {}, expected: 1 },
    {
      name: 'long checkpointed job',
      over: { labels: { checkpointed: 'true' }, endTime: NOW.toISOString() },
      expected: 1,
    },
    { name: 'long job without checkpoints', over: { endTime: NOW.toISOString() }, expected: 0 },
    { name: 'already on Spot', over: { spot: true }, expected: 0 },
    {
      name: 'outside the look-back window',
      over: { startTime: '2026-09-01T00:00:00Z', endTime: '2026-09-01T02:00:00Z' },
      expected: 0,
    },
  ])('Spot for training: $name', ({ over, expected }) => {
    const found = run([job(over)], []);
    expect(found).toHaveLength(expected);
    if (expected) {
      const hours = (Date.parse(job(over).endTime!) - Date.parse(job(over).startTime!)) / HOUR;
      expect(found[0]!.monthlySaving).toBeCloseTo(((1 - 0.3) * hours * (365 / 12)) / 14, 6);
    }
  });

  it('Spot without a Spot price in the catalog is unpriced', () => {
    const [first] = run([job({})], [], null);
    expect(first?.monthlySaving).toBeNull();
    expect(first?.unpricedReason).toBe('no Spot price in the catalog');
  });
});
