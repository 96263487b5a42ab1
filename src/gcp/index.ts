import { googleAuthLibrary } from 'google-gax';
import type { Logger } from '../app/logger.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { Gcp } from './api.js';
import { BillingExportAdapter } from './billingExport.js';
import { configuredCaller } from './call.js';
import { CapacityAdapter } from './capacity.js';
import { CatalogAdapter } from './catalog.js';
import { gcpTarget } from './clientOptions.js';
import { MonitoringAdapter } from './monitoring.js';
import { VertexAdapter } from './vertex.js';

export type {
  BillingExportApi,
  BillingQuery,
  CapacityApi,
  CatalogApi,
  Gcp,
  MonitoringApi,
  TrafficQuery,
  VertexApi,
} from './api.js';
export { GcpError, type GrpcStatusName } from './errors.js';
export {
  ACTIVE_JOB_STATES,
  type JobListCriteria,
  jobListFilter,
  PIPELINE_JOB_READ_MASK,
} from './jobFilter.js';
export { jobKindOfName, parseResourceName } from './resourceNames.js';
export {
  sameTrafficSplit,
  type TrafficSplit,
  trafficShare,
  trafficSplitWithout,
} from './trafficSplit.js';
export type * from './types.js';

export interface CreateGcpOptions {
  env: Pick<RuntimeEnv, 'gcpEndpoint'>;
  config: Config;
  log: Logger;
  /** Waits between retries; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Items per page for list calls (default: each service's own page size). */
  pageSize?: number;
}

/**
 * The Google side of burnrate: Vertex AI, the billing catalog, Monitoring and the billing export, all talking to
 * Google (application default credentials, regional Vertex AI hosts) or, when BURNRATE_GCP_ENDPOINT is set, to
 * that plain-HTTP REST endpoint without credentials.
 */
export function createGcp(opts: CreateGcpOptions): Gcp {
  const target = gcpTarget(opts.env.gcpEndpoint);
  const { google } = opts.config;
  const caller = configuredCaller({
    retry: google.retry,
    log: opts.log,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
  });
  const vertex = new VertexAdapter(target, caller);
  const capacity = new CapacityAdapter(target, caller);
  const catalog = new CatalogAdapter(target, caller);
  const monitoring = new MonitoringAdapter(target, caller);
  const billing = google.billingExport.table
    ? new BillingExportAdapter(target, { ...google.billingExport }, caller, opts.log)
    : null;
  let credentials: Promise<void> | null = null;
  return {
    vertex,
    capacity,
    catalog,
    monitoring,
    billing,
    checkCredentials() {
      // Found credentials are kept; a failed lookup is forgotten, so the next pass looks again (a key file
      // mounted late, a metadata server that was slow) instead of failing until a restart.
      credentials ??= (target.kind === 'endpoint' ? Promise.resolve() : findCredentials()).catch((err) => {
        credentials = null;
        throw err;
      });
      return credentials;
    },
    async close() {
      await Promise.all([
        vertex.close(),
        capacity.close(),
        catalog.close(),
        monitoring.close(),
        billing?.close(),
      ]);
    },
  };
}

// Vertex AI, Monitoring and BigQuery reads and the remediation calls all sit under the cloud-platform scope.
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

async function findCredentials(): Promise<void> {
  try {
    await new googleAuthLibrary.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] }).getClient();
  } catch (err) {
    throw new Error(
      `no Google Cloud credentials found (${(err as Error).message.split('.')[0]}): set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, run where a service account is attached, or set BURNRATE_GCP_ENDPOINT to use the simulator`,
    );
  }
}
