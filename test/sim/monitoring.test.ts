import { MetricServiceClient } from '@google-cloud/monitoring';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim/server.js';
import { gaxOptions, googleErrorOf, NOW, startTestSimulator } from './fixtures.js';

const HOUR = 3_600_000;
const PREDICTIONS = 'metric.type="aiplatform.googleapis.com/prediction/online/prediction_count"';
const REPLICAS = 'metric.type="aiplatform.googleapis.com/prediction/online/replicas"';
const ENDPOINT_RESOURCE = 'resource.type="aiplatform.googleapis.com/Endpoint"';

let sim: RunningSimulator;
let monitoring: MetricServiceClient;

beforeAll(async () => {
  sim = await startTestSimulator();
  monitoring = new MetricServiceClient(gaxOptions(sim));
});

afterAll(async () => {
  await monitoring.close();
  await sim.close();
});

beforeEach(async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

const seconds = (ms: number) => ({ seconds: Math.floor(ms / 1000) });

function hourlyRequest(filter: string, hours: number) {
  return {
    name: 'projects/ml-prod',
    filter: `${filter} AND ${ENDPOINT_RESOURCE}`,
    interval: { startTime: seconds(NOW.getTime() - hours * HOUR), endTime: seconds(NOW.getTime()) },
    aggregation: {
      alignmentPeriod: { seconds: 3600 },
      perSeriesAligner: 'ALIGN_SUM' as const,
      crossSeriesReducer: 'REDUCE_SUM' as const,
      groupByFields: [
        'resource.label.endpoint_id',
        'metric.label.deployed_model_id',
        'resource.label.location',
      ],
    },
  };
}

describe('Cloud Monitoring timeSeries', () => {
  it('returns one grouped series per deployed model across regions, newest point first', async () => {
    const [series] = await monitoring.listTimeSeries(hourlyRequest(PREDICTIONS, 24));
    const keys = series.map(
      (one) =>
        `${one.resource?.labels?.location}/${one.resource?.labels?.endpoint_id}/${one.metric?.labels?.deployed_model_id}`,
    );
    expect(keys.sort()).toEqual(['europe-west4/200/2001', 'europe-west4/200/2002', 'us-central1/100/1001']);
    const ranker = series.find((one) => one.metric?.labels?.deployed_model_id === '1001');
    expect(ranker?.resource?.labels).toEqual({ endpoint_id: '100', location: 'us-central1' });
    expect(ranker?.metricKind).toBe('DELTA');
    expect(ranker?.valueType).toBe('INT64');
    const points = ranker?.points ?? [];
    expect(points).toHaveLength(24);
    expect(points.every((point) => point.value?.int64Value === '1200')).toBe(true);
    const ends = points.map((point) => Number(point.interval?.endTime?.seconds));
    expect(ends[0]).toBe(NOW.getTime() / 1000);
    expect(ends[1]).toBe(NOW.getTime() / 1000 - 3600);
    expect(Number(points[0]?.interval?.startTime?.seconds)).toBe(NOW.getTime() / 1000 - 3600);
  });

  it('reports idle hours as zero points and omits hours before deployment', async () => {
    const [series] = await monitoring.listTimeSeries(hourlyRequest(PREDICTIONS, 72));
    const idle = series.find((one) => one.metric?.labels?.deployed_model_id === '2001');
    const values = (idle?.points ?? []).map((point) => Number(point.value?.int64Value));
    expect(values).toHaveLength(48);
    expect(values.slice(0, 24).every((value) => value === 0)).toBe(true);
    expect(values.slice(24).every((value) => value === 500)).toBe(true);
    const bursty = series.find((one) => one.metric?.labels?.deployed_model_id === '2002');
    expect(bursty?.points).toHaveLength(10);
    expect(bursty?.points?.filter((point) => point.value?.int64Value === '900')).toHaveLength(2);
  });

  it('stops points when a model is undeployed and follows traffic overrides', async () => {
    const endpoint = 'projects/ml-prod/locations/us-central1/endpoints/100';
    await post('/_sim/traffic', { endpoint, deployedModelId: '1001', predictionsPerHour: 7 });
    await post('/_sim/advance', { hours: 3 });
    const later = { ...hourlyRequest(PREDICTIONS, 6) };
    later.interval = {
      startTime: seconds(NOW.getTime() - 3 * HOUR),
      endTime: seconds(NOW.getTime() + 3 * HOUR),
    };
    const [series] = await monitoring.listTimeSeries(later);
    const ranker = series.find((one) => one.metric?.labels?.deployed_model_id === '1001');
    expect(ranker?.points?.map((point) => point.value?.int64Value)).toEqual([
      '7',
      '7',
      '7',
      '1200',
      '1200',
      '1200',
    ]);

    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    const response = await post(`/v1/projects/ml-prod/locations/europe-west4/endpoints/200:undeployModel`, {
      deployedModelId: '2001',
      trafficSplit: { '2002': 100 },
    });
    expect(response.status).toBe(200);
    await post('/_sim/advance', { hours: 5 });
    const afterUndeploy = { ...hourlyRequest(PREDICTIONS, 10) };
    afterUndeploy.interval = {
      startTime: seconds(NOW.getTime() - 2 * HOUR),
      endTime: seconds(NOW.getTime() + 5 * HOUR),
    };
    const [remaining] = await monitoring.listTimeSeries(afterUndeploy);
    const undeployed = remaining.find((one) => one.metric?.labels?.deployed_model_id === '2001');
    expect(undeployed?.points).toHaveLength(2);
  });

  it('reports replicas and averages them as doubles with ALIGN_MEAN', async () => {
    const request = hourlyRequest(REPLICAS, 6);
    request.aggregation = {
      ...request.aggregation,
      perSeriesAligner: 'ALIGN_MEAN' as never,
      crossSeriesReducer: 'REDUCE_MEAN' as never,
    };
    const [series] = await monitoring.listTimeSeries(request);
    const ranker = series.find((one) => one.metric?.labels?.deployed_model_id === '1001');
    expect(ranker?.valueType).toBe('DOUBLE');
    expect(ranker?.points?.every((point) => point.value?.doubleValue === 2)).toBe(true);
  });

  it('sums per endpoint when grouped by endpoint only, and pages series', async () => {
    const request = hourlyRequest(PREDICTIONS, 4);
    request.aggregation = { ...request.aggregation, groupByFields: ['resource.label.endpoint_id'] };
    const [series] = await monitoring.listTimeSeries(request);
    expect(series).toHaveLength(2);
    expect(series.every((one) => Object.keys(one.metric?.labels ?? {}).length === 0)).toBe(true);

    const [page, next] = await monitoring.listTimeSeries(
      { ...hourlyRequest(PREDICTIONS, 4), pageSize: 1 },
      { autoPaginate: false },
    );
    expect(page).toHaveLength(1);
    expect(next?.pageToken).toBeTruthy();
  });

  it('filters by endpoint and rejects filters without a metric type', async () => {
    const [series] = await monitoring.listTimeSeries(
      hourlyRequest(`${PREDICTIONS} AND resource.label.endpoint_id="100"`, 2),
    );
    expect(series.map((one) => one.resource?.labels?.endpoint_id)).toEqual(['100']);
    const error = await googleErrorOf(
      monitoring.listTimeSeries({ ...hourlyRequest(PREDICTIONS, 1), filter: ENDPOINT_RESOURCE }),
    );
    expect(error).toMatchObject({ httpStatus: 400, status: 'INVALID_ARGUMENT' });
  });
});

// Resource use of replicas: GAUGE metrics labelled deployed_model_id, replica_id and spot ("Google Cloud metrics",
// aiplatform: duty_cycle and cpu/utilization DOUBLE 10^2.%, the memory metrics INT64 By).
const DUTY_CYCLE = 'metric.type="aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle"';
const ACCELERATOR_MEMORY =
  'metric.type="aiplatform.googleapis.com/prediction/online/accelerator/memory/bytes_used"';
const CPU = 'metric.type="aiplatform.googleapis.com/prediction/online/cpu/utilization"';
const GIB = 1024 ** 3;

function rawRequest(filter: string, hours: number) {
  const { aggregation: _none, ...request } = hourlyRequest(filter, hours);
  return request;
}

describe('Cloud Monitoring resource use of replicas', () => {
  it('reports accelerator duty cycle per replica only for models with accelerators, following their traffic', async () => {
    const [series] = await monitoring.listTimeSeries(rawRequest(DUTY_CYCLE, 48));
    // fraud-gpu (n1-standard-8 with a T4) alone: ranker-v7 has no accelerator, fraud-auto no dedicated machines.
    expect(series).toHaveLength(1);
    const [gpu] = series;
    expect(gpu?.metric?.labels).toEqual({
      deployed_model_id: '2001',
      replica_id: 'replica-0',
      spot: 'false',
    });
    expect(gpu?.resource?.labels).toEqual({
      endpoint_id: '200',
      project_id: 'ml-prod',
      location: 'europe-west4',
    });
    expect(gpu?.metricKind).toBe('GAUGE');
    expect(gpu?.valueType).toBe('DOUBLE');
    // The scenario's default level (0.5) while it served its usual 500/h; idle for the last 24 hours: 0.
    const values = (gpu?.points ?? []).map((point) => point.value?.doubleValue);
    expect(values).toEqual([...Array(24).fill(0), ...Array(24).fill(0.5)]);
  });

  it('reports CPU utilization of every replica of a dedicated model', async () => {
    const [series] = await monitoring.listTimeSeries(
      rawRequest(`${CPU} AND resource.label.endpoint_id="100"`, 3),
    );
    expect(series.map((one) => one.metric?.labels?.replica_id).sort()).toEqual(['replica-0', 'replica-1']);
    expect(series.flatMap((one) => one.points ?? []).map((point) => point.value?.doubleValue)).toEqual(
      Array(6).fill(0.3),
    );
  });

  it('answers the aggregations burnrate asks for: mean of duty cycles, peak of memory, with the metric’s unit', async () => {
    const grouped = (
      filter: string,
      aligner: 'ALIGN_MEAN' | 'ALIGN_MAX',
      reducer: 'REDUCE_MEAN' | 'REDUCE_MAX',
    ) => {
      const request = hourlyRequest(filter, 6);
      request.aggregation = {
        ...request.aggregation,
        perSeriesAligner: aligner as never,
        crossSeriesReducer: reducer as never,
      };
      return monitoring.listTimeSeries(request, { autoPaginate: false });
    };
    const [cpu, , cpuAnswer] = await grouped(CPU, 'ALIGN_MEAN', 'REDUCE_MEAN');
    const ranker = cpu.find((one) => one.metric?.labels?.deployed_model_id === '1001');
    expect(ranker?.valueType).toBe('DOUBLE');
    expect(ranker?.points?.map((point) => point.value?.doubleValue)).toEqual(Array(6).fill(0.3));
    expect(cpuAnswer?.unit).toBe('10^2.%');

    const [memory, , memoryAnswer] = await grouped(ACCELERATOR_MEMORY, 'ALIGN_MAX', 'REDUCE_MAX');
    expect(memory).toHaveLength(1);
    expect(memory[0]?.valueType).toBe('INT64');
    expect(memory[0]?.points?.map((point) => point.value?.int64Value)).toEqual(
      Array(6).fill(String(4 * GIB)),
    );
    expect(memoryAnswer?.unit).toBe('By');
  });
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
}
