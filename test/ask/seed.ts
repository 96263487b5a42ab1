// Seeds a store with billing rows and resources for answer tests. Values are chosen so sums are easy to check.
import type { Store } from '../../src/db/open.js';

export interface BillingSeed {
  day: string;
  project?: string;
  sku?: string;
  location?: string;
  kind?: string;
  labels?: Record<string, string>;
  cost: number;
  credits?: number;
}

export function seedBilling(store: Store, rows: readonly BillingSeed[]): void {
  const insert = store.sqlite.prepare(
    `INSERT INTO billing_daily (day, project, service, sku_id, sku_description, location, label_key, labels, kind, cost,
                                credits, currency, ingested_at)
     VALUES (?, ?, 'Vertex AI', ?, ?, ?, ?, ?, ?, ?, ?, 'USD', '2026-11-28T00:00:00Z')`,
  );
  store.sqlite.transaction(() => {
    for (const r of rows) {
      const labels = r.labels ?? {};
      const labelKey = Object.keys(labels)
        .sort()
        .map((k) => `${k}=${labels[k]}`)
        .join(';');
      const sku = r.sku ?? 'Custom Training A100';
      insert.run(
        r.day,
        r.project ?? 'ml-prod',
        sku.replace(/\W/g, '').slice(0, 12),
        sku,
        r.location ?? 'us-central1',
        labelKey,
        JSON.stringify(labels),
        r.kind ?? 'training',
        r.cost,
        r.credits ?? 0,
      );
    }
  })();
}

export function setActualThrough(store: Store, day: string): void {
  store.sqlite
    .prepare(`INSERT INTO kv (key, value, updated_at) VALUES ('billing.actualThrough', ?, '2026-11-28T00:00:00Z')
              ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
    .run(day);
}

export interface JobSeed {
  name: string;
  displayName: string;
  state: string;
  kind?: string;
  project?: string;
  labels?: Record<string, string>;
  machineType?: string;
  acceleratorType?: string | null;
  startTime: string;
  endTime?: string | null;
  hourlyPrice: number | null;
}

export function seedJob(store: Store, j: JobSeed): void {
  store.sqlite
    .prepare(
      `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, machine_type, accelerator_type,
                         accelerator_count, replica_count, spot, create_time, start_time, end_time, first_seen, last_seen,
                         hourly_price, unpriced_reason)
       VALUES (?, ?, 'us-central1', ?, ?, ?, ?, ?, ?, 1, 1, 0, ?, ?, ?, ?, '2026-11-28T09:00:00Z', ?, ?)`,
    )
    .run(
      j.name,
      j.project ?? 'ml-prod',
      j.kind ?? 'custom',
      j.displayName,
      j.state,
      JSON.stringify(j.labels ?? {}),
      j.machineType ?? 'a2-highgpu-1g',
      j.acceleratorType === undefined ? 'NVIDIA_TESLA_A100' : j.acceleratorType,
      j.startTime,
      j.startTime,
      j.endTime ?? null,
      j.startTime,
      j.hourlyPrice,
      j.hourlyPrice === null ? 'no catalog SKU for this machine' : null,
    );
}

export interface DeploymentSeed {
  endpoint: string;
  endpointDisplayName: string;
  deployedModelId: string;
  modelDisplayName: string;
  project?: string;
  labels?: Record<string, string>;
  minReplicas: number;
  createTime: string;
  hourlyPrice: number | null;
  acceleratorType?: string | null;
}

export function seedDeployment(store: Store, d: DeploymentSeed): void {
  store.sqlite
    .prepare(
      `INSERT OR IGNORE INTO endpoints (name, project, region, display_name, labels, create_time, kind,
                                        traffic_visibility, first_seen, last_seen)
       VALUES (?, ?, 'us-central1', ?, ?, ?, 'shared-public', 'prediction_count', ?, '2026-11-28T09:00:00Z')`,
    )
    .run(
      d.endpoint,
      d.project ?? 'ml-prod',
      d.endpointDisplayName,
      JSON.stringify(d.labels ?? {}),
      d.createTime,
      d.createTime,
    );
  store.sqlite
    .prepare(
      `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, machine_type,
                                    accelerator_type, accelerator_count, min_replicas, max_replicas, spot, create_time,
                                    first_seen, last_seen, hourly_price, unpriced_reason)
       VALUES (?, ?, 'models/1', ?, 1, 'n1-standard-4', ?, 0, ?, ?, 0, ?, ?, '2026-11-28T09:00:00Z', ?, ?)`,
    )
    .run(
      d.endpoint,
      d.deployedModelId,
      d.modelDisplayName,
      d.acceleratorType ?? null,
      d.minReplicas,
      d.minReplicas,
      d.createTime,
      d.createTime,
      d.hourlyPrice,
      d.hourlyPrice === null ? 'no catalog SKU' : null,
    );
}

/** One traffic row per hour in [from, to) with the same predictions and replicas. */
export function seedTraffic(
  store: Store,
  endpoint: string,
  deployedModelId: string,
  from: string,
  to: string,
  predictions: number,
  replicas: number,
): void {
  const insert = store.sqlite.prepare(
    'INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, predictions, replicas) VALUES (?, ?, ?, ?, ?)',
  );
  store.sqlite.transaction(() => {
    for (let t = Date.parse(from); t < Date.parse(to); t += 3_600_000) {
      insert.run(
        endpoint,
        deployedModelId,
        new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        predictions,
        replicas,
      );
    }
  })();
}
