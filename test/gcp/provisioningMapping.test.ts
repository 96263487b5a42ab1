// The provisioning model a job or deployed model runs on, from the fields Vertex AI sets: scheduling.strategy (SPOT,
// FLEX_START), machineSpec.reservationAffinity (SPECIFIC_RESERVATION) and dedicatedResources.spot.
import { describe, expect, it } from 'vitest';
import {
  batchPredictionJobFrom,
  customJobFrom,
  deployedModelFrom,
  tuningJobFrom,
} from '../../src/gcp/vertexMapping.js';

type JobSpec = NonNullable<Parameters<typeof customJobFrom>[0]['jobSpec']>;
type DedicatedResources = NonNullable<Parameters<typeof deployedModelFrom>[1]['dedicatedResources']>;
type BatchResources = NonNullable<Parameters<typeof batchPredictionJobFrom>[0]['dedicatedResources']>;

const scope = { project: 'ml-prod', region: 'us-central1' };
const RESERVATION = 'projects/ml-prod/zones/us-central1-a/reservations/a100-pool';
const specific = {
  reservationAffinityType: 'SPECIFIC_RESERVATION',
  key: 'compute.googleapis.com/reservation-name',
  values: [RESERVATION],
};
const machineSpec = (reservationAffinity?: Record<string, unknown>) => ({
  machineType: 'a2-highgpu-1g',
  acceleratorType: 'NVIDIA_TESLA_A100',
  acceleratorCount: 1,
  ...(reservationAffinity ? { reservationAffinity } : {}),
});
const jobSpec = (strategy: string | null, reservationAffinity?: Record<string, unknown>) =>
  ({
    workerPoolSpecs: [{ machineSpec: machineSpec(reservationAffinity), replicaCount: '1' }],
    ...(strategy ? { scheduling: { strategy } } : {}),
  }) as JobSpec;

describe('provisioning model', () => {
  it.each([
    ['no strategy, no reservation', jobSpec(null), 'on-demand'],
    ['STANDARD', jobSpec('STANDARD'), 'on-demand'],
    ['SPOT', jobSpec('SPOT'), 'spot'],
    ['FLEX_START', jobSpec('FLEX_START'), 'flex-start'],
    ['a specific reservation', jobSpec(null, specific), 'reservation'],
    // "Consume any reservation available, falling back to on-demand": not known to be reserved.
    ['any reservation', jobSpec(null, { reservationAffinityType: 'ANY_RESERVATION' }), 'on-demand'],
    ['no reservation', jobSpec(null, { reservationAffinityType: 'NO_RESERVATION' }), 'on-demand'],
  ])('of a custom job: %s', (_label, spec, provisioning) => {
    expect(
      customJobFrom({ name: 'projects/p/locations/r/customJobs/1', jobSpec: spec }, scope).provisioning,
    ).toBe(provisioning);
  });

  it('of a tuning job comes from its trial spec', () => {
    const job = tuningJobFrom(
      { name: 'projects/p/locations/r/hyperparameterTuningJobs/1', trialJobSpec: jobSpec('FLEX_START') },
      scope,
    );
    expect(job.provisioning).toBe('flex-start');
  });

  it('of a batch prediction job comes from its machine spec', () => {
    const job = batchPredictionJobFrom(
      {
        name: 'projects/p/locations/r/batchPredictionJobs/1',
        dedicatedResources: { machineSpec: machineSpec(specific), startingReplicaCount: 2 } as BatchResources,
      },
      scope,
    );
    expect(job.provisioning).toBe('reservation');
  });

  it.each([
    ['on demand', { machineSpec: machineSpec() }, 'on-demand'],
    ['Spot', { machineSpec: machineSpec(), spot: true }, 'spot'],
    ['on a reservation', { machineSpec: machineSpec(specific) }, 'reservation'],
  ])('of a deployed model %s', (_label, dedicatedResources, provisioning) => {
    const model = deployedModelFrom('projects/p/locations/r/endpoints/1', {
      id: '7',
      dedicatedResources: { ...dedicatedResources, minReplicaCount: 1 } as DedicatedResources,
    });
    expect(model.provisioning).toBe(provisioning);
  });
});
