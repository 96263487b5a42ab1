// What remediation needs from Google: reading a resource live and the three calls that change one. The Google
// adapters (src/gcp) satisfy it; so can anything that forwards the same calls.

import type { MonitoringApi, VertexApi } from '../gcp/api.js';

export interface RemediationPort {
  vertex: Pick<VertexApi, 'getEndpoint' | 'getJob' | 'cancelJob' | 'undeployModel' | 'setMinReplicas'>;
  monitoring: Pick<MonitoringApi, 'hourlyTraffic' | 'hourlyPrivateResponses'>;
}
