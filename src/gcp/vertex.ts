// The v1 surface only: the package root also loads v1beta1 and its helpers, about 45 MB more resident memory.
import * as v1 from '@google-cloud/aiplatform/build/src/v1/index.js';
import type { VertexApi } from './api.js';
import type { Caller } from './call.js';
import { type GaxClientOptions, type GcpTarget, vertexClientOptions } from './clientOptions.js';
import { GcpError } from './errors.js';
import { type JobListCriteria, jobListFilter, PIPELINE_JOB_READ_MASK } from './jobFilter.js';
import { type LroHandle, operationOptions, runOperation } from './operation.js';
import { jobKindOfName, locationParent, parseResourceName } from './resourceNames.js';
import type { TrafficSplit } from './trafficSplit.js';
import type { CancelOutcome, JobKind, OperationOutcome, VertexEndpoint, VertexJob } from './types.js';
import {
  batchPredictionJobFrom,
  customJobFrom,
  endpointFrom,
  pipelineJobFrom,
  trainingPipelineFrom,
  tuningJobFrom,
} from './vertexMapping.js';

interface RegionClients {
  jobs: v1.JobServiceClient;
  pipelines: v1.PipelineServiceClient;
  endpoints: v1.EndpointServiceClient;
}

/**
 * Vertex AI through the official clients. Clients are created on first use per region (each region has its own
 * host in production) and reused for the life of the adapter.
 */
export class VertexAdapter implements VertexApi {
  private readonly clients = new Map<string, RegionClients>();

  constructor(
    private readonly target: GcpTarget,
    private readonly caller: Caller,
  ) {}

  private regionClients(region: string): RegionClients {
    // Against one endpoint every region shares a host, so one set of clients serves them all.
    const key = this.target.kind === 'endpoint' ? this.target.url : region;
    let clients = this.clients.get(key);
    if (!clients) {
      const options: GaxClientOptions = vertexClientOptions(this.target, region);
      clients = {
        jobs: new v1.JobServiceClient(options),
        pipelines: new v1.PipelineServiceClient(options),
        endpoints: new v1.EndpointServiceClient(options),
      };
      this.clients.set(key, clients);
    }
    return clients;
  }

  async listJobs(project: string, region: string, criteria?: JobListCriteria): Promise<VertexJob[]> {
    const { jobs, pipelines } = this.regionClients(region);
    const parent = locationParent(project, region);
    const scope = { project, region };
    const opts = this.caller.requestOptions;
    const request = (kind: JobKind, pageToken: string | undefined) => {
      const filter = jobListFilter(kind, criteria);
      return { parent, pageToken, pageSize: this.caller.pageSize, ...(filter ? { filter } : {}) };
    };
    const lists = await Promise.all([
      this.caller
        .listAll('JobService.ListCustomJobs', parent, (pageToken) =>
          jobs.listCustomJobs(request('custom', pageToken), opts),
        )
        .then((items) => items.map((job) => customJobFrom(job, scope))),
      this.caller
        .listAll('JobService.ListHyperparameterTuningJobs', parent, (pageToken) =>
          jobs.listHyperparameterTuningJobs(request('hptuning', pageToken), opts),
        )
        .then((items) => items.map((job) => tuningJobFrom(job, scope))),
      this.caller
        .listAll('JobService.ListBatchPredictionJobs', parent, (pageToken) =>
          jobs.listBatchPredictionJobs(request('batch_prediction', pageToken), opts),
        )
        .then((items) => items.map((job) => batchPredictionJobFrom(job, scope))),
      this.caller
        .listAll('PipelineService.ListTrainingPipelines', parent, (pageToken) =>
          pipelines.listTrainingPipelines(request('training_pipeline', pageToken), opts),
        )
        .then((items) => items.map((pipeline) => trainingPipelineFrom(pipeline, scope))),
      this.caller
        .listAll('PipelineService.ListPipelineJobs', parent, (pageToken) =>
          pipelines.listPipelineJobs(
            { ...request('pipeline', pageToken), readMask: { paths: [...PIPELINE_JOB_READ_MASK] } },
            opts,
          ),
        )
        .then((items) => items.map((job) => pipelineJobFrom(job, scope))),
    ]);
    return lists.flat();
  }

