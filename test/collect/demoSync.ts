// The demo scenario, the configuration that covers it, and a pinned clock: shared by the sync tests.

import { loadScenarioFile } from '../../src/sim/scenario.js';
import { testConfig } from '../gcp/simHarness.js';

export const DEMO_NOW = new Date('2026-11-28T09:00:00Z');

export const demoScenario = () => loadScenarioFile('config/scenarios/demo.yaml');

export const BILLING_TABLE = 'billing-admin.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9';

export const demoGoogle = {
  projects: [
    { id: 'ml-prod', regions: ['us-central1', 'europe-west4', 'asia-northeast1'] },
    { id: 'ml-research', regions: ['us-central1', 'europe-west4', 'asia-northeast1'] },
    { id: 'ml-platform', regions: ['us-central1', 'europe-west4'] },
  ],
  billingExport: { table: BILLING_TABLE, initialDays: 30 },
  retry: { attempts: 4, baseDelayMs: 1, timeoutMs: 10_000 },
};

export const demoConfig = (google: Record<string, unknown> = {}) => testConfig({ ...demoGoogle, ...google });
