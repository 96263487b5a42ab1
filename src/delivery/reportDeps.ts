import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import type { SpendEstimator } from '../report/source.js';
import type { RetryOptions } from './post.js';
import type { SlackClient } from './slackClient.js';

/** What posting a scheduled report (digest, anomaly and budget alerts) needs. */
export interface ReportPostingDeps {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  client: SlackClient;
  estimate?: SpendEstimator;
  retry?: RetryOptions;
}
