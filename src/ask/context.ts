import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Config, Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';

/** What the ask engine answers from: the store, the config, the clock, and the channel asking, if any. */
export interface AskContext {
  store: Store;
  config: Config;
  clock: Clock;
  log?: Logger;
  /** Restricts answers to a channel's scope (its projects and labels). */
  scope?: Scope;
}
