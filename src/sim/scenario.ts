// The scenario file: everything the simulator pretends exists in Google Cloud. Times are relative ("started 40
// hours ago") so one file works on any date; the server resolves them against its start time.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { billingSchema } from './scenarioBilling.js';
import { deploymentResourcePoolSchema, persistentResourceSchema } from './scenarioCapacity.js';
import {
  accelerator,
  currencyCode,
  endpointId,
  hourOfDay,
  hoursAgo,
  labels,
  machineFields,
  numericId,
} from './scenarioFields.js';
import { utilizationSchema } from './scenarioUtilization.js';
import { describeIssues } from './schemaIssues.js';

const trafficSchema = z.discriminatedUnion('pattern', [
  z.strictObject({ pattern: z.literal('constant'), perHour: z.number().min(0) }),
  z.strictObject({
    pattern: z.literal('diurnal'),
    peakPerHour: z.number().min(0),
    troughPerHour: z.number().min(0),
    peakHourUtc: hourOfDay.default(16),
    /** Traffic on Saturdays and Sundays relative to weekdays. */
    weekendFactor: z.number().min(0).default(0.7),
  }),
  z.strictObject({
    pattern: z.literal('idle'),
    /** Traffic before the model went quiet. */
    perHourBefore: z.number().min(0).default(0),
    idleSinceHoursAgo: hoursAgo,
  }),
  z.strictObject({
    pattern: z.literal('bursty'),
    busyPerHour: z.number().min(0),
    quietPerHour: z.number().min(0).default(0),
    busyHoursUtc: z.array(hourOfDay).min(1),
  }),
]);

const deployedModelSchema = z.strictObject({
  id: numericId.optional(),
  displayName: z.string().min(1),
  /** Model resource id or full name; defaults to a model named after the deployed model. */
  model: z.string().optional(),
  deployedHoursAgo: hoursAgo,
  resources: z.enum(['dedicated', 'automatic']).default('dedicated'),
  /**
   * Id of a deploymentResourcePools entry the model shares (DeployedModel.shared_resources); its machine and
   * replicas are then the pool's, and the pool, not the model, is what costs money (not billed by the simulator).
   */
  deploymentResourcePool: z.string().optional(),
  ...machineFields,
  machineType: machineFields.machineType.default('n1-standard-4'),
  minReplicas: z.number().int().min(1).default(1),
  maxReplicas: z.number().int().min(1).optional(),
  spot: z.boolean().default(false),
  traffic: trafficSchema,
  /** Relative random variation of hourly traffic, 0..1. */
  noise: z.number().min(0).max(1).default(0.1),
  /** When set, replicas autoscale between min and max so each carries at most this many predictions/hour. */
  predictionsPerReplicaHour: z.number().positive().optional(),
  /**
   * The model's percent of the endpoint's trafficSplit. When any model of an endpoint sets it, those set must
   * add up to 100 and the others get 0; when none does, the split is even (the first model listed takes the rest).
   */
  trafficPercent: z.number().int().min(0).max(100).optional(),
  /** Resource use of each replica (accelerator duty cycle and memory, CPU, host memory) at the usual load. */
  utilization: utilizationSchema,
});

const endpointSchema = z.strictObject({
  id: endpointId.optional(),
  project: z.string(),
  region: z.string(),
  displayName: z.string().min(1),
  labels,
  createdHoursAgo: hoursAgo.optional(),
  /**
   * How clients reach it: the shared regional host (public), a dedicated DNS name (dedicated), private services
   * access over VPC peering (private: Endpoint.network), or Private Service Connect (psc).
   */
  access: z.enum(['public', 'dedicated', 'private', 'psc']).default('public'),
  deployedModels: z.array(deployedModelSchema).default([]),
});

const jobKind = z.enum(['custom', 'hptuning', 'training_pipeline', 'pipeline', 'batch_prediction']);

