// The simulator's mutable world: projects, endpoints with their deployed models, jobs and operations, all with
// absolute times resolved from the scenario's relative ones. Route handlers read and change it; billing and
// monitoring derive their numbers from it, so an undeployed model or a cancelled job stops costing money.

import type { ProvisioningModel } from '../domain/provisioning.js';
import { SimClock } from './clock.js';
import { initialTrafficSplit } from './initialTrafficSplit.js';
import type { AcceleratorType } from './machines.js';
import { hashString, numericIdFor } from './random.js';
import type { JobKind, Scenario, ScenarioDeployedModel, ScenarioJob, TrafficPattern } from './scenario.js';
import type { ScenarioUtilization } from './scenarioUtilization.js';

/** Vertex AI's default scheduling.timeout for custom jobs: 7 days. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 7 * 24 * 3600;

export interface SimProject {
  id: string;
  number: string;
}

export interface MachineRequest {
  machineType: string;
  acceleratorType: AcceleratorType | undefined;
  acceleratorCount: number;
  /** Full name of the reservation the machines consume, if any. */
  reservation: string | undefined;
}

export interface ReplicaSetting {
  fromMs: number;
  min: number;
  max: number;
}

export interface SimDeployedModel {
  id: string;
  displayName: string;
  model: string;
  createMs: number;
  /** Set once undeployed: the model no longer appears on the endpoint, traffic and cost stop here. */
  undeployedMs: number | null;
  dedicated: boolean;
  /** The deployment resource pool's id when the model shares one (then `dedicated` is false). */
  sharedPool: string | null;
  machine: MachineRequest;
  provisioning: ProvisioningModel;
  /** Replica bounds over time, oldest first; mutateDeployedModel appends. */
  replicaSettings: ReplicaSetting[];
  traffic: TrafficPattern;
  noise: number;
  predictionsPerReplicaHour: number | undefined;
  /** From POST /_sim/traffic, oldest first: a constant rate from that moment on. */
  trafficOverrides: { fromMs: number; perHour: number }[];
  /** What each replica uses at the usual load (Monitoring's resource metrics). */
  utilization: ScenarioUtilization;
}

export interface SimEndpoint {
  id: string;
  project: string;
  region: string;
  displayName: string;
  labels: Record<string, string>;
  createMs: number;
  /** Every model ever deployed here, including undeployed ones (their history still shows in billing). */
  deployedModels: SimDeployedModel[];
  access: 'public' | 'dedicated' | 'private' | 'psc';
  /** Deployed model id → percent of requests, as Endpoint.traffic_split; undeployModel rewrites it. */
  trafficSplit: Record<string, number>;
}

export type FinalJobState = 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface SimJob {
  kind: JobKind;
  id: string;
  project: string;
  region: string;
  displayName: string;
  labels: Record<string, string>;
  machine: MachineRequest;
  replicaCount: number;
  parallelTrials: number;
  /** Batch prediction: maxReplicaCount when the scenario sets one, and the share of replicas × hours it uses. */
  maxReplicaCount: number | null;
  replicaUtilization: number;
  provisioning: ProvisioningModel;
  createMs: number;
  startMs: number;
  /** When the work finishes on its own; null = runs until cancelled or timed out. */
  plannedEndMs: number | null;
  finalState: FinalJobState;
  /** scheduling.timeout; null = not set (the 7-day service default still applies). */
  timeoutSeconds: number | null;
  cancel: { requestedMs: number; requestedWallMs: number } | null;
}

export type LiveJobState = 'QUEUED' | 'RUNNING' | 'CANCELLING' | FinalJobState;

export interface JobStatus {
  state: LiveJobState;
  endMs: number | null;
  /** Until when the job's machines were (or are being) paid for. */
  billedUntilMs: number | null;
  errorMessage: string | null;
}

export interface StoredOperation {
  name: string;
  createMs: number;
  /** Polls left before the operation reports done, so clients exercise their polling loop. */
  pollsUntilDone: number;
  metadata: Record<string, unknown>;
  response: Record<string, unknown>;
}

export interface SimStateOptions {
  /** Real milliseconds a cancelled job stays CANCELLING before it reports CANCELLED. */
  cancelDelayMs?: number;
}

export class SimState {
  readonly clock: SimClock;
  readonly cancelDelayMs: number;
  projects: SimProject[] = [];
  endpoints: SimEndpoint[] = [];
  jobs: SimJob[] = [];
  operations = new Map<string, StoredOperation>();
  /** Bumped on every change that affects cost or traffic, so derived data can be cached. */
  version = 0;

