// Price estimates for the resources sync stores: a job's hourly price covers all its replicas; a deployed
// model's hourly price is per replica (its burn is that times the replicas running).

import type {
  DeployedModel,
  DeploymentResourcePool,
  JobKind,
  PersistentResource,
  VertexJob,
} from '../gcp/types.js';
import type { PriceBook } from './priceBook.js';
import type { PriceUse } from './skuMeter.js';

/** What is stored on a job or deployed model row: a price, or why there is none. */
export interface PriceEstimate {
  /** Null means unpriced; `unpricedReason` says why. Never 0 for "unknown". */
  hourlyPrice: number | null;
  unpricedReason: string | null;
  /** e.g. "catalog 2026-11-28"; null when unpriced. */
  priceSource: string | null;
}

const JOB_USES: Record<JobKind, PriceUse | null> = {
  custom: 'training',
  hptuning: 'training',
  training_pipeline: 'training',
  batch_prediction: 'batch_prediction',
  pipeline: null,
};

/** Reason prefix for training pipelines whose cost shows up on the custom job they started. */
export const BACKING_JOB_REASON = 'billed as its custom job';
/** Reason prefix for models on a deployment resource pool, whose machines are billed once, for the pool. */
export const SHARED_POOL_REASON = 'billed with its deployment resource pool';

function unpriced(reason: string): PriceEstimate {
  return { hourlyPrice: null, unpricedReason: reason, priceSource: null };
}

/** Hourly price of a whole job: every replica of every worker pool. */
export function priceJob(
  book: PriceBook,
  job: Pick<VertexJob, 'kind' | 'region' | 'provisioning' | 'workerPools' | 'backingJobName'>,
): PriceEstimate {
  const use = JOB_USES[job.kind];
  if (!use) return unpriced('pipeline runs are billed per step; their steps are not priced here');
  if (job.backingJobName) return unpriced(`${BACKING_JOB_REASON} ${job.backingJobName}`);
  if (job.workerPools.length === 0)
    return unpriced('the job does not say which machines it runs on (e.g. AutoML)');
  let total = 0;
  for (const pool of job.workerPools) {
    const price = book.machineHourly({
      machine: pool.machine,
      region: job.region,
      use,
      provisioning: job.provisioning,
    });
    if (!price.priced) return unpriced(price.reason);
    total += price.hourly * pool.replicaCount;
  }
  return { hourlyPrice: total, unpricedReason: null, priceSource: book.source };
}

/** Hourly price of one replica of a deployed model. */
export function priceDeployedModel(
  book: PriceBook,
  model: Pick<DeployedModel, 'dedicated' | 'machine' | 'provisioning' | 'sharedResources'>,
  region: string,
): PriceEstimate {
  if (model.sharedResources) return unpriced(`${SHARED_POOL_REASON} ${model.sharedResources}`);
  if (!model.dedicated) return unpriced('automatic or shared resources: Vertex AI chooses the machines');
  const price = book.machineHourly({
    machine: model.machine,
    region,
    use: 'prediction',
    provisioning: model.provisioning,
  });
  return price.priced
    ? { hourlyPrice: price.hourly, unpricedReason: null, priceSource: book.source }
    : unpriced(price.reason);
}

/**
 * Hourly price of a persistent resource: every machine it holds in every pool, at training prices, since it is
 * billed while it runs whether jobs use the machines or not.
 */
export function pricePersistentResource(
  book: PriceBook,
  resource: Pick<PersistentResource, 'region' | 'pools'>,
): PriceEstimate {
  if (resource.pools.length === 0) return unpriced('the persistent resource lists no resource pools');
  let total = 0;
  for (const pool of resource.pools) {
    const price = book.machineHourly({
      machine: pool.machine,
      region: resource.region,
      use: 'training',
      provisioning: 'on-demand',
    });
    if (!price.priced) return unpriced(price.reason);
    total += price.hourly * pool.replicaCount;
  }
  return { hourlyPrice: total, unpricedReason: null, priceSource: book.source };
}

/** Hourly price of one replica of a deployment resource pool, at prediction prices (burn: × min replicas). */
export function priceResourcePool(
  book: PriceBook,
  pool: Pick<DeploymentResourcePool, 'region' | 'machine' | 'spot'>,
): PriceEstimate {
  const price = book.machineHourly({
    machine: pool.machine,
    region: pool.region,
    use: 'prediction',
    provisioning: pool.spot ? 'spot' : 'on-demand',
  });
  return price.priced
    ? { hourlyPrice: price.hourly, unpricedReason: null, priceSource: book.source }
    : unpriced(price.reason);
}

/** What a deployed model burns per hour while it holds its minimum replicas; null when unpriced. */
export function deployedModelHourlyBurn(perReplicaPrice: number | null, minReplicas: number): number | null {
  return perReplicaPrice === null ? null : perReplicaPrice * minReplicas;
}

/** Cost of a job from its start to its end (or `now` while it runs); null when unpriced or not started. */
export function jobCostSoFar(
  job: { startTime: string | null; endTime: string | null },
  hourlyPrice: number | null,
  now: Date,
): number | null {
  if (hourlyPrice === null || !job.startTime) return null;
  const start = Date.parse(job.startTime);
  const end = job.endTime ? Date.parse(job.endTime) : now.getTime();
  const hours = Math.max(0, end - start) / 3_600_000;
  return hours * hourlyPrice;
}
