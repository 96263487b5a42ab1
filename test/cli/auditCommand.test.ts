// `burnrate audit` over rows written straight into the real schema (what sync would have stored).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { openStore } from '../../src/db/open.js';
import { hoursAgo, NOW } from '../audit/fixtures.js';

const ENDPOINT = 'projects/ml-prod/locations/us-central1/endpoints/111';

function seed(path: string, opts: { monitoringFailed?: boolean } = {}) {
  const store = openStore(path);
  const s = store.sqlite;
  s.prepare(
    `INSERT INTO endpoints (name, project, region, display_name, labels, create_time, kind, traffic_visibility,
                            first_seen, last_seen)
     VALUES (?, 'ml-prod', 'us-central1', 'churn-endpoint', '{"team":"growth","owner":"alice"}', ?, 'shared-public',
             'prediction_count', ?, ?)`,
  ).run(ENDPOINT, hoursAgo(500), hoursAgo(400), hoursAgo(0.2));
  s.prepare(
    `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, machine_type,
       accelerator_type, accelerator_count, min_replicas, max_replicas, create_time, first_seen, last_seen, hourly_price)
     VALUES (?, '222', 'models/333', 'churn-gpu', 1, 'n1-standard-8', 'NVIDIA_TESLA_T4', 1, 2, 2, ?, ?, ?, 0.9)`,
  ).run(ENDPOINT, hoursAgo(500), hoursAgo(400), hoursAgo(0.2));
  const traffic = s.prepare(
    'INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, predictions, replicas) VALUES (?, ?, ?, ?, 2)',
  );
  for (let h = 168; h >= 1; h -= 1) traffic.run(ENDPOINT, '222', hoursAgo(h), h > 100 ? 40 : 0);
  s.prepare(
    `INSERT INTO telemetry_coverage (project, metric, covered_from, covered_to, last_attempt_at, last_error)
     VALUES ('ml-prod', 'prediction_count', ?, ?, ?, ?)`,
  ).run(hoursAgo(168), hoursAgo(0), hoursAgo(0.1), opts.monitoringFailed ? 'UNAVAILABLE: try later' : null);
  s.prepare(
    `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, machine_type, accelerator_type,
       accelerator_count, replica_count, start_time, timeout_seconds, first_seen, last_seen, hourly_price)
     VALUES ('projects/ml-prod/locations/us-central1/customJobs/9', 'ml-prod', 'us-central1', 'custom', 'train-x', 'RUNNING',
       '{"expected-hours":"6","team":"nlp"}', 'a2-highgpu-1g', 'NVIDIA_TESLA_A100', 1, 1, ?, 86400, ?, ?, 4.2)`,
  ).run(hoursAgo(40), hoursAgo(40), hoursAgo(0.2));
  store.close();
}

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--now', NOW.toISOString(), ...args], {
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('burnrate audit', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-audit-cli-'));
    db = join(dir, 'db.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints what, why, $/day, $/month and owner', async () => {
    seed(db);
    const { code, stdout } = await cli(['audit'], { BURNRATE_DB: db, LOG_LEVEL: 'silent' });
    expect(code).toBe(0);
    expect(stdout).toContain('Idle endpoint: churn-gpu on churn-endpoint');
    expect(stdout).toContain('cost:  $43.20/day, $1,314.00/month (estimate from catalog list prices)');
    expect(stdout).toContain('owner: owner=alice, team=growth');
    expect(stdout).toContain('Runaway custom job: train-x');
  });

  it('--json gives machine-readable findings with rounded impact', async () => {
    seed(db);
    const { code, stdout } = await cli(['audit', '--json'], { BURNRATE_DB: db, LOG_LEVEL: 'silent' });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      findings: Array<{ rule: string; impact: { perDay: number; perMonth: number } }>;
      due: number[];
    };
    const idle = out.findings.find((f) => f.rule === 'idle-endpoint');
    expect(idle?.impact).toMatchObject({ perDay: 43.2, perMonth: 1314, source: 'catalog-estimate' });
    expect(out.findings.map((f) => f.rule).sort()).toEqual(['idle-endpoint', 'runaway-training']);
    expect(out.due).toHaveLength(2);
  });

  it('says the idle verdict is unknown when Monitoring failed', async () => {
    seed(db, { monitoringFailed: true });
    const { stdout } = await cli(['audit'], { BURNRATE_DB: db, LOG_LEVEL: 'silent' });
    expect(stdout).not.toContain('Idle endpoint');
    expect(stdout).toMatch(/\? idle-endpoint could not judge .*Monitoring fetch for ml-prod failed/);
  });

  it('--post without SLACK_BOT_TOKEN is a clear usage error', async () => {
    const { code, stderr } = await cli(['audit', '--post'], { BURNRATE_DB: db, LOG_LEVEL: 'silent' });
    expect(code).toBe(2);
    expect(stderr).toContain('--post needs SLACK_BOT_TOKEN');
  });
});
