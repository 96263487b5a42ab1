// A deployment resource pool is billed for its machines whatever its models serve; it is idle only when every
// model on it served nothing for the whole window (with the metric that sees each model's traffic vouching).

import { describe, expect, it } from 'vitest';
import type { AuditFacts, DeployedModelFacts, ResourcePoolFacts } from '../../src/audit/facts.js';
import { idleEndpointRule } from '../../src/audit/rules/idleEndpoint.js';
import { deployedModel, fullCoverage, hourlyTraffic, hoursAgo, NO_PRICES, ruleContext } from './fixtures.js';

const POOL = 'projects/ml-prod/locations/us-central1/deploymentResourcePools/shared-t4';

function pool(overrides: Partial<ResourcePoolFacts> = {}): ResourcePoolFacts {
  return {
    name: POOL,
    project: 'ml-prod',
    region: 'us-central1',
    machineType: 'n1-standard-8',
    acceleratorType: 'NVIDIA_TESLA_T4',
    acceleratorCount: 1,
    minReplicas: 2,
    since: hoursAgo(24 * 20),
    hourlyPrice: 1.5,
    unpricedReason: null,
    lastSeen: hoursAgo(0.1),
    ...overrides,
  };
}

/** A model on the pool: not dedicated, no price of its own. */
function onPool(id: string, overrides: Partial<DeployedModelFacts> = {}): DeployedModelFacts {
  return deployedModel({
    endpointName: `projects/ml-prod/locations/us-central1/endpoints/${id}`,
    endpointDisplayName: `endpoint-${id}`,
    deployedModelId: `${id}1`,
    displayName: `model-${id}`,
    labels: { team: 'search', owner: id },
    dedicated: false,
    hourlyPrice: null,
    unpricedReason: `billed with its deployment resource pool ${POOL}`,
    sharedResources: POOL,
    ...overrides,
  });
}

const facts = (models: DeployedModelFacts[], extra: Partial<AuditFacts> = {}): AuditFacts => ({
  deployedModels: models,
  jobs: [],
  coverage: [fullCoverage()],
  resourcePools: [pool()],
  prices: NO_PRICES,
  ...extra,
});
const poolVerdicts = (f: AuditFacts) =>
  idleEndpointRule
    .evaluate(f, ruleContext())
    .filter((v) => (v.kind === 'finding' ? v.finding.resource : v.resource) === POOL);

describe('idle-endpoint on a shared deployment resource pool', () => {
  it('is idle when every model on it served nothing: priced as the pool’s replicas, labels all models share', () => {
    const [verdict] = poolVerdicts(facts([onPool('1'), onPool('2')]));
    if (verdict?.kind !== 'finding') throw new Error(`expected a finding, got ${verdict?.kind}`);
    const f = verdict.finding;
    expect(f.title).toBe('Idle resource pool: shared-t4');
    expect(f.reason).toContain('model-1 on endpoint-1');
    expect(f.reason).toContain('model-2 on endpoint-2');
    expect(f.impactPerDay).toBeCloseTo(2 * 1.5 * 24, 9);
    expect(f.severity).toBe('high'); // a T4 on it: never below high
    expect(f.suggestedAction).toBeNull();
    expect(f.evidence.target).toEqual({ type: 'resource-pool', poolName: POOL, displayName: 'shared-t4' });
    expect(f.labels).toEqual({ team: 'search' });
  });

  it('is not idle when any one model on it served a request', () => {
    const busy = onPool('2', { traffic: hourlyTraffic(24 * 7, (h) => (h === 5 ? 1 : 0)) });
    expect(poolVerdicts(facts([onPool('1'), busy]))).toEqual([]);
  });

  it('judges each model by the metric that sees its endpoint: a private one by its responses', () => {
    const privateBusy = onPool('2', {
      endpointKind: 'private-service-access',
      trafficVisibility: 'private_response_count',
      traffic: hourlyTraffic(24 * 7, () => 4, 1, 'private_response_count'),
    });
    const coverage = [fullCoverage(), fullCoverage('ml-prod', { metric: 'private_response_count' })];
    expect(poolVerdicts(facts([onPool('1'), privateBusy], { coverage }))).toEqual([]);
  });

  it.each([
    {
      name: 'a model on an endpoint no metric sees',
      models: [onPool('1'), onPool('2', { endpointKind: 'dedicated-public', trafficVisibility: 'unknown' })],
      coverage: [fullCoverage()],
      why: /dedicated endpoint/,
    },
    {
      name: 'Monitoring failed',
      models: [onPool('1')],
      coverage: [fullCoverage('ml-prod', { lastError: 'UNAVAILABLE' })],
      why: /failed/,
    },
  ])('is unknown with $name', ({ models, coverage, why }) => {
    const [verdict] = poolVerdicts(facts(models, { coverage }));
    expect(verdict?.kind).toBe('unknown');
    expect(verdict?.kind === 'unknown' && verdict.why).toMatch(why);
  });

  it('a pool no model uses is idle: its machines serve nothing', () => {
    const [verdict] = poolVerdicts(facts([]));
    expect(verdict?.kind === 'finding' && verdict.finding.reason).toMatch(/^No model is deployed on it/);
  });

  it.each([
    {
      name: 'a pool created inside the window',
      pools: [pool({ since: hoursAgo(10) })],
      models: [onPool('1')],
    },
    {
      name: 'a model deployed on it inside the window',
      pools: [pool()],
      models: [onPool('1', { deployedSince: hoursAgo(10) })],
    },
    { name: 'no replicas held', pools: [pool({ minReplicas: 0 })], models: [onPool('1')] },
  ])('is not judged for $name', ({ pools, models }) => {
    expect(poolVerdicts(facts(models, { resourcePools: pools }))).toEqual([]);
  });

  it('an unpriced pool stays unpriced, never $0; its models are never judged one by one', () => {
    const verdicts = idleEndpointRule.evaluate(
      facts([onPool('1')], {
        resourcePools: [pool({ hourlyPrice: null, unpricedReason: 'no SKU for T4 here' })],
      }),
      ruleContext(),
    );
    expect(verdicts).toHaveLength(1);
    const [verdict] = verdicts;
    expect(verdict?.kind === 'finding' && verdict.finding.impactPerDay).toBeNull();
    expect(verdict?.kind === 'finding' && verdict.finding.unpricedReason).toBe('no SKU for T4 here');
  });
});