const jobSchema = z.strictObject({
  kind: jobKind,
  id: numericId.optional(),
  project: z.string(),
  region: z.string(),
  displayName: z.string().min(1),
  labels,
  ...machineFields,
  replicaCount: z.number().int().min(1).default(1),
  /** Hyperparameter tuning only: trials running side by side, each with replicaCount replicas. */
  parallelTrials: z.number().int().min(1).default(1),
  /**
   * Batch prediction only: maxReplicaCount, sent only when set (replicaCount is startingReplicaCount), and the
   * share of replicaCount × hours the job uses (reported as resourcesConsumed.replicaHours, and billed).
   */
  maxReplicaCount: z.number().int().min(1).optional(),
  replicaUtilization: z.number().positive().max(1).default(1),
  spot: z.boolean().default(false),
  /** Flex-start (Dynamic Workload Scheduler): scheduling.strategy FLEX_START. */
  flexStart: z.boolean().default(false),
  startedHoursAgo: hoursAgo,
  /** Omitted: the job is still running (until cancelled or its timeout passes). */
  durationHours: z.number().positive().optional(),
  finalState: z.enum(['SUCCEEDED', 'FAILED', 'CANCELLED']).default('SUCCEEDED'),
  /** scheduling.timeout in hours; omitted: no timeout is set and the service default of 7 days applies. */
  timeoutHours: z.number().positive().optional(),
  queuedMinutes: z.number().min(0).default(4),
  /** Expands into `count` copies, each started `everyHours` earlier than the previous one. */
  repeat: z.strictObject({ count: z.number().int().min(1), everyHours: z.number().positive() }).optional(),
});

const meterSchema = z.strictObject({
  /** Omitted for a Compute Engine SKU: it prices the VM whatever Vertex AI runs on it (Spot, reserved, Flex-start). */
  workload: z.enum(['training', 'prediction']).optional(),
  component: z.enum(['core', 'ram', 'gpu', 'fee_core', 'fee_ram', 'fee_gpu']),
  /** Machine family for core/ram SKUs (n1, e2, a2, g2…). */
  family: z.string().optional(),
  /** Accelerator for gpu SKUs. */
  accelerator: accelerator.optional(),
  spot: z.boolean().default(false),
  /** A Dynamic Workload Scheduler price (Compute Engine's "DWS Defined Duration" SKUs): Flex-start VMs. */
  dws: z.boolean().default(false),
});

const skuSchema = z.strictObject({
  skuId: z.string().regex(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/, 'a SKU id like "A1B2-C3D4-E5F6"'),
  serviceId: z.string(),
  description: z.string().min(1),
  resourceFamily: z.string().default('Compute'),
  resourceGroup: z.string(),
  usageType: z.string().default('OnDemand'),
  usageUnit: z.string().default('h'),
  usageUnitDescription: z.string().optional(),
  /** List price in USD: the catalog publishes USD and converts to the currency a request asks for. */
  unitPrice: z.number().min(0),
  regions: z.array(z.string()).min(1),
  /** What usage this SKU prices; the simulator uses it to bill running resources. */
  meter: meterSchema.optional(),
});

const serviceSchema = z.strictObject({
  serviceId: z.string().regex(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/, 'a service id like "C7E2-9256-1C43"'),
  displayName: z.string().min(1),
  businessEntityName: z.string().default('businessEntities/GCP'),
});

const projectSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a project id like "ml-prod"'),
  number: numericId.optional(),
});

