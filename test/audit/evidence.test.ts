import { describe, expect, it } from 'vitest';
import { readAlertedSplit, readEvidence } from '../../src/audit/evidence.js';

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

  it('reads every field a finding stores, and nothing else', () => {
    const stored = {
      target,
      facts: [...facts, { label: 'Note', value: null, unit: 'text' }],
      unpricedReason: null,
      trafficSplit: split,
      recommendation: {
        change: 'Redeploy on n1-standard-4',
        commands: ['gcloud ai endpoints deploy-model 1'],
      },
      addedLater: 'ignored',
    };
    const { addedLater: _, ...expected } = stored;
    expect(readEvidence(JSON.stringify(stored), 'r')).toEqual(expected);
  });

  it.each([
    { name: 'not JSON', json: '{"target":' },
    { name: 'a list', json: '[]' },
    { name: 'no facts', json: JSON.stringify({ target }) },
    {
      name: 'a stored unreadable target',
      json: JSON.stringify({ target: { type: 'unreadable', displayName: 'x', why: 'y' }, facts }),
    },
    {
      name: 'an unknown target type',
      json: JSON.stringify({ target: { ...target, type: 'bucket' }, facts }),
    },
    {
      name: 'an empty endpoint name',
      json: JSON.stringify({ target: { ...target, endpointName: '' }, facts }),
    },
    {
      name: 'a job without its name',
      json: JSON.stringify({ target: { type: 'job', kind: 'custom', displayName: 'j' }, facts }),
    },
    {
      name: 'a fact in an unknown unit',
      json: JSON.stringify({ target, facts: [{ label: 'x', value: 1, unit: 'parsecs' }] }),
    },
    {
      name: 'a fact whose value is a flag',
      json: JSON.stringify({ target, facts: [{ label: 'x', value: true, unit: 'text' }] }),
    },
    { name: 'a numeric unpriced reason', json: JSON.stringify({ target, facts, unpricedReason: 3 }) },
    {
      name: 'a command that is not text',
      json: JSON.stringify({ target, facts, recommendation: { change: 'c', commands: [1] } }),
    },
  ])('$name is unreadable: nothing acts on it', ({ json }) => {
    expect(readEvidence(json, 'the resource').target).toMatchObject({
      type: 'unreadable',
      displayName: 'the resource',
    });
  });

  it.each([
    { name: 'no alert shown', json: null, read: null },
    { name: 'the split shown', json: JSON.stringify(split), read: split },
    { name: 'not JSON', json: '[{', read: [] },
    { name: 'a share without its model', json: JSON.stringify([{ displayName: 'x', percent: 5 }]), read: [] },
    { name: 'a negative share', json: JSON.stringify([{ ...split[0], percent: -1 }]), read: [] },
  ])('the alerted split from $name', ({ json, read }) => {
    expect(readAlertedSplit(json)).toEqual(read);
  });
});
