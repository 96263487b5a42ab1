import Database from 'better-sqlite3';

/** An open database: SQL runs on the connection through the queries in src/db/queries. */
export interface Store {
  /** The raw connection, for hot paths and hand-written SQL. */
  sqlite: Database.Database;
  close(): void;
}

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
 * A read-only connection to a database another process keeps up to date (the answer thread's): no migrations,
 * and none of the migration machinery loaded.
 */
export function openReadOnlyStore(path: string, opts: { pageCacheKib?: number } = {}): Store {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StoreError(`cannot open database ${path}: ${(err as Error).message}`, path);
  }
  configureConnection(sqlite);
  if (opts.pageCacheKib !== undefined)
    sqlite.pragma(`cache_size = -${Math.max(1, Math.round(opts.pageCacheKib))}`);
  return { sqlite, close: () => sqlite.close() };
}

/** The settings every connection runs with. */
export function configureConnection(sqlite: Database.Database): void {
  // busy_timeout rides out a writer's short locks.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
}
