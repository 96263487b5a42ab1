import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  /** The raw connection, for hot paths and hand-written SQL. */
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

// Same relative location from src/db/ (tsx) and dist/db/ (built).
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export class StoreError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

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
    // WAL lets the Slack listeners read while a sync writes; busy_timeout rides out the writer's short locks.
    if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = drizzle(sqlite, { schema });
    if (!opts.readonly) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { sqlite, db, close: () => sqlite.close() };
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
