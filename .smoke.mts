import { loadScenarioFile } from './src/sim/scenario.js';
import { startSimulator } from './src/sim/server.js';
import { openStore } from './src/db/open.js';
import { configSchema } from './src/config/schema.js';
import { createGcp } from './src/gcp/index.js';
import { runSyncPass } from './src/collect/syncPass.js';
import { formatSyncSummary } from './src/collect/summary.js';
import { fixedClock } from './src/app/clock.js';
import { createLogger } from './src/app/logger.js';
const now = new Date('2026-11-28T09:00:00Z');
const sim = await startSimulator({ scenario: loadScenarioFile('config/scenarios/demo.yaml'), port: 0, now });
const config = configSchema.parse({ google: { projects: [
  { id: 'ml-prod', regions: ['us-central1', 'europe-west4', 'asia-northeast1'] },
  { id: 'ml-research', regions: ['us-central1', 'europe-west4', 'asia-northeast1'] },
  { id: 'ml-platform', regions: ['us-central1', 'europe-west4'] }],
  billingExport: { table: 'billing-proj.billing.gcp_billing_export_v1_0123AB_456CDE_789EF0' } } });
const store = openStore(':memory:');
const log = createLogger({ level: 'warn' });
const gcp = createGcp({ env: { gcpEndpoint: sim.url }, config, log, sleep: async () => {} });
const clock = fixedClock(now);
let r = await runSyncPass({ store, gcp, config, clock, log });
console.log(formatSyncSummary(r));
r = await runSyncPass({ store, gcp, config, clock, log });
console.log(formatSyncSummary(r));
console.log(store.sqlite.prepare("select name, kind, state, machine_type, accelerator_type, replica_count, hourly_price, unpriced_reason, price_source from jobs where state='RUNNING'").all());
console.log(store.sqlite.prepare("select endpoint_name, machine_type, min_replicas, hourly_price, unpriced_reason from deployed_models").all());
console.log(store.sqlite.prepare("select kind, count(*), sum(cost) from billing_daily group by kind").all());
console.log(store.sqlite.prepare("select * from kv").all());
console.log(store.sqlite.prepare("select * from telemetry_coverage").all());
console.log(store.sqlite.prepare("select count(*) from traffic_hourly").all());
await gcp.close(); await sim.close();
