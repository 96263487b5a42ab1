import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';

/** What every command gets: resolved configuration, environment, clock, logger, and the store on demand. */
export interface CliContext {
  config: Config;
  configPath: string | null;
  env: RuntimeEnv;
  clock: Clock;
  log: Logger;
  /** Opens the database at --db / BURNRATE_DB (migrated); the same store on every call. */
  store(): Store;
  /** Writes a line (or block) to standard output. */
  print(text: string): void;
  /** The global options that give a child burnrate process this same config, database and clock. */
  childArgs: readonly string[];
}

/** A usage or input error found by a command: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure at run time (a service unreachable, an operation refused): exit code 1. */
export class RuntimeFailure extends Error {
  override name = 'RuntimeFailure';
}