  constructor(
    readonly scenario: Scenario,
    origin: Date,
    options: SimStateOptions = {},
  ) {
    this.clock = new SimClock(origin);
    this.cancelDelayMs = options.cancelDelayMs ?? 1500;
    this.load();
  }

  /** Back to the scenario's initial state and the original start time. */
  reset(): void {
    this.clock.reset();
    this.operations.clear();
    this.load();
    this.version++;
  }

  advanceHours(hours: number): void {
    this.clock.advanceHours(hours);
    this.version++;
  }

  /** Paths may name a project by id or by number; both resolve to the same project. */
  findProject(idOrNumber: string): SimProject | undefined {
    return this.projects.find((project) => project.id === idOrNumber || project.number === idOrNumber);
  }

  findEndpoint(project: SimProject, region: string, endpointId: string): SimEndpoint | undefined {
    return this.endpoints.find(
      (endpoint) =>
        endpoint.project === project.id && endpoint.region === region && endpoint.id === endpointId,
    );
  }

  findJob(project: SimProject, region: string, kind: JobKind, jobId: string): SimJob | undefined {
    return this.jobs.find(
      (job) => job.project === project.id && job.region === region && job.kind === kind && job.id === jobId,
    );
  }

  /** Models currently deployed on the endpoint (undeployed ones are hidden, as on Google). */
  liveModels(endpoint: SimEndpoint): SimDeployedModel[] {
    const nowMs = this.clock.nowMs();
    return endpoint.deployedModels.filter((model) => model.undeployedMs === null && model.createMs <= nowMs);
  }

  /** Replica-hours a job has used so far: replicas × hours billed, at a batch job's utilization. */
  replicaHoursUsed(job: SimJob): number {
    const until = this.jobStatus(job).billedUntilMs;
    if (until === null) return 0;
    const hours = Math.max(0, Math.min(until, this.clock.nowMs()) - job.startMs) / 3_600_000;
    return hours * job.replicaCount * job.parallelTrials * job.replicaUtilization;
  }

  jobStatus(job: SimJob): JobStatus {
    const nowMs = this.clock.nowMs();
    if (nowMs < job.startMs) return { state: 'QUEUED', endMs: null, billedUntilMs: null, errorMessage: null };
    const timeoutSeconds = job.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS;
    const timeoutMs = job.startMs + timeoutSeconds * 1000;
    const naturalEndMs = job.plannedEndMs === null ? timeoutMs : Math.min(job.plannedEndMs, timeoutMs);
    if (job.cancel && job.cancel.requestedMs < naturalEndMs) {
      const settled =
        Date.now() - job.cancel.requestedWallMs >= this.cancelDelayMs || nowMs > job.cancel.requestedMs;
      return {
        state: settled ? 'CANCELLED' : 'CANCELLING',
        endMs: settled ? job.cancel.requestedMs : null,
        billedUntilMs: job.cancel.requestedMs,
        errorMessage: settled ? 'CANCELED' : null,
      };
    }
    if (nowMs >= naturalEndMs) {
      const timedOut =
        naturalEndMs === timeoutMs && (job.plannedEndMs === null || job.plannedEndMs > timeoutMs);
      if (timedOut) {
        return {
          state: 'FAILED',
          endMs: naturalEndMs,
          billedUntilMs: naturalEndMs,
          errorMessage: `Job exceeded its timeout of ${timeoutSeconds}s and was stopped.`,
        };
      }
      const errorMessage =
        job.finalState === 'FAILED'
          ? 'The replica workerpool0-0 exited with a non-zero status of 1.'
          : job.finalState === 'CANCELLED'
            ? 'CANCELED'
            : null;
      return { state: job.finalState, endMs: naturalEndMs, billedUntilMs: naturalEndMs, errorMessage };
    }
    return { state: 'RUNNING', endMs: null, billedUntilMs: nowMs, errorMessage: null };
  }

