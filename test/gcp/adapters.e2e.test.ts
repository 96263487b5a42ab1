// The real Google clients against the simulator over HTTP: every list with pagination, operations, cancel,
// error mapping and the billing export query.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gcp, GcpError, type VertexJob } from '../../src/gcp/index.js';
import { NOW, scenario } from './scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from './simHarness.js';

const config = testConfig({
  projects: [{ id: 'ml-prod', regions: ['us-central1', 'europe-west4'] }],
  billingExport: {
    table: 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9',
    labelKeys: ['team', 'env', 'expected-hours'],
  },
  retry: { attempts: 3, baseDelayMs: 1, timeoutMs: 5000 },
});

let harness: SimHarness;
let gcp: Gcp;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  // Two items per page, so every list call has to follow nextPageToken.
  gcp = gcpFor(harness.url, config, { pageSize: 2 });
});

afterAll(async () => {
  await gcp.close();
  await harness.close();
});

beforeEach(async () => {
  await harness.reset();
});

const byName = (jobs: VertexJob[], displayName: string) => {
  const job = jobs.find((j) => j.displayName === displayName);
  if (!job) throw new Error(`no job ${displayName}`);
  return job;
};

describe('VertexApi lists', () => {
  it('lists every job kind across pages and maps machine, replicas, provisioning and timeout', async () => {
    const jobs = await gcp.vertex.listJobs('ml-prod', 'us-central1');
    expect(jobs.map((j) => j.kind).sort()).toEqual(
      ['batch_prediction', 'custom', 'custom', 'custom', 'hptuning', 'pipeline', 'training_pipeline'].sort(),
    );
    const a100 = byName(jobs, 'train-a100');
    expect(a100).toMatchObject({
      project: 'ml-prod',
      region: 'us-central1',
      state: 'RUNNING',
      labels: { team: 'recsys' },
      machine: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 },
      replicaCount: 1,
      provisioning: 'on-demand',
      timeoutSeconds: 24 * 3600,
      startTime: '2026-11-26T02:00:00.000Z',
      endTime: null,
    });
    expect(byName(jobs, 'spot-sweep')).toMatchObject({
      provisioning: 'spot',
      replicaCount: 3,
      timeoutSeconds: null,
    });
    expect(byName(jobs, 'done')).toMatchObject({ state: 'SUCCEEDED', endTime: '2026-11-24T22:00:00.000Z' });
    expect(byName(jobs, 'tune')).toMatchObject({ kind: 'hptuning', replicaCount: 3 });
    // Running for an hour on 4 starting replicas at half use: 2 replica-hours so far, as Google reports them.
    expect(byName(jobs, 'scoring')).toMatchObject({
      kind: 'batch_prediction',
      replicaCount: 4,
      replicaHours: 2,
    });
    expect(byName(jobs, 'tabular')).toMatchObject({
      kind: 'training_pipeline',
      machine: { machineType: 'n1-standard-8' },
    });
    expect(byName(jobs, 'features')).toMatchObject({ kind: 'pipeline', workerPools: [] });

    const requests = await harness.requests();
    const customPages = requests.filter((r) => r.path.endsWith('/customJobs'));
    expect(customPages.length).toBe(2);
    expect(customPages[1]?.query).toContain('pageToken=');
  });

  it('lists endpoints with their deployed models across pages', async () => {
    const endpoints = await gcp.vertex.listEndpoints('ml-prod', 'us-central1');
    expect(endpoints.map((e) => e.displayName).sort()).toEqual(['empty', 'ranker']);
    const ranker = endpoints.find((e) => e.displayName === 'ranker');
    expect(ranker?.deployedModels).toHaveLength(2);
    expect(ranker?.deployedModels[0]).toMatchObject({
      deployedModelId: '1001',
      dedicated: true,
      machine: { machineType: 'n1-standard-4', acceleratorType: null, acceleratorCount: 0 },
      minReplicas: 2,
      maxReplicas: 4,
      provisioning: 'on-demand',
    });
    const eu = await gcp.vertex.listEndpoints('ml-prod', 'europe-west4');
    expect(eu[0]?.deployedModels[0]).toMatchObject({
      dedicated: false,
      machine: { machineType: null },
      minReplicas: 1,
    });
  });

  it('gets one endpoint or job, and answers null for one that does not exist', async () => {
    const name = 'projects/ml-prod/locations/us-central1/endpoints/100';
    expect((await gcp.vertex.getEndpoint(name))?.displayName).toBe('ranker');
    expect(await gcp.vertex.getEndpoint('projects/ml-prod/locations/us-central1/endpoints/999')).toBeNull();
    const job = await gcp.vertex.getJob('projects/ml-prod/locations/us-central1/hyperparameterTuningJobs/21');
    expect(job).toMatchObject({ kind: 'hptuning', displayName: 'tune' });
    expect(await gcp.vertex.getJob('projects/ml-prod/locations/us-central1/customJobs/404')).toBeNull();
  });
});