  async listEndpoints(project: string, region: string): Promise<VertexEndpoint[]> {
    const { endpoints } = this.regionClients(region);
    const parent = locationParent(project, region);
    const items = await this.caller.listAll('EndpointService.ListEndpoints', parent, (pageToken) =>
      endpoints.listEndpoints(
        { parent, pageToken, pageSize: this.caller.pageSize },
        this.caller.requestOptions,
      ),
    );
    return items.map((endpoint) => endpointFrom(endpoint, { project, region }));
  }

  async getEndpoint(name: string, project?: string): Promise<VertexEndpoint | null> {
    const parsed = requireName(name, 'EndpointService.GetEndpoint');
    const { endpoints } = this.regionClients(parsed.region);
    return nullIfNotFound(async () => {
      const [endpoint] = await this.caller.read('EndpointService.GetEndpoint', name, () =>
        endpoints.getEndpoint({ name }, this.caller.requestOptions),
      );
      return endpointFrom(endpoint, { project: project ?? parsed.project, region: parsed.region });
    });
  }

  async getJob(name: string, project?: string): Promise<VertexJob | null> {
    const kind = requireJobKind(name, 'getJob');
    const parsed = requireName(name, 'getJob');
    const scope = { project: project ?? parsed.project, region: parsed.region };
    const { jobs, pipelines } = this.regionClients(parsed.region);
    const opts = this.caller.requestOptions;
    return nullIfNotFound(async () => {
      switch (kind) {
        case 'custom': {
          const [job] = await this.caller.read('JobService.GetCustomJob', name, () =>
            jobs.getCustomJob({ name }, opts),
          );
          return customJobFrom(job, scope);
        }
        case 'hptuning': {
          const [job] = await this.caller.read('JobService.GetHyperparameterTuningJob', name, () =>
            jobs.getHyperparameterTuningJob({ name }, opts),
          );
          return tuningJobFrom(job, scope);
        }
        case 'batch_prediction': {
          const [job] = await this.caller.read('JobService.GetBatchPredictionJob', name, () =>
            jobs.getBatchPredictionJob({ name }, opts),
          );
          return batchPredictionJobFrom(job, scope);
        }
        case 'training_pipeline': {
          const [pipeline] = await this.caller.read('PipelineService.GetTrainingPipeline', name, () =>
            pipelines.getTrainingPipeline({ name }, opts),
          );
          return trainingPipelineFrom(pipeline, scope);
        }
        case 'pipeline': {
          const [job] = await this.caller.read('PipelineService.GetPipelineJob', name, () =>
            pipelines.getPipelineJob({ name }, opts),
          );
          return pipelineJobFrom(job, scope);
        }
      }
    });
  }

  async cancelJob(name: string, kind?: JobKind): Promise<CancelOutcome> {
    const jobKind = kind ?? requireJobKind(name, 'cancelJob');
    const parsed = requireName(name, 'cancelJob');
    const { jobs, pipelines } = this.regionClients(parsed.region);
    const opts = this.caller.requestOptions;
    const cancels: Record<JobKind, [string, () => Promise<unknown>]> = {
      custom: ['JobService.CancelCustomJob', () => jobs.cancelCustomJob({ name }, opts)],
      hptuning: [
        'JobService.CancelHyperparameterTuningJob',
        () => jobs.cancelHyperparameterTuningJob({ name }, opts),
      ],
      batch_prediction: [
        'JobService.CancelBatchPredictionJob',
        () => jobs.cancelBatchPredictionJob({ name }, opts),
      ],
      training_pipeline: [
        'PipelineService.CancelTrainingPipeline',
        () => pipelines.cancelTrainingPipeline({ name }, opts),
      ],
      pipeline: ['PipelineService.CancelPipelineJob', () => pipelines.cancelPipelineJob({ name }, opts)],
    };
    const [method, cancel] = cancels[jobKind];
    try {
      await this.caller.read(method, name, cancel);
      return 'requested';
    } catch (err) {
      if (err instanceof GcpError && err.kind === 'not-found') return 'not-found';
      if (err instanceof GcpError && err.grpcStatus === 'FAILED_PRECONDITION') return 'already-finished';
      throw err;
    }
  }

