import type { Clock } from '../app/clock.js';
import type { InFlightWork } from '../app/inFlight.js';
import type { Logger } from '../app/logger.js';
import type { AnswerEngine } from '../ask/engine/answerThread.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import type { Authorizer } from '../remediate/authorize.js';
import type { RemediationPort } from '../remediate/port.js';
import type { ChartRenderer } from '../report/chart.js';
import type { AckFirst } from './afterAck.js';
import type { AskerCheck } from './askers.js';

/** What every Slack listener may use. Built once by createSlackApp and handed to each listener registrar. */
export interface SlackDeps {
  config: Config;
  env: RuntimeEnv;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Google, for the alert buttons' re-checks and actions; null when Google is not configured. */
  remediation: RemediationPort | null;
  /** Remediations under way; a graceful stop waits for them before the database closes. */
  inFlight: InFlightWork;
  /**
   * Who may press which button (remediation.allow), with Slack user groups looked up through the app's client;
   * one per app, so its short-lived group membership cache is shared by every click.
   */
  authorizer: Authorizer;
  /** Whether someone may ask burnrate (slack.askers; everyone when it is empty). */
  askers: AskerCheck;
  /** Works out answers and App Home's summary off the event loop (a worker thread with its own connection). */
  answers: AnswerEngine;
  /** Lets a handler's work after its acknowledgement wait until a burst of requests has been acknowledged. */
  ackFirst: AckFirst;
  /** Draws answers' and App Home's charts (serve: in a helper process, so the chart libraries never stay). */
  charts: ChartRenderer;
}
