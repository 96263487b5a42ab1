import { describe, expect, it } from 'vitest';
import type { DeployedModelFacts } from '../../src/audit/facts.js';
import { idleEndpointRule } from '../../src/audit/rules/idleEndpoint.js';
import { telemetryGap } from '../../src/audit/rules/telemetry.js';
import {
  deployedModel,
  fullCoverage,
  hourlyTraffic,
  hoursAgo,
  NO_PRICES,
  NOW,
  ruleContext,
} from './fixtures.js';

type Expect = 'idle' | 'unknown' | 'none';

const PRIVATE: Partial<DeployedModelFacts> = {
  endpointKind: 'private-service-access',
  trafficVisibility: 'private_response_count',
};

const cases: Array<{
  name: string;
  model?: Partial<DeployedModelFacts>;
  coverage?: Parameters<typeof fullCoverage>[1] | null;
  expect: Expect;
}> = [
  { name: 'dedicated GPU model with zero predictions for the whole window', expect: 'idle' },
  {
    name: 'one prediction inside the window',
    model: { traffic: hourlyTraffic(24 * 7, (h) => (h === 30 ? 1 : 0)) },
    expect: 'none',
  },
  {
    name: 'predictions only before the window',
    model: { traffic: hourlyTraffic(24 * 7, (h) => (h > 80 ? 50 : 0)) },
    expect: 'idle',
  },
  { name: 'no traffic rows at all but coverage is complete', model: { traffic: [] }, expect: 'idle' },
  { name: 'automatic resources are not billed per replica', model: { dedicated: false }, expect: 'none' },
  { name: 'deployed more recently than the window', model: { deployedSince: hoursAgo(48) }, expect: 'none' },
  { name: 'Monitoring failed on the last fetch', coverage: { lastError: 'UNAVAILABLE' }, expect: 'unknown' },
  {
    name: 'Monitoring data starts inside the window',
    coverage: { coveredFrom: hoursAgo(24) },
    expect: 'unknown',
  },
  { name: 'Monitoring data is stale', coverage: { coveredTo: hoursAgo(10) }, expect: 'unknown' },
  { name: 'no Monitoring coverage row', coverage: null, expect: 'unknown' },
  // Endpoints whose requests prediction_count does not count.
  {
    name: 'a dedicated endpoint: no documented metric sees its requests',
    model: { endpointKind: 'dedicated-public', trafficVisibility: 'unknown' },
    expect: 'unknown',
  },
  {
    name: 'a Private Service Connect endpoint: no documented metric sees its requests',
    model: { endpointKind: 'private-service-connect', trafficVisibility: 'unknown' },
    expect: 'unknown',
  },
  {
    name: 'an endpoint whose kind no sync has read yet',
    model: { endpointKind: null, trafficVisibility: 'unknown' },
    expect: 'unknown',
  },
  {
    name: 'a private endpoint answering requests (prediction_count empty)',
    model: {
      ...PRIVATE,
      traffic: hourlyTraffic(24 * 7, (h) => (h === 30 ? 3 : 0), 1, 'private_response_count'),
    },
    coverage: { metric: 'private_response_count' },
    expect: 'none',
  },
  {
    name: 'a private endpoint with no responses in the window',
    model: { ...PRIVATE, traffic: hourlyTraffic(24 * 7, () => 0, 1, 'private_response_count') },
    coverage: { metric: 'private_response_count' },
    expect: 'idle',
  },
  {
    name: 'a private endpoint judged by prediction_count coverage alone',
    model: { ...PRIVATE, traffic: hourlyTraffic(24 * 7, () => 0, 1, 'private_response_count') },
    expect: 'unknown',
  },
  {
    name: 'a private endpoint whose only data is predictions (the wrong metric)',
    model: { ...PRIVATE, traffic: hourlyTraffic(24 * 7, () => 5) },
    coverage: { metric: 'private_response_count' },
    expect: 'idle',
  },
];

