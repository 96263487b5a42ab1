// Billing ingest: rows per second through the sync's billing write path (idempotent upserts in batches) against
// the floor, a raw prepared INSERT of the same rows in one transaction, each into a fresh database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalLabels, writeBillingRows } from '../src/collect/writeBilling.js';
import { openStore } from '../src/db/open.js';
import type { BillingAggregateRow } from '../src/gcp/types.js';
import { addDays } from '../src/time/days.js';
import {
  PREDICTION_SKUS,
  projectEnv,
  projectId,
  projectTeam,
  REGIONS,
  seededRandom,
  TRAINING_SKUS,
} from './org.js';
import { round } from './stats.js';

export interface IngestFigure {
  rows: number;
  writePathRowsPerSecond: number;
  rawRowsPerSecond: number;
  /** Write path ÷ raw. */
  ratio: number;
  /** Rows the second, identical write changed (must be 0: re-ingest is idempotent). */
  rewrittenOnRepeat: number;
}

/** Export-shaped rows: days × projects × SKUs × regions × models, in the order an export query returns them. */
export function exportRows(count: number, seed: number): BillingAggregateRow[] {
  const random = seededRandom(seed);
  const skus = [...PREDICTION_SKUS, ...TRAINING_SKUS];
  const rows: BillingAggregateRow[] = [];
  for (let i = 0; rows.length < count; i++) {
    const day = addDays('2026-01-01', Math.floor(i / 4000));
    const p = (i >> 4) % 50;
    const sku = skus[i % skus.length] as (typeof skus)[number];
    rows.push({
      day,
      project: projectId(p),
      service: 'Vertex AI',
      skuId: sku.id,
      skuDescription: sku.description,
      location: REGIONS[(i >> 2) % REGIONS.length] as string,
      labels: { team: projectTeam(p), env: projectEnv(p), model: `m-${(i >> 6) % 64}` },
      cost: sku.daily * random(),
      credits: 0,
      currency: 'USD',
      usageAmount: 0,
      usageUnit: 'h',
      vertexProduct: null,
      pipelineRun: false,
    });
  }
  return rows;
}

export function benchIngest(count: number, seed: number): IngestFigure {
  const rows = exportRows(count, seed);
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-ingest-'));
  try {
    const writeStore = openStore(join(dir, 'write-path.db'));
    const started = performance.now();
    writeBillingRows(writeStore.sqlite, rows, { ingestedAt: '2026-11-28T00:00:00Z' });
    const writeSeconds = (performance.now() - started) / 1000;
    const repeat = writeBillingRows(writeStore.sqlite, rows, { ingestedAt: '2026-11-29T00:00:00Z' });
    writeStore.close();

    const rawStore = openStore(join(dir, 'raw.db'));
    const insert = rawStore.sqlite.prepare(
      `INSERT INTO billing_daily (day, project, service, sku_id, sku_description, location, label_key, labels, kind,
         cost, credits, currency, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rawStarted = performance.now();
    rawStore.sqlite.transaction(() => {
      for (const r of rows) {
        // The raw floor still has to produce the stored label forms; the kind is fixed (no classification).
        const labels = canonicalLabels(r.labels);
        insert.run(
          r.day,
          r.project,
          r.service,
          r.skuId,
          r.skuDescription,
          r.location,
          labels.key,
          labels.json,
          'prediction',
          r.cost,
          r.credits,
          r.currency,
          '2026-11-28T00:00:00Z',
        );
      }
    })();
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    rawStore.close();
    const writePathRowsPerSecond = rows.length / writeSeconds;
    const rawRowsPerSecond = rows.length / rawSeconds;
    return {
      rows: rows.length,
      writePathRowsPerSecond: Math.round(writePathRowsPerSecond),
      rawRowsPerSecond: Math.round(rawRowsPerSecond),
      ratio: round(writePathRowsPerSecond / rawRowsPerSecond),
      rewrittenOnRepeat: repeat.written,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
