// How the query modules talk to SQLite: statements prepared once per connection, and every row read checked
// against the columns the query promises, so a schema drift or a wrong alias fails loudly where it happens
// instead of travelling on as `undefined`.

import type Database from 'better-sqlite3';
import type { Store } from './open.js';

export type Sqlite = Database.Database;
/** A store or its raw connection: query functions take either. */
export type Conn = Store | Sqlite;

export function sqliteOf(conn: Conn): Sqlite {
  return 'sqlite' in conn ? conn.sqlite : conn;
}

/** The SQLite value a column holds; `?` allows NULL. Booleans are stored as 0/1 numbers. */
export type ColumnType = 'text' | 'number' | 'text?' | 'number?';
export type RowSpec = Readonly<Record<string, ColumnType>>;

type ValueOf<T extends ColumnType> = T extends 'text'
  ? string
  : T extends 'number'
    ? number
    : T extends 'text?'
      ? string | null
      : number | null;

export type RowOf<S extends RowSpec> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export class StoreRowError extends Error {
  override name = 'StoreRowError';
}

const statements = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/** The prepared statement for `sql` on this connection, prepared on first use. */
export function statement(conn: Conn, sql: string, raw = false): Database.Statement {
  const sqlite = sqliteOf(conn);
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  // A statement returning arrays is a statement of its own (raw mode is a setting of the statement).
  const key = raw ? `raw:${sql}` : sql;
  let stmt = cache.get(key);
  if (!stmt) {
    stmt = sqlite.prepare(sql);
    if (raw) stmt.raw(true);
    cache.set(key, stmt);
  }
  return stmt;
}

function checkRow<S extends RowSpec>(row: unknown, spec: S, what: string): RowOf<S> {
  if (row === null || typeof row !== 'object') throw new StoreRowError(`${what}: expected a row, got ${row}`);
  const record = row as Record<string, unknown>;
  for (const column in spec) {
    const type = spec[column] as ColumnType;
    const value = record[column];
    if (value === null && (type === 'text?' || type === 'number?')) continue;
    const expected = type === 'text' || type === 'text?' ? 'string' : 'number';
    if (typeof value !== expected) {
      throw new StoreRowError(
        `${what}: column "${column}" should be ${type.endsWith('?') ? `${expected} or null` : expected}, got ${value === null ? 'null' : typeof value}`,
      );
    }
  }
  return record as RowOf<S>;
}

const columnNames = new WeakMap<Database.Statement, string[]>();

/** Every row of a query, each checked against `spec`. `what` names the query in errors. */
export function allRows<S extends RowSpec>(
  conn: Conn,
  what: string,
  spec: S,
  sql: string,
  ...params: unknown[]
): Array<RowOf<S>> {
  // Rows come as arrays and become objects here: the driver's own objects cost about twice as much to build,
  // which shows on reads of thousands of rows.
  const stmt = statement(conn, sql, true);
  let names = columnNames.get(stmt);
  if (!names) {
    names = stmt.columns().map((c) => c.name);
    columnNames.set(stmt, names);
  }
  const rows = stmt.all(...params) as unknown[][];
  const out = new Array<RowOf<S>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r] as unknown[];
    const record: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) record[names[i] as string] = values[i];
    out[r] = checkRow(record, spec, what);
  }
  return out;
}

/** A row as an array of values in column order, of the types `spec` lists. */
export type TupleOf<S extends readonly ColumnType[]> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/**
 * Every row of a query as an array of its values in column order, each checked against `spec`: for reads of
 * thousands of rows, where building an object per row costs more than the read.
 */
export function allTuples<const S extends readonly ColumnType[]>(
  conn: Conn,
  what: string,
  spec: S,
  sql: string,
  ...params: unknown[]
): Array<TupleOf<S>> {
  const rows = statement(conn, sql, true).all(...params) as unknown[][];
  for (const row of rows) {
    if (row.length !== spec.length)
      throw new StoreRowError(`${what}: expected ${spec.length} columns, got ${row.length}`);
    for (let i = 0; i < spec.length; i++) {
      const type = spec[i] as ColumnType;
      const value = row[i];
      if (value === null && (type === 'text?' || type === 'number?')) continue;
      const expected = type === 'text' || type === 'text?' ? 'string' : 'number';
      if (typeof value !== expected)
        throw new StoreRowError(
          `${what}: column ${i + 1} should be ${type.endsWith('?') ? `${expected} or null` : expected}, got ${value === null ? 'null' : typeof value}`,
        );
    }
  }
  return rows as Array<TupleOf<S>>;
}

/** The first row of a query (checked), or null when there is none. */
export function oneRow<S extends RowSpec>(
  conn: Conn,
  what: string,
  spec: S,
  sql: string,
  ...params: unknown[]
): RowOf<S> | null {
  const row = statement(conn, sql).get(...params);
  return row === undefined ? null : checkRow(row, spec, what);
}

/** Rows one at a time (checked), for reads too large to hold at once. */
export function* eachRow<S extends RowSpec>(
  conn: Conn,
  what: string,
  spec: S,
  sql: string,
  ...params: unknown[]
): Generator<RowOf<S>> {
  for (const row of statement(conn, sql).iterate(...params)) yield checkRow(row, spec, what);
}

/** Runs a write; returns how many rows it changed. */
export function execute(conn: Conn, sql: string, ...params: unknown[]): number {
  return statement(conn, sql).run(...params).changes;
}

/** Runs a write and returns the new row's id. */
export function insertRow(conn: Conn, sql: string, ...params: unknown[]): number {
  return Number(statement(conn, sql).run(...params).lastInsertRowid);
}

/** Runs `work` in one transaction (nested calls join the outer one). */
export function inTransaction<T>(conn: Conn, work: () => T): T {
  return sqliteOf(conn).transaction(work)();
}

/** "?, ?, ?" for an IN list of n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/**
 * Runs `work` waiting at most `busyTimeoutMs` (instead of the connection's busy_timeout) for another writer's
 * lock. SQLite calls block the event loop while they wait, so paths that must stay responsive wait briefly.
 */
export function withBusyTimeout<T>(conn: Conn, busyTimeoutMs: number, work: () => T): T {
  const sqlite = sqliteOf(conn);
  const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`busy_timeout = ${previous}`);
  }
}

/** True for SQLite's "database is locked" (another writer held the lock past the busy timeout). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
