import { NOW, scenario } from './test/gcp/scenario.js';
import { gcpFor, startHarness, testConfig } from './test/gcp/simHarness.js';
const h = await startHarness(scenario, NOW);
const gcp = gcpFor(h.url, testConfig(), { pageSize: 2 });
const r = await gcp.monitoring.hourlyTraffic({ project: 'ml-prod', metric: 'prediction_count', from: new Date(NOW.getTime() - 24 * 3600e3), to: NOW });
console.log(r.points.filter((p) => p.deployedModelId === '1001').slice(0, 30));
await gcp.close(); await h.close();
