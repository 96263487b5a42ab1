import type { Clock } from '../app/clock.js';
import type { InFlightWork } from '../app/inFlight.js';
import type { Logger } from '../app/logger.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';

/** What every Slack listener may use. Built once by createSlackApp and handed to each listener registrar. */
export interface SlackDeps {
  config: Config;
  env: RuntimeEnv;
  store: Store;
  clock: Clock;
  log: Logger;
  /**
   * Services other parts of the app hand to their listeners (e.g. the Google adapters for remediation),
   * keyed by name; listeners that need one check it is there.
   */
  services: Readonly<Record<string, unknown>>;
  /** Remediations under way; a graceful stop waits for them before the database closes. */
  inFlight: InFlightWork;
}