describe('VertexApi changes', () => {
  it('cancels a running job, then reports it finished; unknown jobs are not-found', async () => {
    const name = 'projects/ml-prod/locations/us-central1/customJobs/11';
    expect(await gcp.vertex.cancelJob(name)).toBe('requested');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await gcp.vertex.getJob(name))?.state).toBe('CANCELLED');
    expect(await gcp.vertex.cancelJob(name, 'custom')).toBe('already-finished');
    expect(await gcp.vertex.cancelJob('projects/ml-prod/locations/us-central1/trainingPipelines/999')).toBe(
      'not-found',
    );
    const cancel = (await harness.requests()).find((r) => r.path.endsWith('/customJobs/11:cancel'));
    expect(cancel).toMatchObject({ method: 'POST', status: 200 });
  });

  it('undeploys a model and waits for the operation; a second undeploy finds nothing', async () => {
    const endpoint = 'projects/ml-prod/locations/us-central1/endpoints/100';
    const outcome = await gcp.vertex.undeployModel(endpoint, '1002', 10_000, { '1001': 100 });
    expect(outcome).toMatchObject({ status: 'succeeded', done: true, error: null });
    expect(outcome.operationName).toMatch(/operations\//);
    const after = await gcp.vertex.getEndpoint(endpoint);
    expect(after?.deployedModels.map((m) => m.deployedModelId)).toEqual(['1001']);
    expect(await gcp.vertex.undeployModel(endpoint, '1002', 10_000)).toMatchObject({
      status: 'not-found',
      done: true,
    });
    const paths = (await harness.requests()).map((r) => r.path);
    expect(paths.some((p) => p.endsWith(':undeployModel'))).toBe(true);
  });

  it('sets the minimum replicas through mutateDeployedModel, raising the maximum when needed', async () => {
    const endpoint = 'projects/ml-prod/locations/us-central1/endpoints/100';
    expect(await gcp.vertex.setMinReplicas(endpoint, '1001', 1, 10_000)).toMatchObject({
      status: 'succeeded',
    });
    let model = (await gcp.vertex.getEndpoint(endpoint))?.deployedModels.find(
      (m) => m.deployedModelId === '1001',
    );
    expect(model).toMatchObject({ minReplicas: 1, maxReplicas: 4 });
    expect(await gcp.vertex.setMinReplicas(endpoint, '1001', 6, 10_000)).toMatchObject({
      status: 'succeeded',
    });
    model = (await gcp.vertex.getEndpoint(endpoint))?.deployedModels.find(
      (m) => m.deployedModelId === '1001',
    );
    expect(model).toMatchObject({ minReplicas: 6, maxReplicas: 6 });
    expect(await gcp.vertex.setMinReplicas(endpoint, '9', 1, 10_000)).toMatchObject({ status: 'not-found' });
    await expect(
      gcp.vertex.setMinReplicas('projects/ml-prod/locations/europe-west4/endpoints/200', '2001', 1, 10_000),
    ).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('reports an operation that outlives the caller’s patience as a timeout', async () => {
    await harness.setFaults({ rules: [{ path: '/operations/', latencyMs: 400 }] });
    const outcome = await gcp.vertex.undeployModel(
      'projects/ml-prod/locations/us-central1/endpoints/100',
      '1001',
      150,
      { '1002': 100 },
    );
    expect(outcome).toMatchObject({ status: 'timeout', done: false, error: null });
    // The late poll answer must not surface as an unhandled error once the caller has moved on.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
});

describe('errors', () => {
  const parent = 'projects/ml-prod/locations/us-central1';

  it('maps a 403 naming a permission to kind permission with that permission', async () => {
    const error = await gcp.vertex.listJobs('not-my-project', 'us-central1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GcpError);
    expect(error).toMatchObject({
      kind: 'permission',
      httpStatus: 403,
      grpcStatus: 'PERMISSION_DENIED',
      retryable: false,
    });
    expect((error as GcpError).permission).toMatch(/^aiplatform\.[a-zA-Z]+\.list$/);
    expect((error as GcpError).message).toContain('missing permission aiplatform.');
  });

  it('maps 404 to not-found with the method and resource', async () => {
    await harness.setFaults({ rules: [{ path: 'customJobs$', code: 404, message: 'gone' }] });
    const error = (await gcp.vertex.listJobs('ml-prod', 'us-central1').catch((e: unknown) => e)) as GcpError;
    expect(error).toMatchObject({
      kind: 'not-found',
      httpStatus: 404,
      method: 'JobService.ListCustomJobs',
      resource: parent,
    });
  });

  it('retries 429 (quota) and 503 (unavailable) and succeeds when they pass', async () => {
    await harness.setFaults({
      rules: [
        { path: 'endpoints$', code: 429, count: 1 },
        { path: 'endpoints$', code: 503, count: 1 },
      ],
    });
    const endpoints = await gcp.vertex.listEndpoints('ml-prod', 'us-central1');
    expect(endpoints.length).toBe(2);
    const statuses = (await harness.requests())
      .filter((r) => r.path.endsWith('/endpoints'))
      .map((r) => r.status);
    expect(statuses.slice(0, 3)).toEqual([429, 503, 200]);
  });

  it('gives up after the configured attempts with a retryable error', async () => {
    await harness.setFaults({ rules: [{ path: 'endpoints$', code: 503 }] });
    const error = (await gcp.vertex
      .listEndpoints('ml-prod', 'us-central1')
      .catch((e: unknown) => e)) as GcpError;
    expect(error).toMatchObject({ kind: 'retryable', httpStatus: 503, retryable: true });
    const attempts = (await harness.requests()).filter((r) => r.path.endsWith('/endpoints')).length;
    expect(attempts).toBe(3);
  });

  it('classifies 429 as quota', async () => {
    await harness.setFaults({ rules: [{ path: 'timeSeries', code: 429 }] });
    const error = (await gcp.monitoring
      .hourlyTraffic({
        project: 'ml-prod',
        metric: 'replicas',
        from: new Date(NOW.getTime() - 3_600_000),
        to: NOW,
      })
      .catch((e: unknown) => e)) as GcpError;
    expect(error).toMatchObject({ kind: 'quota', httpStatus: 429, retryable: true });
  });
});

describe('CatalogApi', () => {
  it('finds the service by display name and lists its SKUs with prices, across pages', async () => {
    const skus = await gcp.catalog.listSkus('Vertex AI');
    expect(skus).toHaveLength(7);
    const core = skus.find((s) => s.skuId === 'AA00-0000-0001');
    expect(core).toMatchObject({
      description: 'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
      serviceRegions: ['us-central1', 'europe-west4'],
      price: { unitPrice: 0.031611, currency: 'USD', usageUnit: 'h' },
    });
    await expect(gcp.catalog.listSkus('No Such Service')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('MonitoringApi', () => {
  it('answers hourly points per endpoint and deployed model, for all regions, in one query per metric', async () => {
    const to = NOW;
    const from = new Date(to.getTime() - 24 * 3_600_000);
    const counts = await gcp.monitoring.hourlyTraffic({
      project: 'ml-prod',
      metric: 'prediction_count',
      from,
      to,
    });
    const ranker = counts.points.filter((p) => p.endpointId === '100' && p.deployedModelId === '1001');
    expect(ranker).toHaveLength(24);
    expect(ranker.every((p) => p.value === 1000 && p.location === 'us-central1')).toBe(true);
    expect(new Set(counts.points.map((p) => p.endpointId))).toEqual(new Set(['100', '200']));
    const idle = counts.points.filter(
      (p) => p.deployedModelId === '1002' && p.hour >= '2026-11-26T02:00:00.000Z',
    );
    expect(idle.every((p) => p.value === 0)).toBe(true);
    const replicas = await gcp.monitoring.hourlyTraffic({ project: 'ml-prod', metric: 'replicas', from, to });
    expect(replicas.points.find((p) => p.deployedModelId === '1001')?.value).toBe(2);
    const monitoringCalls = (await harness.requests()).filter((r) => r.path.includes('/timeSeries'));
    expect(monitoringCalls.every((r) => r.path === '/v3/projects/ml-prod/timeSeries')).toBe(true);
  });
  it('answers the replicas’ resource use per deployed model and hour: duty cycle and CPU as fractions, memory in bytes', async () => {
    const to = NOW;
    const from = new Date(to.getTime() - 24 * 3_600_000);
    const read = (metric: 'accelerator_duty_cycle' | 'accelerator_memory_bytes' | 'cpu_utilization') =>
      gcp.monitoring.hourlyUtilization({ project: 'ml-prod', metric, from, to });
    // ranker-v2-t4 (one T4) was deployed 30 hours ago and has served nothing for the last 10: its accelerator
    // ran at the simulator's default level (0.5) while it served its usual traffic, and idled since.
    const duty = await read('accelerator_duty_cycle');
    expect(new Set(duty.points.map((p) => p.deployedModelId))).toEqual(new Set(['1002']));
    const byHour = duty.points.map((p) => [p.hour, p.value]).sort();
    expect(byHour).toHaveLength(24);
    expect(
      byHour.filter(([hour]) => (hour as string) >= '2026-11-26T02:00:00.000Z').every(([, v]) => v === 0),
    ).toBe(true);
    expect(
      byHour.filter(([hour]) => (hour as string) < '2026-11-26T02:00:00.000Z').every(([, v]) => v === 0.5),
    ).toBe(true);
    const memory = await read('accelerator_memory_bytes');
    expect(memory.points.every((p) => p.value === 4 * 1024 ** 3)).toBe(true);
    // CPU is reported for every dedicated deployment, accelerators or not (the mean over ranker-v1's two replicas).
    const cpu = await read('cpu_utilization');
    expect(cpu.points.find((p) => p.deployedModelId === '1001')?.value).toBe(0.3);
    expect(cpu.metric).toBe('cpu_utilization');
    expect(cpu.from).toBe(from.toISOString());
  });
});

describe('BillingExportApi', () => {
  it('aggregates per day, project, SKU and label in BigQuery, with credits and bytes scanned', async () => {
    const billing = gcp.billing;
    if (!billing) throw new Error('billing export not configured');
    const window = { timezone: 'UTC', exportedAfter: '1970-01-01T00:00:00.000000Z', sinceDay: '2026-11-01' };
    const result = await billing.dailyCosts({ ...window, startDay: '2026-11-20', endDay: '2026-11-26' });
    // Now is Nov 26 12:00: the newest append (08:00) holds Nov 25 18:00–24:00.
    expect(result.exportedThrough).toBe('2026-11-26T08:00:00.000000Z');
    expect(result.bytesProcessed).toBeGreaterThan(0);
    expect(new Set(result.rows.map((r) => r.day))).toEqual(
      new Set(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']),
    );
    expect(result.rows.every((r) => r.service === 'Vertex AI')).toBe(true);
    const lab = result.rows.filter(
      (r) => r.project === 'ml-lab' && r.skuId === 'AA00-0000-0001' && r.labels.team === 'lab',
    );
    expect(lab).toHaveLength(6);
    expect(lab[0]?.labels).toEqual({ team: 'lab', 'expected-hours': '3' });
    expect(lab.every((r) => r.cost > 0 && r.credits < 0 && r.credits >= -r.cost)).toBe(true);

    const firstHalf = await billing.dailyCosts({ ...window, startDay: '2026-11-20', endDay: '2026-11-23' });
    const secondHalf = await billing.dailyCosts({ ...window, startDay: '2026-11-23', endDay: '2026-11-26' });
    // Nothing appended after the newest export: no rows, and the export still says how far it is.
    const nothingNew = await billing.dailyCosts({
      ...window,
      exportedAfter: '2026-11-26T08:00:00.000000Z',
      startDay: '2026-11-20',
      endDay: '2026-11-27',
    });
    expect(nothingNew).toMatchObject({ rows: [], exportedThrough: null });
    const total = (rows: { cost: number }[]) => rows.reduce((sum, r) => sum + r.cost, 0);
    expect(total(firstHalf.rows) + total(secondHalf.rows)).toBeCloseTo(total(result.rows), 6);
    const bigQueryCalls = (await harness.requests()).filter((r) => r.path.startsWith('/bigquery/'));
    expect(
      bigQueryCalls.some((r) => r.method === 'POST' && r.path === '/bigquery/v2/projects/billing-admin/jobs'),
    ).toBe(true);
  });
});