  private load(): void {
    const clock = this.clock;
    this.projects = this.scenario.projects.map((project) => ({
      id: project.id,
      number: project.number ?? String(100_000_000_000 + hashString(`project/${project.id}`)),
    }));
    this.endpoints = this.scenario.endpoints.map((endpoint) => {
      const id =
        endpoint.id ??
        numericIdFor(`${endpoint.project}/${endpoint.region}/endpoints/${endpoint.displayName}`);
      const oldestModelHours = Math.max(0, ...endpoint.deployedModels.map((model) => model.deployedHoursAgo));
      const createdHoursAgo = endpoint.createdHoursAgo ?? oldestModelHours + 0.5;
      const deployedModels = endpoint.deployedModels.map((model) =>
        this.deployedModelFromScenario(endpoint.project, endpoint.region, id, model),
      );
      return {
        id,
        project: endpoint.project,
        region: endpoint.region,
        displayName: endpoint.displayName,
        labels: { ...endpoint.labels },
        createMs: clock.hoursBeforeOrigin(createdHoursAgo).getTime(),
        access: endpoint.access,
        deployedModels,
        trafficSplit: initialTrafficSplit(
          deployedModels.map((model) => model.id),
          endpoint.deployedModels.map((model) => model.trafficPercent),
        ),
      };
    });
    this.jobs = this.scenario.jobs.flatMap((job) => this.jobsFromScenario(job));
  }

  private deployedModelFromScenario(
    project: string,
    region: string,
    endpointId: string,
    model: ScenarioDeployedModel,
  ): SimDeployedModel {
    const id = model.id ?? numericIdFor(`${endpointId}/deployedModels/${model.displayName}`).slice(0, 19);
    const modelName = model.model?.includes('/')
      ? model.model
      : `projects/${project}/locations/${region}/models/${model.model ?? numericIdFor(`${project}/models/${model.displayName}`)}`;
    const createMs = this.clock.hoursBeforeOrigin(model.deployedHoursAgo).getTime();
    return {
      id,
      displayName: model.displayName,
      model: modelName,
      createMs,
      undeployedMs: null,
      dedicated: model.resources === 'dedicated' && model.deploymentResourcePool === undefined,
      sharedPool: model.deploymentResourcePool ?? null,
      machine: {
        machineType: model.machineType,
        acceleratorType: model.acceleratorType,
        acceleratorCount: model.acceleratorCount,
        reservation: model.reservation,
      },
      provisioning: model.spot ? 'spot' : model.reservation ? 'reservation' : 'on-demand',
      replicaSettings: [
        { fromMs: createMs, min: model.minReplicas, max: model.maxReplicas ?? model.minReplicas },
      ],
      traffic: model.traffic,
      noise: model.noise,
      predictionsPerReplicaHour: model.predictionsPerReplicaHour,
      trafficOverrides: [],
      utilization: model.utilization,
    };
  }

  private jobsFromScenario(job: ScenarioJob): SimJob[] {
    const copies = job.repeat?.count ?? 1;
    const everyHours = job.repeat?.everyHours ?? 0;
    const jobs: SimJob[] = [];
    for (let copy = 0; copy < copies; copy++) {
      const startMs = this.clock.hoursBeforeOrigin(job.startedHoursAgo + copy * everyHours).getTime();
      // Repeated runs are told apart the way schedulers name them: by their start time.
      const displayName = job.repeat
        ? `${job.displayName}-${new Date(startMs).toISOString().slice(0, 13).replace(/[-T]/g, '')}`
        : job.displayName;
      jobs.push({
        kind: job.kind,
        id:
          job.id && copy === 0
            ? job.id
            : numericIdFor(`${job.project}/${job.region}/${job.kind}/${displayName}/${copy}`),
        project: job.project,
        region: job.region,
        displayName,
        labels: { ...job.labels },
        machine: {
          machineType: job.machineType,
          acceleratorType: job.acceleratorType,
          acceleratorCount: job.acceleratorCount,
          reservation: job.reservation,
        },
        replicaCount: job.replicaCount,
        parallelTrials: job.parallelTrials,
        maxReplicaCount: job.maxReplicaCount ?? null,
        replicaUtilization: job.replicaUtilization,
        provisioning: job.flexStart
          ? 'flex-start'
          : job.spot
            ? 'spot'
            : job.reservation
              ? 'reservation'
              : 'on-demand',
        createMs: startMs - job.queuedMinutes * 60_000,
        startMs,
        plannedEndMs: job.durationHours === undefined ? null : startMs + job.durationHours * 3_600_000,
        finalState: job.finalState,
        timeoutSeconds: job.timeoutHours === undefined ? null : Math.round(job.timeoutHours * 3600),
        cancel: null,
      });
    }
    return jobs;
  }
}
