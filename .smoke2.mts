import { loadScenarioFile } from './src/sim/scenario.js';
import { startSimulator } from './src/sim/server.js';
import { configSchema } from './src/config/schema.js';
import { createGcp } from './src/gcp/index.js';
import { createLogger } from './src/app/logger.js';
const now = new Date('2026-11-28T09:00:00Z');
let t = performance.now();
const sim = await startSimulator({ scenario: loadScenarioFile('config/scenarios/demo.yaml'), port: 0, now });
console.log('sim start', performance.now() - t);
const config = configSchema.parse({});
const gcp = createGcp({ env: { gcpEndpoint: sim.url }, config, log: createLogger({ level: 'warn' }) });
for (let i = 0; i < 3; i++) {
t = performance.now(); await gcp.vertex.listJobs('ml-prod', 'us-central1'); console.log('jobs', performance.now() - t);
t = performance.now(); await gcp.vertex.listEndpoints('ml-prod', 'us-central1'); console.log('eps', performance.now() - t);
}
const r = await fetch(sim.url + '/_sim/requests').then((r) => r.json()); console.log(r.slice(0, 12));
await gcp.close(); await sim.close();
