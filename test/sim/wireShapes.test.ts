// Checks every field the simulator writes against Google's own proto definitions (shipped with the client
// libraries), so a misspelt field cannot hide behind the clients' habit of ignoring unknown JSON keys.

import { createRequire } from 'node:module';
import { protobuf } from 'google-gax';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim/server.js';
import { NOW, startTestSimulator, VERTEX_SERVICE_ID } from './fixtures.js';

const require = createRequire(import.meta.url);
const roots = {
  vertex: protobuf.Root.fromJSON(require('@google-cloud/aiplatform/build/protos/protos.json')),
  billing: protobuf.Root.fromJSON(require('@google-cloud/billing/build/protos/protos.json')),
  monitoring: protobuf.Root.fromJSON(require('@google-cloud/monitoring/build/protos/protos.json')),
};

/** Types written in proto3 JSON as strings, numbers or free-form values rather than objects of fields. */
const OPAQUE = new Set([
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
  'google.protobuf.FieldMask',
  'google.protobuf.Value',
  'google.protobuf.Struct',
  'google.protobuf.ListValue',
]);

function unknownFields(
  root: protobuf.Root,
  type: protobuf.Type,
  json: unknown,
  path: string,
  problems: string[],
): void {
  if (json === null || typeof json !== 'object' || OPAQUE.has(type.fullName.slice(1))) return;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === '@type') continue;
    const field = type.fields[key];
    if (!field) {
      problems.push(`${path}.${key} is not a field of ${type.fullName}`);
      continue;
    }
    const resolved = field.resolve().resolvedType;
    const items = field.map
      ? Object.values(value as object)
      : field.repeated
        ? (value as unknown[])
        : [value];
    for (const [index, item] of items.entries()) {
      const itemPath = field.repeated || field.map ? `${path}.${key}[${index}]` : `${path}.${key}`;
      if (resolved instanceof protobuf.Enum && !(typeof item === 'string' && item in resolved.values)) {
        problems.push(`${itemPath} = ${JSON.stringify(item)} is not a name of ${resolved.fullName}`);
      }
      if (!(resolved instanceof protobuf.Type)) continue;
      if (resolved.fullName === '.google.protobuf.Any') {
        const typeUrl = String((item as Record<string, unknown>)['@type'] ?? '');
        unknownFields(root, root.lookupType(typeUrl.split('/').pop() ?? ''), item, itemPath, problems);
      } else {
        unknownFields(root, resolved, item, itemPath, problems);
      }
    }
  }
}

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator();
});

afterAll(async () => {
  await sim.close();
});

async function check(root: protobuf.Root, typeName: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  const json = (await response.json()) as Record<string, unknown>;
  const problems: string[] = [];
  unknownFields(root, root.lookupType(typeName), json, typeName, problems);
  expect(problems).toEqual([]);
  return json;
}

describe('wire shapes match the protos', () => {
  const parent = '/v1/projects/ml-prod/locations/us-central1';
  it.each([
    ['customJobs', 'ListCustomJobsResponse'],
    ['hyperparameterTuningJobs', 'ListHyperparameterTuningJobsResponse'],
    ['batchPredictionJobs', 'ListBatchPredictionJobsResponse'],
    ['trainingPipelines', 'ListTrainingPipelinesResponse'],
    ['pipelineJobs', 'ListPipelineJobsResponse'],
    ['endpoints', 'ListEndpointsResponse'],
  ])('%s', async (collection, responseType) => {
    await check(roots.vertex, `google.cloud.aiplatform.v1.${responseType}`, 'GET', `${parent}/${collection}`);
  });

  it('operations, while running and when done', async () => {
    const endpoint = '/v1/projects/ml-prod/locations/europe-west4/endpoints/200';
    const operation = await check(
      roots.vertex,
      'google.longrunning.Operation',
      'POST',
      `${endpoint}:mutateDeployedModel`,
      {
        deployedModel: { id: '2001', dedicatedResources: { minReplicaCount: 2, maxReplicaCount: 2 } },
        updateMask: 'dedicatedResources.minReplicaCount,dedicatedResources.maxReplicaCount',
      },
    );
    const done = await check(roots.vertex, 'google.longrunning.Operation', 'GET', `/ui/${operation.name}`);
    expect(done.done).toBe(true);
    const undeploy = await check(
      roots.vertex,
      'google.longrunning.Operation',
      'POST',
      `${endpoint}:undeployModel`,
      { deployedModelId: '2002', trafficSplit: { '2001': 100 } },
    );
    await check(roots.vertex, 'google.longrunning.Operation', 'GET', `/v1/${undeploy.name}`);
  });

  it('catalog services and SKUs', async () => {
    await check(roots.billing, 'google.cloud.billing.v1.ListServicesResponse', 'GET', '/v1/services');
    await check(
      roots.billing,
      'google.cloud.billing.v1.ListSkusResponse',
      'GET',
      `/v1/services/${VERTEX_SERVICE_ID}/skus`,
    );
  });

  it('monitoring time series, raw and aligned', async () => {
    const end = NOW.toISOString();
    const start = new Date(NOW.getTime() - 6 * 3_600_000).toISOString();
    const filter = encodeURIComponent('metric.type="aiplatform.googleapis.com/prediction/online/replicas"');
    const base = `/v3/projects/ml-prod/timeSeries?filter=${filter}&interval.startTime=${start}&interval.endTime=${end}`;
    const type = 'google.monitoring.v3.ListTimeSeriesResponse';
    await check(roots.monitoring, type, 'GET', base);
    await check(
      roots.monitoring,
      type,
      'GET',
      `${base}&aggregation.alignmentPeriod=3600s&aggregation.perSeriesAligner=12`,
    );
  });
});