export const scenarioSchema = z
  .strictObject({
    projects: z.array(projectSchema).min(1),
    endpoints: z.array(endpointSchema).default([]),
    jobs: z.array(jobSchema).default([]),
    persistentResources: z.array(persistentResourceSchema).default([]),
    deploymentResourcePools: z.array(deploymentResourcePoolSchema).default([]),
    catalog: z
      .strictObject({
        services: z.array(serviceSchema).default([]),
        skus: z.array(skuSchema).default([]),
        /** USD → currency rates the catalog converts list prices with (PricingInfo.currencyConversionRate). */
        conversionRates: z.record(currencyCode, z.number().positive()).default({}),
      })
      .default({ services: [], skus: [], conversionRates: {} }),
    billing: billingSchema.optional(),
  })
  .superRefine((scenario, ctx) => {
    const projectIds = new Set(scenario.projects.map((project) => project.id));
    const skuIds = new Set(scenario.catalog.skus.map((sku) => sku.skuId));
    const serviceIds = new Set(scenario.catalog.services.map((service) => service.serviceId));
    const requireProject = (project: string, path: (string | number)[]) => {
      if (!projectIds.has(project)) {
        ctx.addIssue({
          code: 'custom',
          path,
          input: project,
          message: `one of the projects: ${[...projectIds].join(', ')}`,
        });
      }
    };
    const requireSku = (skuId: string, path: (string | number)[]) => {
      if (!skuIds.has(skuId))
        ctx.addIssue({ code: 'custom', path, input: skuId, message: 'a skuId from catalog.skus' });
    };
    scenario.endpoints.forEach((endpoint, index) => {
      requireProject(endpoint.project, ['endpoints', index, 'project']);
      const percents = endpoint.deployedModels.map((model) => model.trafficPercent);
      const total = percents.reduce<number>((sum, percent) => sum + (percent ?? 0), 0);
      if (percents.some((percent) => percent !== undefined) && total !== 100) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoints', index, 'deployedModels'],
          input: percents,
          message: `trafficPercent values adding up to 100 (they add up to ${total})`,
        });
      }
      endpoint.deployedModels.forEach((model, modelIndex) => {
        if (model.maxReplicas !== undefined && model.maxReplicas < model.minReplicas) {
          ctx.addIssue({
            code: 'custom',
            path: ['endpoints', index, 'deployedModels', modelIndex, 'maxReplicas'],
            input: model.maxReplicas,
            message: `a number ≥ minReplicas (${model.minReplicas})`,
          });
        }
      });
    });
    scenario.jobs.forEach((job, index) => {
      requireProject(job.project, ['jobs', index, 'project']);
    });
    scenario.persistentResources.forEach((resource, index) => {
      requireProject(resource.project, ['persistentResources', index, 'project']);
    });
    const pools = new Set(
      scenario.deploymentResourcePools.map((pool) => `${pool.project}/${pool.region}/${pool.id}`),
    );
    scenario.deploymentResourcePools.forEach((pool, index) => {
      requireProject(pool.project, ['deploymentResourcePools', index, 'project']);
    });
    scenario.endpoints.forEach((endpoint, index) => {
      endpoint.deployedModels.forEach((model, modelIndex) => {
        const pool = model.deploymentResourcePool;
        if (pool !== undefined && !pools.has(`${endpoint.project}/${endpoint.region}/${pool}`)) {
          ctx.addIssue({
            code: 'custom',
            path: ['endpoints', index, 'deployedModels', modelIndex, 'deploymentResourcePool'],
            input: pool,
            message: `the id of a deploymentResourcePools entry in ${endpoint.project} ${endpoint.region}`,
          });
        }
      });
    });
    scenario.catalog.skus.forEach((sku, index) => {
      if (!serviceIds.has(sku.serviceId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['catalog', 'skus', index, 'serviceId'],
          input: sku.serviceId,
          message: 'a serviceId from catalog.services',
        });
      }
    });
    const billingCurrency = scenario.billing?.currency;
    if (
      billingCurrency &&
      billingCurrency !== 'USD' &&
      !(billingCurrency in scenario.catalog.conversionRates)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['billing', 'currency'],
        input: billingCurrency,
        message: 'USD or a currency listed in catalog.conversionRates',
      });
    }
    scenario.billing?.streams.forEach((stream, index) => {
      requireProject(stream.project, ['billing', 'streams', index, 'project']);
      requireSku(stream.skuId, ['billing', 'streams', index, 'skuId']);
    });
    scenario.billing?.spikes.forEach((spike, index) => {
      requireProject(spike.project, ['billing', 'spikes', index, 'project']);
      requireSku(spike.skuId, ['billing', 'spikes', index, 'skuId']);
    });
    scenario.billing?.lateCredits.forEach((credit, index) => {
      requireProject(credit.project, ['billing', 'lateCredits', index, 'project']);
      requireSku(credit.skuId, ['billing', 'lateCredits', index, 'skuId']);
    });
    const rates = scenario.catalog.conversionRates;
    scenario.billing?.streams.forEach((stream, index) => {
      if (stream.currency && stream.currency !== 'USD' && !(stream.currency in rates)) {
        ctx.addIssue({
          code: 'custom',
          path: ['billing', 'streams', index, 'currency'],
          input: stream.currency,
          message: 'USD or a currency listed in catalog.conversionRates',
        });
      }
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioEndpoint = Scenario['endpoints'][number];
export type ScenarioDeployedModel = ScenarioEndpoint['deployedModels'][number];
export type ScenarioJob = Scenario['jobs'][number];
export type ScenarioPersistentResource = Scenario['persistentResources'][number];
export type ScenarioDeploymentResourcePool = Scenario['deploymentResourcePools'][number];
export type ScenarioSku = Scenario['catalog']['skus'][number];
export type SkuMeter = NonNullable<ScenarioSku['meter']>;
export type TrafficPattern = z.output<typeof trafficSchema>;
export type JobKind = z.output<typeof jobKind>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Validates already-parsed data (e.g. a test's inline scenario) and applies defaults. */
export function parseScenario(data: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ScenarioError(describeIssues(source, result.error.issues));
  return result.data;
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`${path}: cannot read scenario file: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ScenarioError(`${path}: not valid YAML: ${(error as Error).message}`);
  }
  return parseScenario(data, path);
}
