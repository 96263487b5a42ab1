import type { Logger } from '../app/logger.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { Gcp } from './api.js';
import { BillingExportAdapter } from './billingExport.js';
import { Caller } from './call.js';
import { CatalogAdapter } from './catalog.js';
import { gcpTarget } from './clientOptions.js';
import { MonitoringAdapter } from './monitoring.js';
import { realSleep } from './retry.js';
import { VertexAdapter } from './vertex.js';

export type {
  BillingExportApi,
  BillingQuery,
  CatalogApi,
  Gcp,
  MonitoringApi,
  TrafficQuery,
  VertexApi,
} from './api.js';
export { GcpError, type GrpcStatusName } from './errors.js';
export { jobKindOfName, parseResourceName } from './resourceNames.js';
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
  const caller = new Caller({
    retry: { attempts: google.retry.attempts, baseDelayMs: google.retry.baseDelayMs },
    timeoutMs: google.retry.timeoutMs,
    log: opts.log,
    sleep: opts.sleep ?? realSleep,
    random: opts.random ?? Math.random,
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
  });
  const vertex = new VertexAdapter(target, caller);
  const catalog = new CatalogAdapter(target, caller);
  const monitoring = new MonitoringAdapter(target, caller);
  const billing = google.billingExport.table
    ? new BillingExportAdapter(target, { ...google.billingExport }, caller, opts.log)
    : null;
  return {
    vertex,
    catalog,
    monitoring,
    billing,
    async close() {
      await Promise.all([vertex.close(), catalog.close(), monitoring.close(), billing?.close()]);
    },
  };
}
