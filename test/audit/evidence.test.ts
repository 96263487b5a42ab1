import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../src/audit/evidence.js';

const target = {
  type: 'deployed-model',
  endpointName: 'projects/ml-prod/locations/us-central1/endpoints/1',
  deployedModelId: '2',
  displayName: 'canary on ranker',
};
const facts = [{ label: 'Min replicas', value: 1, unit: 'count' }];
const split = [
  { deployedModelId: '1', displayName: 'ranker-v14', percent: 90 },
  { deployedModelId: '2', displayName: 'canary', percent: 10 },
];

describe('stored evidence', () => {
  it('reads evidence recorded before splits were kept, without a split', () => {
    const evidence = readEvidence(JSON.stringify({ target, facts }), 'r');
    expect(evidence.target).toEqual(target);
    expect(evidence.trafficSplit).toBeUndefined();
  });

  it('reads the endpoint split an idle finding recorded', () => {
    expect(readEvidence(JSON.stringify({ target, facts, trafficSplit: split }), 'r').trafficSplit).toEqual(
      split,
    );
  });

  it.each([
    { name: 'a percent above 100', trafficSplit: [{ ...split[0], percent: 101 }] },
    { name: 'a fractional percent', trafficSplit: [{ ...split[0], percent: 9.5 }] },
    { name: 'no deployed model id', trafficSplit: [{ displayName: 'x', percent: 10 }] },
    { name: 'a map instead of a list', trafficSplit: { '1': 90 } },
  ])('a split with $name makes the evidence unreadable: nothing acts on it', ({ trafficSplit }) => {
    expect(
      readEvidence(JSON.stringify({ target, facts, trafficSplit }), 'the resource').target,
    ).toMatchObject({
      type: 'unreadable',
      displayName: 'the resource',
    });
  });
});
