// BatchPredictionJob → VertexJob: what the job starts with and what it reports using.
import { describe, expect, it } from 'vitest';
import { batchPredictionJobFrom } from '../../src/gcp/vertexMapping.js';

const scope = { project: 'ml-prod', region: 'us-central1' };
const job = (dedicatedResources: Record<string, unknown>, resourcesConsumed?: Record<string, unknown>) =>
  batchPredictionJobFrom(
    {
      name: 'projects/ml-prod/locations/us-central1/batchPredictionJobs/1',
      displayName: 'scoring',
      state: 'JOB_STATE_RUNNING',
      dedicatedResources: { machineSpec: { machineType: 'n1-standard-8' }, ...dedicatedResources },
      ...(resourcesConsumed ? { resourcesConsumed } : {}),
    },
    scope,
  );

describe('batch prediction jobs', () => {
  it.each([
    // BatchDedicatedResources: startingReplicaCount "If not set, Vertex AI decides starting number, not greater
    // than maxReplicaCount"; maxReplicaCount "The default value is 10."
    ['only startingReplicaCount', { startingReplicaCount: 2 }, 2],
    ['startingReplicaCount under the default maximum', { startingReplicaCount: 2, maxReplicaCount: 10 }, 2],
    ['only maxReplicaCount', { maxReplicaCount: 6 }, 6],
    ['neither: the default maximum', {}, 10],
  ])('%s', (_label, resources, replicas) => {
    expect(job(resources).replicaCount).toBe(replicas);
  });

  it('carries the replica-hours Google reports, or null', () => {
    expect(job({ startingReplicaCount: 4 }, { replicaHours: 3.5 }).replicaHours).toBe(3.5);
    expect(job({ startingReplicaCount: 4 }).replicaHours).toBeNull();
  });
});
