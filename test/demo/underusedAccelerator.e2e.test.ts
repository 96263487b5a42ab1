// The demo organisation's GPU endpoint at a low duty cycle, end to end: sync from the simulator playing the demo
// scenario, then `burnrate audit --json` reports it with a smaller accelerator and the saving from the scenario's
// own catalog prices; with the utilization metrics failing, it reports none.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runCli } from '../../src/cli/program.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import { DEMO_NOW, demoConfig, demoScenario } from '../collect/demoSync.js';
import { gcpFor, type SimHarness, silentLog, startHarness } from '../gcp/simHarness.js';

// No billing export: the audit reads what Vertex AI, the catalog and Monitoring say.
const config = demoConfig({ billingExport: undefined });
const scenario = demoScenario();
const dir = mkdtempSync(join(tmpdir(), 'burnrate-accelerators-'));

let harness: SimHarness;
let gcp: Gcp;

beforeAll(async () => {
  harness = await startHarness(scenario, DEMO_NOW);
  gcp = gcpFor(harness.url, config);
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

interface AuditJson {
  findings: Array<{
    rule: string;
    title: string;
    suggestedAction: string | null;
    impact: { perDay: number | null; source: string };
    evidence: { recommendation?: { change: string; commands: string[] } };
  }>;
  unknown: Array<{ rule: string; resource: string; why: string }>;
}

/** Syncs into a fresh database and prints `burnrate audit --json` over it. */
async function syncAndAudit(name: string): Promise<AuditJson> {
  const db = join(dir, `${name}.db`);
  const store = openStore(db);
  await runSyncPass({ store, gcp, config, clock: fixedClock(DEMO_NOW), log: silentLog });
  store.close();
  let stdout = '';
  const code = await runCli(['--now', DEMO_NOW.toISOString(), '--db', db, 'audit', '--json'], {
    env: { LOG_LEVEL: 'silent' },
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => {},
  });
  expect(code).toBe(0);
  return JSON.parse(stdout) as AuditJson;
}

/** The scenario's hourly price of a SKU, by the words of its description. */
function price(description: string): number {
  const sku = scenario.catalog.skus.find(
    (s) => s.description === `Vertex AI: Online/Batch Prediction ${description}`,
  );
  if (!sku) throw new Error(`no SKU ${description}`);
  return sku.unitPrice;
}

describe('the demo’s GPU endpoint at a low duty cycle', () => {
  it('audit --json reports it with a smaller accelerator, the commands and the saving', async () => {
    const out = await syncAndAudit('healthy');
    const found = out.findings.filter((f) => f.rule === 'underused-accelerator');
    expect(found.map((f) => f.title)).toEqual(['Under-used accelerator: tagger-vit-l4 on image-tagger']);
    const [finding] = found;
    expect(finding?.evidence.recommendation?.change).toBe(
      'Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4',
    );
    expect(finding?.evidence.recommendation?.commands[0]).toContain(
      '--accelerator=type=nvidia-tesla-t4,count=1',
    );
    expect(finding?.evidence.recommendation?.commands[1]).toMatch(/^gcloud ai endpoints undeploy-model /);
    expect(finding?.suggestedAction).toBeNull();
    // g2-standard-24 (24 vCPUs, 96 GiB, two L4s) against n1-standard-4 (4 vCPUs, 15 GiB) with one T4, one replica.
    const now =
      24 * price('G2 Instance Core running in Americas') +
      96 * price('G2 Instance Ram running in Americas') +
      2 * price('Nvidia L4 GPU running in Americas');
    const then =
      4 * price('N1 Predefined Instance Core running in Americas') +
      15 * price('N1 Predefined Instance Ram running in Americas') +
      price('Nvidia Tesla T4 GPU running in Americas');
    expect(finding?.impact).toMatchObject({ perDay: Math.round((now - then) * 24 * 100) / 100 });
    expect(finding?.impact.source).toBe('catalog-estimate');
  }, 60_000);

  it('with the utilization metrics failing, reports none: the verdict is unknown', async () => {
    await harness.setFaults({
      rules: [{ path: '/timeSeries$', query: '(duty_cycle|bytes_used|cpu/utilization)', code: 503 }],
    });
    try {
      const out = await syncAndAudit('failing');
      expect(out.findings.filter((f) => f.rule === 'underused-accelerator')).toEqual([]);
      const unknown = out.unknown.filter((u) => u.rule === 'underused-accelerator');
      expect(unknown.length).toBeGreaterThan(0);
      expect(
        unknown.every((u) => /accelerator_duty_cycle for ml-(prod|research|platform) failed/.test(u.why)),
      ).toBe(true);
      // Idle findings still come from the traffic, which was read.
      expect(out.findings.some((f) => f.rule === 'idle-endpoint')).toBe(true);
    } finally {
      await harness.setFaults({ rules: [] });
    }
  }, 60_000);
});
