import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { configureConnection, type Store, StoreError } from './connection.js';

export { openReadOnlyStore, type Store, StoreError } from './connection.js';

// Same relative location from src/db/ (tsx) and dist/db/ (built).
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date. Migrations are recorded by
 * drizzle's migrator, so opening twice applies nothing the second time.
 */
export function openStore(path: string, opts: { readonly?: boolean } = {}): Store {
  if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (err) {
    throw new StoreError(`cannot open database ${path}: ${(err as Error).message}`, path);
  }
  try {
    // WAL lets the Slack listeners and the answer thread read while a sync writes.
    if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
    configureConnection(sqlite);
    if (!opts.readonly) migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
    return { sqlite, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    const cause = path === ':memory:' || opts.readonly ? null : unwritableCause(path);
    throw new StoreError(`cannot prepare database ${path}: ${cause ?? (err as Error).message}`, path);
  }
}

/** Why burnrate could not write its database (SQLite needs the file and its folder, for the WAL), or null. */
function unwritableCause(path: string): string | null {
  const folder = dirname(path);
  for (const [what, target] of [
    ['the database file', path],
    ['its folder', folder],
  ] as const) {
    if (!existsSync(target)) continue;
    try {
      accessSync(target, constants.W_OK);
    } catch {
      return `${what} (${target}) is read-only; burnrate needs to write there (check permissions and mount options)`;
    }
  }
  return null;
}
