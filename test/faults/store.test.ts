// Fault matrix: a database that cannot be written. A read-only file stops the command with exit 1 and a message
// naming the file, and leaves it untouched; a full disk fails the write's transaction as a whole, leaves the
// database consistent, and a later write completes as if nothing had happened.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBillingRows } from '../../src/collect/writeBilling.js';
import { openStore } from '../../src/db/open.js';
import type { BillingAggregateRow } from '../../src/gcp/types.js';
import { runCliCaptured } from '../support/cli.js';

function cli(args: string[], env: NodeJS.ProcessEnv) {
  return runCliCaptured(args, env);
}

/** Makes paths read-only even for root (chattr +i where the file system allows it); false when impossible. */
function makeReadOnly(paths: readonly string[]): boolean {
  for (const p of paths) chmodSync(p, existsSync(p) && p.endsWith('.db') ? 0o444 : 0o555);
  if (process.getuid?.() === 0) {
    try {
      execFileSync('chattr', ['+i', ...paths], { stdio: 'ignore' });
    } catch {
      return false;
    }
  }
  return true;
}

function makeWritable(paths: readonly string[]): void {
  if (process.getuid?.() === 0) {
    try {
      execFileSync('chattr', ['-i', ...paths], { stdio: 'ignore' });
    } catch {
      // was never set
    }
  }
  for (const p of paths) chmodSync(p, 0o755);
}

function rows(count: number): BillingAggregateRow[] {
  return Array.from({ length: count }, (_, i) => ({
    day: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
    project: `proj-${String(Math.floor(i / 28) % 40).padStart(3, '0')}`,
    service: 'Vertex AI',
    skuId: `SKU-${Math.floor(i / 1120)}`,
    skuDescription: 'Vertex AI: Custom Training A2 Instance Core',
    location: 'us-central1',
    labels: { team: `team-${i % 7}`, env: 'prod', model: `a-long-model-name-to-fill-pages-${i % 13}` },
    vertexProduct: null,
    pipelineRun: false,
    cost: 1 + (i % 100) / 7,
    credits: 0,
    currency: 'USD',
    usageAmount: 0,
    usageUnit: null,
  }));
}

describe('fault: database cannot be written', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-faults-store-'));
  });
  afterEach(() => {
    makeWritable([join(dir, 'burnrate.db'), dir].filter((p) => existsSync(p)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('read-only database file: exit 1, the message names the file, nothing is written', async (ctx) => {
    const dbPath = join(dir, 'burnrate.db');
    const store = openStore(dbPath);
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const before = readFileSync(dbPath);
    if (!makeReadOnly([dbPath, dir])) ctx.skip();

    const { code, stdout, stderr } = await cli(['audit'], { BURNRATE_DB: dbPath });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(dbPath);
    expect(stderr).toMatch(/is read-only; burnrate needs to write there/);
    expect(stderr).not.toMatch(/unexpected failure|\n\s+at /);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  });

  it('disk full during a billing write: that transaction rolls back whole, integrity holds, a retry completes', () => {
    const dbPath = join(dir, 'burnrate.db');
    const store = openStore(dbPath);
    const data = rows(6000);
    const pageCount = store.sqlite.pragma('page_count', { simple: true }) as number;
    // Room for some of the rows but not all of them: the disk "fills up" in the middle of the write.
    store.sqlite.pragma(`max_page_count = ${pageCount + 40}`);
    let error: unknown;
    try {
      writeBillingRows(store.sqlite, data, { ingestedAt: '2026-11-28T00:00:00Z', batchSize: 1000 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/database or disk is full/);
    const stored = (store.sqlite.prepare('SELECT COUNT(*) AS n FROM billing_daily').get() as { n: number }).n;
    // Only whole batches (transactions) are kept: never part of one.
    expect(stored % 1000).toBe(0);
    expect(stored).toBeLessThan(data.length);
    expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // Space is back: the same write completes and the result equals an uninterrupted write.
    store.sqlite.pragma('max_page_count = 1073741823');
    writeBillingRows(store.sqlite, data, { ingestedAt: '2026-11-28T00:00:00Z', batchSize: 1000 });
    const fresh = openStore(join(dir, 'fresh.db'));
    writeBillingRows(fresh.sqlite, data, { ingestedAt: '2026-11-28T00:00:00Z' });
    const snapshot = (s: typeof store) =>
      s.sqlite
        .prepare('SELECT day, project, sku_id, label_key, cost FROM billing_daily ORDER BY 1, 2, 3, 4')
        .all();
    expect(snapshot(store)).toEqual(snapshot(fresh));
    fresh.close();
    store.close();
  });
});
