import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openStore } from '../../src/db/open.js';

function schemaOf(path: string): string[] {
  const store = openStore(path);
  try {
    return (
      store.sqlite
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { type: string; name: string; sql: string | null }[]
    ).map((r) => `${r.type} ${r.name} ${r.sql ?? ''}`);
  } finally {
    store.close();
  }
}

describe('store', () => {
  it('migrates a fresh database and applies nothing the second time', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'burnrate-db-')), 'burnrate.db');
    const first = schemaOf(file);
    expect(first.some((s) => s.startsWith('table billing_daily'))).toBe(true);
    const store = openStore(file);
    const applied = store.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
      n: number;
    };
    store.close();
    expect(applied.n).toBe(readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length);
    expect(schemaOf(file)).toEqual(first);
    const again = openStore(file);
    expect(
      (again.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n,
    ).toBe(applied.n);
    again.close();
  });

  it('turns on WAL, a busy timeout and foreign keys', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'burnrate-db-')), 'burnrate.db');
    const store = openStore(file);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('has migrations that match the schema (no drift)', () => {
    // Generate against a copy of the migrations: with no drift drizzle-kit has nothing to write, and a drift
    // found here never leaves a stray migration in the project. drizzle-kit wants a relative --out.
    const copy = mkdtempSync(join(tmpdir(), 'burnrate-migrations-'));
    cpSync(MIGRATIONS_FOLDER, copy, { recursive: true });
    const args = ['drizzle-kit', 'generate', '--dialect', 'sqlite', '--schema', './src/db/schema/index.ts'];
    const out = execFileSync('npx', [...args, '--out', relative(process.cwd(), copy)], { encoding: 'utf8' });
    expect(out).toMatch(/No schema changes, nothing to migrate/);
  });
});
