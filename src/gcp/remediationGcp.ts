// The Google side of remediation alone — Vertex AI (re-check and act) and Monitoring (recent traffic) — for the
// process serve starts for the alert buttons (`burnrate remediation-port`): it loads those two client libraries
// and not the catalog's or BigQuery's, which only the sync needs.
import type { Logger } from '../app/logger.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { MonitoringApi, VertexApi } from './api.js';
import { configuredCaller } from './call.js';
import { gcpTarget } from './clientOptions.js';
import { MonitoringAdapter } from './monitoring.js';
import { VertexAdapter } from './vertex.js';

export interface RemediationGcp {
  vertex: VertexApi;
  monitoring: MonitoringApi;
  close(): Promise<void>;
}

export function createRemediationGcp(opts: {
  env: Pick<RuntimeEnv, 'gcpEndpoint'>;
  config: Config;
  log: Logger;
}): RemediationGcp {
  const target = gcpTarget(opts.env.gcpEndpoint);
  const caller = configuredCaller({ retry: opts.config.google.retry, log: opts.log });
  const vertex = new VertexAdapter(target, caller);
  const monitoring = new MonitoringAdapter(target, caller);
  return {
    vertex,
    monitoring,
    close: async () => {
      await Promise.all([vertex.close(), monitoring.close()]);
    },
  };
}
