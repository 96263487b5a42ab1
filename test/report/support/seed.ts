// Writes rows the way sync would (plain INSERTs into the real schema), for report tests over a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/db/open.js';

export interface TempStore {
  store: Store;
  dispose(): void;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-report-'));
  const store = openStore(join(dir, 'test.db'));
  return {
    store,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BillingSeed {
  day: string;
  project?: string;
  skuId?: string;
  skuDescription?: string;
  kind?: 'training' | 'prediction' | 'genai' | 'pipelines' | 'other';
  labels?: Record<string, string>;
  cost: number;
  credits?: number;
}

export function insertBilling(store: Store, rows: readonly BillingSeed[]): void {
  const stmt = store.sqlite.prepare(
    `INSERT INTO billing_daily (day, project, service, sku_id, sku_description, location, label_key, labels, kind,
                                cost, credits, currency, ingested_at)
     VALUES (?, ?, 'Vertex AI', ?, ?, 'us-central1', ?, ?, ?, ?, ?, 'USD', '2026-01-01T00:00:00Z')
     ON CONFLICT DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits`,
  );
  store.sqlite.transaction(() => {
    for (const r of rows) {
      const labels = r.labels ?? {};
      const labelKey = Object.keys(labels)
        .sort()
        .map((k) => `${k}=${labels[k]}`)
        .join(';');
      stmt.run(
        r.day,
        r.project ?? 'ml-prod-1234',
        r.skuId ?? 'SKU-A',
        r.skuDescription ?? `Description of ${r.skuId ?? 'SKU-A'}`,
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
    .prepare(
      `INSERT INTO kv (key, value, updated_at) VALUES ('billing.actualThrough', ?, '2026-01-01T00:00:00Z')
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run(day);
}

export interface DeployedSeed {
  endpoint: string;
  deployedModelId?: string;
  project?: string;
  labels?: Record<string, string>;
  hourlyPrice: number | null;
  minReplicas?: number;
  dedicated?: boolean;
  createTime?: string;
}

export function insertDeployedModel(store: Store, m: DeployedSeed): void {
  const at = m.createTime ?? '2026-01-01T00:00:00Z';
  store.sqlite
    .prepare(
      `INSERT INTO endpoints (name, project, region, display_name, labels, create_time, kind, traffic_visibility,
                              first_seen, last_seen)
       VALUES (?, ?, 'us-central1', ?, ?, ?, 'shared-public', 'prediction_count', ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(
      m.endpoint,
      m.project ?? 'ml-prod-1234',
      m.endpoint.split('/').pop(),
      JSON.stringify(m.labels ?? {}),
      at,
      at,
      at,
    );
  store.sqlite
    .prepare(
      `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, machine_type,
         accelerator_type, accelerator_count, min_replicas, max_replicas, spot, create_time, first_seen, last_seen,
         hourly_price, unpriced_reason, price_source)
       VALUES (?, ?, 'models/1', ?, ?, 'n1-standard-8', NULL, 0, ?, ?, 0, ?, ?, ?, ?, ?, 'catalog')`,
    )
    .run(
      m.endpoint,
      m.deployedModelId ?? 'dm1',
      `model-${m.deployedModelId ?? 'dm1'}`,
      m.dedicated === false ? 0 : 1,
      m.minReplicas ?? 1,
      (m.minReplicas ?? 1) + 2,
      at,
      at,
      at,
      m.hourlyPrice,
      m.hourlyPrice === null ? 'no catalog price' : null,
    );
}

/** One traffic row per hour in [fromIso, toIso), predictions from `predictionsAt(hourStart)`. */
export function insertTraffic(
  store: Store,
  endpoint: string,
  fromIso: string,
  toIso: string,
  predictionsAt: (hour: Date) => number,
  deployedModelId = 'dm1',
  replicas: number | null = null,
): number {
  const stmt = store.sqlite.prepare(
    'INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, predictions, replicas) VALUES (?, ?, ?, ?, ?)',
  );
  let n = 0;
  store.sqlite.transaction(() => {
    for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += 3_600_000) {
      const hour = new Date(t);
      stmt.run(
        endpoint,
        deployedModelId,
        hour.toISOString().replace('.000Z', 'Z'),
        predictionsAt(hour),
        replicas,
      );
      n += 1;
    }
  })();
  return n;
}
