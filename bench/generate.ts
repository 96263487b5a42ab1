// Builds the synthetic organisation straight into SQLite: schema through openStore (so migrations apply), then
// rows through prepared statements in large transactions with durability switched off (the file is a cache and
// is rebuilt if anything goes wrong). Generated files are kept in bench/out/, keyed by scale, seed and schema.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_FOLDER, openStore } from '../src/db/open.js';
import { addDays } from '../src/time/days.js';
import {
  BENCH_ACTUAL_THROUGH,
  BENCH_NOW,
  modelName,
  OTHER_SKUS,
  PIPELINE_SKUS,
  PREDICTION_SKUS,
  projectEnv,
  projectId,
  projectRegion,
  projectTeam,
  seededRandom,
  sizesAt,
  TRAINING_SKUS,
} from './org.js';

const HOUR_MS = 3_600_000;
// Rows per transaction: large enough that commits are rare, small enough to keep the page cache bounded.
const ROWS_PER_TRANSACTION = 200_000;
// Deployed models per endpoint (an A/B pair, as teams usually run).
const MODELS_PER_ENDPOINT = 2;
// Share of deployed models that serve nothing (what the idle rule and the "idle" question find).
const IDLE_SHARE = 0.05;
// Share of resources without a catalog price, so "unpriced" paths are exercised at scale.
const UNPRICED_SHARE = 0.01;
// Jobs still running at "now", per project.
const RUNNING_JOBS_PER_PROJECT = 3;

export interface GeneratedOrg {
  path: string;
  cached: boolean;
  seconds: number;
  counts: Record<string, number>;
}

/** The schema's identity: generated files are reused only while the migrations are unchanged. */
function schemaHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

export function orgFilePath(outDir: string, scale: number, seed: number): string {
  return join(outDir, `org-scale${scale}-seed${seed}-${schemaHash()}.db`);
}

// The migrations holding the rollup triggers and their backfill (src/db/schema/rollups.ts): billing and traffic.
const ROLLUP_MIGRATIONS = ['0003_billing_rollups.sql', '0014_traffic_daily.sql'];

/** The rollup migrations' backfill statements, trigger definitions and trigger names. */
function rollupMigration(): { backfill: string[]; triggers: string[]; triggerNames: string[] } {
  const statements = ROLLUP_MIGRATIONS.flatMap((file) =>
    readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.replace(/^--.*$/gm, '').trim()),
  );
  const triggers = statements.filter((s) => s.startsWith('CREATE TRIGGER'));
  return {
    backfill: statements.filter((s) => s.startsWith('INSERT')),
    triggers,
    triggerNames: triggers.map((s) => /^CREATE TRIGGER (\w+)/.exec(s)?.[1] ?? ''),
  };
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function canonical(labels: Record<string, string>): { key: string; json: string } {
  const keys = Object.keys(labels).sort();
  const sorted = Object.fromEntries(keys.map((k) => [k, labels[k] as string]));
  return { key: keys.map((k) => `${k}=${labels[k]}`).join(';'), json: JSON.stringify(sorted) };
}

