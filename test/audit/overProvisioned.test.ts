import { describe, expect, it } from 'vitest';
import type { DeployedModelFacts } from '../../src/audit/facts.js';
import { evaluateOverProvisioned, replicaCapacity } from '../../src/audit/rules/overProvisioned.js';
import { deployedModel, hourlyTraffic, ruleContext } from './fixtures.js';

describe('over-provisioned-endpoint rule', () => {
  it.each([
    { kind: 'dedicated-public', visibility: 'unknown' },
    { kind: 'private-service-access', visibility: 'private_response_count' },
    { kind: null, visibility: 'unknown' },
  ])(
    'is unknown on an endpoint whose requests prediction_count does not count ($kind)',
    ({ kind, visibility }) => {
      // Peaks and per-replica capacity are measured in predictions: a scale-down must not rest on a metric that
      // does not see the endpoint's requests.
      const verdict = evaluateOverProvisioned(
        deployedModel({
          minReplicas: 6,
          endpointKind: kind,
          trafficVisibility: visibility,
          traffic: hourlyTraffic(96, () => 100, 6),
        }),
        ruleContext(),
        null,
      );
      expect(verdict?.kind).toBe('unknown');
      expect(verdict?.kind === 'unknown' && verdict.why).toContain('prediction_count');
    },
  );

  it.each<{ name: string; model: Partial<DeployedModelFacts>; suggested: number | null }>([
    {
      name: '6 replicas for a peak of 10k/h (capacity 20k, headroom 1.5) → 1',
      model: { minReplicas: 6, traffic: hourlyTraffic(96, (h) => (h === 5 ? 10_000 : 100), 6) },
      suggested: 1,
    },
    {
      name: '6 replicas for a peak of 50k/h → 4',
      model: { minReplicas: 6, traffic: hourlyTraffic(96, () => 50_000, 6) },
      suggested: 4,
    },
    {
      name: '4 replicas for a peak of 50k/h → nothing to save',
      model: { minReplicas: 4, traffic: hourlyTraffic(96, () => 50_000, 4) },
      suggested: null,
    },
    {
      name: 'no traffic is the idle rule’s business',
      model: { minReplicas: 6, traffic: hourlyTraffic(96, () => 0, 6) },
      suggested: null,
    },
    {
      name: 'one replica cannot go lower',
      model: { minReplicas: 1, traffic: hourlyTraffic(96, () => 10, 1) },
      suggested: null,
    },
    {
      name: 'own history: it served 30k/h on 1 replica before → capacity 30k',
      model: {
        minReplicas: 6,
        traffic: hourlyTraffic(96, (h) => (h > 80 ? 30_000 : 39_000), 6).map((t, i) =>
          i < 15 ? { ...t, replicas: 1 } : t,
        ),
      },
      suggested: 2,
    },
  ])('$name', ({ model, suggested }) => {
    const verdict = evaluateOverProvisioned(
      deployedModel({ acceleratorCount: 0, acceleratorType: null, ...model }),
      ruleContext(),
      null,
    );
    if (suggested === null) {
      expect(verdict).toBeNull();
      return;
    }
    expect(verdict?.kind).toBe('finding');
    if (verdict?.kind !== 'finding') return;
    expect(verdict.finding.suggestedAction).toBe('scale');
    expect(verdict.finding.suggestedValue).toBe(suggested);
    const spare = (model.minReplicas ?? 1) - suggested;
    expect(verdict.finding.impactPerDay).toBeCloseTo(spare * 0.9 * 24);
  });

  it('is unknown without Monitoring coverage', () => {
    const verdict = evaluateOverProvisioned(
      deployedModel({ minReplicas: 6 }),
      ruleContext(),
      'Monitoring failed',
    );
    expect(verdict?.kind).toBe('unknown');
  });

  it('capacity falls back to the configured figure', () => {
    expect(
      replicaCapacity(deployedModel({ minReplicas: 3, traffic: hourlyTraffic(10, () => 500, 3) }), 20_000),
    ).toEqual({
      predictionsPerReplicaHour: 20_000,
      source: 'config',
    });
  });
});