  async undeployModel(
    endpoint: string,
    deployedModelId: string,
    timeoutMs: number,
    trafficSplit?: TrafficSplit,
  ): Promise<OperationOutcome> {
    const method = 'EndpointService.UndeployModel';
    const { endpoints } = this.regionClients(requireName(endpoint, method).region);
    // An empty map is the same as none on the wire (proto3): it is what undeploying the last model sends.
    const split = trafficSplit && Object.keys(trafficSplit).length > 0 ? { trafficSplit } : {};
    return runOperation(
      this.caller,
      method,
      `${endpoint} deployedModel ${deployedModelId}`,
      timeoutMs,
      async () => {
        const [operation] = await endpoints.undeployModel(
          { endpoint, deployedModelId, ...split },
          operationOptions(this.caller, timeoutMs),
        );
        return operation as unknown as LroHandle;
      },
    );
  }

  async setMinReplicas(
    endpoint: string,
    deployedModelId: string,
    minReplicas: number,
    timeoutMs: number,
  ): Promise<OperationOutcome> {
    const method = 'EndpointService.MutateDeployedModel';
    const resource = `${endpoint} deployedModel ${deployedModelId}`;
    const current = await this.getEndpoint(endpoint);
    const model = current?.deployedModels.find((m) => m.deployedModelId === deployedModelId);
    if (!current || !model) return { done: true, error: null, status: 'not-found', operationName: null };
    if (!model.dedicated) {
      throw new GcpError({
        kind: 'invalid',
        method,
        resource,
        httpStatus: null,
        grpcCode: null,
        permission: null,
        detail: 'the model runs on automatic or shared resources, which have no replica settings to change',
      });
    }
    const maxReplicas = Math.max(model.maxReplicas, minReplicas);
    const paths = ['dedicated_resources.min_replica_count'];
    if (maxReplicas !== model.maxReplicas) paths.push('dedicated_resources.max_replica_count');
    const { endpoints } = this.regionClients(requireName(endpoint, method).region);
    return runOperation(this.caller, method, resource, timeoutMs, async () => {
      const [operation] = await endpoints.mutateDeployedModel(
        {
          endpoint,
          deployedModel: {
            id: deployedModelId,
            dedicatedResources: { minReplicaCount: minReplicas, maxReplicaCount: maxReplicas },
          },
          updateMask: { paths },
        },
        operationOptions(this.caller, timeoutMs),
      );
      return operation as unknown as LroHandle;
    });
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()].flatMap((c) => [c.jobs, c.pipelines, c.endpoints]);
    this.clients.clear();
    await Promise.all(all.map((client) => client.close().catch(() => undefined)));
  }
}

function requireName(name: string, method: string) {
  const parsed = parseResourceName(name);
  if (!parsed) throw invalidName(name, method, 'projects/{project}/locations/{region}/{collection}/{id}');
  return parsed;
}

function requireJobKind(name: string, method: string): JobKind {
  const kind = jobKindOfName(name);
  if (!kind)
    throw invalidName(name, method, 'the name of a custom, tuning, batch prediction or pipeline job');
  return kind;
}

function invalidName(name: string, method: string, expected: string): GcpError {
  return new GcpError({
    kind: 'invalid',
    method,
    resource: name,
    httpStatus: null,
    grpcCode: null,
    permission: null,
    detail: `not a resource name: expected ${expected}`,
  });
}

async function nullIfNotFound<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof GcpError && err.kind === 'not-found') return null;
    throw err;
  }
}