/** Returns the cached file for (scale, seed) or generates it. */
export function generateOrg(opts: {
  outDir: string;
  scale: number;
  seed: number;
  log?: (line: string) => void;
}): GeneratedOrg {
  mkdirSync(opts.outDir, { recursive: true });
  const path = orgFilePath(opts.outDir, opts.scale, opts.seed);
  if (existsSync(path)) {
    const db = new Database(path, { readonly: true });
    const counts = countRows(db);
    db.close();
    return { path, cached: true, seconds: 0, counts };
  }
  const started = performance.now();
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${building}${suffix}`, { force: true });
  openStore(building).close();
  const db = new Database(building);
  // The file is a disposable cache: durability off, exclusive lock, a large page cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  try {
    // Millions of rows go in faster with the rollup triggers off and the rollups then built in one grouped pass
    // each, by the migration's own backfill statements; the triggers come back afterwards, as the migration
    // leaves them.
    const rollups = rollupMigration();
    for (const name of rollups.triggerNames) db.exec(`DROP TRIGGER ${name}`);
    fill(db, opts.scale, opts.seed, opts.log ?? (() => {}));
    const rollupStarted = performance.now();
    for (const statement of [...rollups.backfill, ...rollups.triggers]) db.exec(statement);
    opts.log?.(`  rollups built in ${((performance.now() - rollupStarted) / 1000).toFixed(1)} s`);
    const counts = countRows(db);
    db.pragma('locking_mode = NORMAL');
    db.pragma('journal_mode = WAL');
    db.close();
    renameSync(building, path);
    return { path, cached: false, seconds: (performance.now() - started) / 1000, counts };
  } catch (err) {
    db.close();
    rmSync(building, { force: true });
    throw err;
  }
}

function countRows(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of ['billing_daily', 'jobs', 'endpoints', 'deployed_models', 'traffic_hourly']) {
    counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

function fill(db: Database.Database, scale: number, seed: number, log: (line: string) => void): void {
  const sizes = sizesAt(scale);
  const random = seededRandom(seed);
  const nowMs = BENCH_NOW.getTime();
  const nowIso = rfc3339(nowMs);

  db.prepare(`INSERT INTO kv (key, value, updated_at) VALUES ('billing.actualThrough', ?, ?)`).run(
    BENCH_ACTUAL_THROUGH,
    nowIso,
  );

  // Resources first: endpoints, deployed models, jobs.
  const insertEndpoint = db.prepare(
    `INSERT INTO endpoints (name, project, region, display_name, labels, create_time, kind, traffic_visibility,
                            first_seen, last_seen)
     VALUES (?, ?, ?, ?, ?, ?, 'shared-public', 'prediction_count', ?, ?)`,
  );
  const insertDeployed = db.prepare(
    `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, machine_type,
       accelerator_type, accelerator_count, min_replicas, max_replicas, spot, create_time, first_seen, last_seen,
       hourly_price, unpriced_reason, price_source)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  );
  const insertJob = db.prepare(
    `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, machine_type, accelerator_type,
       accelerator_count, replica_count, spot, create_time, start_time, end_time, timeout_seconds, first_seen,
       last_seen, hourly_price, unpriced_reason, price_source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTraffic = db.prepare(
    `INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, predictions, replicas) VALUES (?, ?, ?, ?, ?)`,
  );
  const deployments: Array<{
    endpoint: string;
    id: string;
    idle: boolean;
    minReplicas: number;
    rate: number;
  }> = [];
  const yearAgo = nowMs - 400 * 24 * HOUR_MS;

  db.transaction(() => {
    for (let p = 0; p < sizes.projects; p++) {
      const project = projectId(p);
      const region = projectRegion(p);
      const team = projectTeam(p);
      const env = projectEnv(p);
      for (let m = 0; m < sizes.modelsPerProject; m += MODELS_PER_ENDPOINT) {
        const endpoint = `projects/${project}/locations/${region}/endpoints/${1000 + m}`;
        const endpointModel = modelName(p, m);
        insertEndpoint.run(
          endpoint,
          project,
          region,
          `${endpointModel}-endpoint`,
          canonical({ team, env, model: endpointModel }).json,
          rfc3339(yearAgo),
          rfc3339(yearAgo),
          nowIso,
        );
        for (let k = 0; k < MODELS_PER_ENDPOINT && m + k < sizes.modelsPerProject; k++) {
          const id = String(5000 + m + k);
          const gpu = random() < 0.4;
          const unpriced = random() < UNPRICED_SHARE;
          const minReplicas = 1 + Math.floor(random() * 3);
          insertDeployed.run(
            endpoint,
            id,
            `projects/${project}/locations/${region}/models/${m + k}`,
            modelName(p, m + k),
            gpu ? 'n1-standard-8' : 'n1-standard-4',
            gpu ? 'NVIDIA_TESLA_T4' : null,
            gpu ? 1 : 0,
            minReplicas,
            minReplicas + 2,
            rfc3339(yearAgo),
            rfc3339(yearAgo),
            nowIso,
            unpriced ? null : gpu ? 0.73 : 0.22,
            unpriced ? 'no catalog SKU for this machine type in this region' : null,
            unpriced ? null : 'catalog',
          );
          deployments.push({
            endpoint,
            id,
            idle: random() < IDLE_SHARE,
            minReplicas,
            rate: 200 + random() * 20_000,
          });
        }
      }
      const start0 = nowMs - sizes.billingDays * 24 * HOUR_MS;
      for (let j = 0; j < sizes.jobsPerProject; j++) {
        const running = j >= sizes.jobsPerProject - RUNNING_JOBS_PER_PROJECT;
        const r = random();
        const kind = r < 0.8 ? 'custom' : r < 0.95 ? 'pipeline' : 'batch_prediction';
        const jobRegion = projectRegion(p, j % 2);
        const startMs = running
          ? nowMs - (1 + random() * 40) * HOUR_MS
          : start0 + (j / sizes.jobsPerProject) * (nowMs - start0 - 48 * HOUR_MS);
        const hours = 0.25 + random() * random() * 30;
        const gpu = kind === 'custom' && random() < 0.5;
        const unpriced = random() < UNPRICED_SHARE;
        const model = modelName(p, j % sizes.modelsPerProject);
        const path =
          kind === 'custom' ? 'customJobs' : kind === 'pipeline' ? 'pipelineJobs' : 'batchPredictionJobs';
        insertJob.run(
          `projects/${project}/locations/${jobRegion}/${path}/${p * 1_000_000 + j}`,
          project,
          jobRegion,
          kind,
          `${model}-${kind}-${j}`,
          running ? 'RUNNING' : random() < 0.9 ? 'SUCCEEDED' : 'FAILED',
          canonical({ team, env, model }).json,
          gpu ? 'a2-highgpu-1g' : 'n1-standard-8',
          gpu ? 'NVIDIA_TESLA_A100' : null,
          gpu ? 1 : 0,
          1,
          random() < 0.2 ? 1 : 0,
          rfc3339(startMs - 60_000),
          rfc3339(startMs),
          running ? null : rfc3339(startMs + hours * HOUR_MS),
          random() < 0.5 ? null : 7 * 24 * 3600,
          rfc3339(startMs),
          nowIso,
          unpriced ? null : gpu ? 4.2 : 0.55,
          unpriced ? 'no catalog SKU for this machine type in this region' : null,
          unpriced ? null : 'catalog',
        );
      }
    }
  })();
  log(`resources: ${deployments.length} deployed models, ${sizes.projects * sizes.jobsPerProject} jobs`);

  // Hourly traffic for the last 30 days, in primary-key order.
  const firstHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS - sizes.trafficHours * HOUR_MS;
  const hours = Array.from({ length: sizes.trafficHours }, (_, h) => rfc3339(firstHour + h * HOUR_MS));
  const trafficBatch = db.transaction((batch: typeof deployments) => {
    for (const d of batch) {
      for (let h = 0; h < hours.length; h++) {
        const diurnal = 0.5 + 0.5 * Math.sin((h / 24) * 2 * Math.PI);
        insertTraffic.run(
          d.endpoint,
          d.id,
          hours[h],
          d.idle ? 0 : Math.round(d.rate * diurnal),
          d.minReplicas,
        );
      }
    }
  });
  const perBatch = Math.max(1, Math.floor(ROWS_PER_TRANSACTION / hours.length));
  for (let i = 0; i < deployments.length; i += perBatch) trafficBatch(deployments.slice(i, i + perBatch));
  log(`traffic: ${deployments.length * hours.length} hourly rows`);

  // Daily billing rows: a year ending on the actual-through day, inserted day by day in key order.
  const insertBilling = db.prepare(
    `INSERT INTO billing_daily (day, project, service, sku_id, sku_description, location, label_key, labels, kind,
       cost, credits, currency, ingested_at)
     VALUES (?, ?, 'Vertex AI', ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?)`,
  );
  type Line = {
    skuId: string;
    description: string;
    location: string;
    labelKey: string;
    labels: string;
    kind: string;
    base: number;
  };
  const linesByProject: Line[][] = [];
  for (let p = 0; p < sizes.projects; p++) {
    const lines: Line[] = [];
    const team = projectTeam(p);
    const env = projectEnv(p);
    const plain = canonical({ team, env });
    const scaleOf = 0.3 + random() * 2;
    for (let m = 0; m < sizes.modelsPerProject; m++) {
      const labels = canonical({ team, env, model: modelName(p, m) });
      for (const sku of PREDICTION_SKUS) {
        lines.push({
          skuId: sku.id,
          description: sku.description,
          location: projectRegion(p),
          labelKey: labels.key,
          labels: labels.json,
          kind: 'prediction',
          base: sku.daily * scaleOf,
        });
      }
    }
    for (let offset = 0; offset < 2; offset++) {
      for (let m = 0; m < Math.min(5, sizes.modelsPerProject); m++) {
        const labels = canonical({ team, env, model: modelName(p, m) });
        for (const sku of TRAINING_SKUS) {
          lines.push({
            skuId: sku.id,
            description: sku.description,
            location: projectRegion(p, offset),
            labelKey: labels.key,
            labels: labels.json,
            kind: 'training',
            base: sku.daily * scaleOf,
          });
        }
      }
    }
    for (const sku of PIPELINE_SKUS) {
      lines.push({
        skuId: sku.id,
        description: sku.description,
        location: projectRegion(p),
        labelKey: plain.key,
        labels: plain.json,
        kind: 'pipelines',
        base: sku.daily * scaleOf,
      });
    }
    for (const sku of OTHER_SKUS) {
      lines.push({
        skuId: sku.id,
        description: sku.description,
        location: 'global',
        labelKey: plain.key,
        labels: plain.json,
        kind: 'other',
        base: sku.daily * scaleOf,
      });
    }
    // Primary-key order within a day: (project, service, sku_id, location, label_key).
    lines.sort((a, b) =>
      a.skuId < b.skuId
        ? -1
        : a.skuId > b.skuId
          ? 1
          : a.location < b.location
            ? -1
            : a.location > b.location
              ? 1
              : a.labelKey < b.labelKey
                ? -1
                : a.labelKey > b.labelKey
                  ? 1
                  : 0,
    );
    linesByProject.push(lines);
  }
  const firstDay = addDays(BENCH_ACTUAL_THROUGH, 1 - sizes.billingDays);
  const ingestedAt = nowIso;
  let pending = 0;
  let total = 0;
  db.exec('BEGIN');
  for (let d = 0; d < sizes.billingDays; d++) {
    const day = addDays(firstDay, d);
    const season = 0.7 + 0.3 * (d / sizes.billingDays);
    for (let p = 0; p < sizes.projects; p++) {
      for (const line of linesByProject[p] as Line[]) {
        const cost = line.base * season * (0.6 + random() * 0.8);
        const credits = line.kind === 'training' && random() < 0.1 ? -cost * 0.2 : 0;
        insertBilling.run(
          day,
          projectId(p),
          line.skuId,
          line.description,
          line.location,
          line.labelKey,
          line.labels,
          line.kind,
          cost,
          credits,
          ingestedAt,
        );
        pending++;
        total++;
      }
    }
    if (pending >= ROWS_PER_TRANSACTION) {
      db.exec('COMMIT');
      db.exec('BEGIN');
      pending = 0;
    }
  }
  db.exec('COMMIT');
  log(`billing: ${total} daily rows over ${sizes.billingDays} days`);
}