describe('idle-endpoint rule', () => {
  it.each(cases)('$name → $expect', ({ model, coverage, expect: expected }) => {
    const facts = {
      deployedModels: [deployedModel(model)],
      jobs: [],
      coverage: coverage === null ? [] : [fullCoverage('ml-prod', coverage)],
      resourcePools: [],
      prices: NO_PRICES,
    };
    const verdicts = idleEndpointRule.evaluate(facts, ruleContext());
    if (expected === 'none') expect(verdicts).toEqual([]);
    else expect(verdicts.map((v) => v.kind)).toEqual([expected === 'idle' ? 'finding' : 'unknown']);
  });

  it('prices the waste as replicas × hourly price per day and per month, with evidence and an undeploy suggestion', () => {
    const [verdict] = idleEndpointRule.evaluate(
      {
        deployedModels: [deployedModel({ minReplicas: 2, hourlyPrice: 1.25 })],
        jobs: [],
        coverage: [fullCoverage()],
        resourcePools: [],
        prices: NO_PRICES,
      },
      ruleContext(),
    );
    expect(verdict?.kind).toBe('finding');
    if (verdict?.kind !== 'finding') return;
    const f = verdict.finding;
    expect(f.impactPerDay).toBeCloseTo(2 * 1.25 * 24);
    expect(f.suggestedAction).toBe('undeploy');
    expect(f.severity).toBe('high'); // accelerators: never below high
    expect(f.resource).toBe('projects/ml-prod/locations/us-central1/endpoints/111/deployedModels/222');
    const labels = f.evidence.facts.map((x) => x.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Last prediction seen',
        'Min replicas',
        'Machine',
        'Accelerators',
        'Owner',
        'Deployed since',
      ]),
    );
    expect(f.evidence.facts.find((x) => x.label === 'Owner')?.value).toBe('owner=alice, team=growth');
  });

  it('an unknown price stays unpriced, never $0', () => {
    const [verdict] = idleEndpointRule.evaluate(
      {
        deployedModels: [deployedModel({ hourlyPrice: null, unpricedReason: 'no SKU for NVIDIA_B200' })],
        jobs: [],
        coverage: [fullCoverage()],
        resourcePools: [],
        prices: NO_PRICES,
      },
      ruleContext(),
    );
    expect(verdict?.kind === 'finding' && verdict.finding.impactPerDay).toBeNull();
    expect(verdict?.kind === 'finding' && verdict.finding.unpricedReason).toBe('no SKU for NVIDIA_B200');
  });

  it('uses the configured window', () => {
    const model = deployedModel({ traffic: hourlyTraffic(24 * 7, (h) => (h === 30 ? 5 : 0)) });
    const facts = {
      deployedModels: [model],
      jobs: [],
      coverage: [fullCoverage()],
      resourcePools: [],
      prices: NO_PRICES,
    };
    expect(idleEndpointRule.evaluate(facts, ruleContext({ idleEndpoint: { windowHours: 24 } }))).toHaveLength(
      1,
    );
    expect(idleEndpointRule.evaluate(facts, ruleContext({ idleEndpoint: { windowHours: 72 } }))).toHaveLength(
      0,
    );
  });
});

describe('idle-endpoint on an endpoint with several models', () => {
  const canary = deployedModel({
    deployedModelId: '2',
    displayName: 'ranker-v15-canary',
    endpointDisplayName: 'search-ranker',
    trafficPercent: 10,
    endpointSplit: [
      { deployedModelId: '1', displayName: 'ranker-v14', percent: 90 },
      { deployedModelId: '2', displayName: 'ranker-v15-canary', percent: 10 },
    ],
  });

  it('records the endpoint’s split in the evidence and says where the share goes', () => {
    const [verdict] = idleEndpointRule.evaluate(
      {
        deployedModels: [canary],
        jobs: [],
        coverage: [fullCoverage()],
        resourcePools: [],
        prices: NO_PRICES,
      },
      ruleContext(),
    );
    if (verdict?.kind !== 'finding') throw new Error(`expected a finding, got ${verdict?.kind}`);
    expect(verdict.finding.evidence.trafficSplit).toEqual(canary.endpointSplit);
    expect(verdict.finding.reason).toContain('If undeployed, its 10 % goes to ranker-v14.');
    expect(verdict.finding.evidence.facts).toContainEqual({
      label: 'Traffic share',
      value: '10 % of search-ranker',
      unit: 'text',
    });
  });

  it('a lone model hands nothing over and says nothing about it', () => {
    const [verdict] = idleEndpointRule.evaluate(
      {
        deployedModels: [deployedModel()],
        jobs: [],
        coverage: [fullCoverage()],
        resourcePools: [],
        prices: NO_PRICES,
      },
      ruleContext(),
    );
    if (verdict?.kind !== 'finding') throw new Error('expected a finding');
    expect(verdict.finding.evidence.trafficSplit).toEqual([
      { deployedModelId: '222', displayName: 'churn-gpu', percent: 100 },
    ]);
    expect(verdict.finding.reason).not.toContain('goes to');
    expect(verdict.finding.evidence.facts.map((f) => f.label)).not.toContain('Traffic share');
  });

  it('names the metric and the endpoint kind when it cannot judge', () => {
    const [verdict] = idleEndpointRule.evaluate(
      {
        deployedModels: [deployedModel({ endpointKind: 'dedicated-public', trafficVisibility: 'unknown' })],
        jobs: [],
        coverage: [fullCoverage()],
        resourcePools: [],
        prices: NO_PRICES,
      },
      ruleContext(),
    );
    expect(verdict).toMatchObject({ kind: 'unknown', rule: 'idle-endpoint' });
    expect(verdict?.kind === 'unknown' && verdict.why).toMatch(/dedicated endpoint.*no Monitoring metric/);
  });
});

describe('telemetryGap', () => {
  const from = new Date(NOW.getTime() - 72 * 3_600_000);
  it.each([
    { coverage: {}, gap: false },
    { coverage: { coveredTo: hoursAgo(1.9) }, gap: false },
    { coverage: { coveredTo: hoursAgo(2.1) }, gap: true },
    { coverage: { coveredFrom: null }, gap: true },
    { coverage: { metric: 'replicas' }, gap: true },
  ])('$coverage → gap $gap', ({ coverage, gap }) => {
    expect(telemetryGap([fullCoverage('ml-prod', coverage)], 'ml-prod', from, NOW) !== null).toBe(gap);
  });
});
