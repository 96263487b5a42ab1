// Starts the real Slack app (Bolt over HTTP on a free port) against a fake Slack Web API and a temp SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, fixedClock } from '../../src/app/clock.js';
import { createLogger, type Logger } from '../../src/app/logger.js';
import type { AnswerEngine } from '../../src/ask/engine/answerThread.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { RemediationPort } from '../../src/remediate/port.js';
import {
  type CreateSlackAppDeps,
  createSlackApp,
  SLACK_EVENTS_PATH,
  type SlackApp,
} from '../../src/slack/app.js';
import { type FakeSlack, startFakeSlack } from './fakeSlack.js';
import { DEFAULT_TEAM_ID, slackSender } from './slackSigned.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEST_BOT_TOKEN = 'xoxb-test-0000-burnrate';

export interface TestSlackApp {
  slack: FakeSlack;
  app: SlackApp;
  store: Store;
  config: Config;
  clock: Clock & { set(at: Date): void };
  port: number;
  eventsUrl: string;
  send: ReturnType<typeof slackSender>;
  close(): Promise<void>;
}

export interface TestSlackAppOptions {
  config?: Record<string, unknown>;
  now?: Date;
  /** Use this store (e.g. one seeded beforehand) instead of a fresh temp file. */
  store?: Store;
  customRoutes?: CreateSlackAppDeps['customRoutes'];
  remediation?: RemediationPort | null;
  /** Where the app logs (default: silent, or TEST_LOG_LEVEL); tests that check a warning pass their own. */
  log?: Logger;
  /** The answer engine (e.g. one whose answers a test holds); default: the app's own. */
  answers?: AnswerEngine;
}

export async function startTestSlackApp(opts: TestSlackAppOptions = {}): Promise<TestSlackApp> {
  const slack = await startFakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-slack-'));
  const store = opts.store ?? openStore(join(dir, 'test.db'));
  // The app answers one workspace (slack.teamId): the fake Slack's, unless a test names another.
  const input = opts.config ?? {};
  const slackInput = (input.slack ?? {}) as Record<string, unknown>;
  // No "working on it" notices unless a test asks for them: the answer thread's first start (the sources
  // compiled on the fly) can take seconds, and a notice would come before the answer a test waits for.
  const config = configSchema.parse({
    ...input,
    slack: { teamId: DEFAULT_TEAM_ID, workingNoticeMs: 0, ...slackInput },
  });
  const clock = fixedClock(opts.now ?? new Date('2026-11-28T09:00:00Z'));
  const env = readRuntimeEnv({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'silent',
  });
  const log = opts.log ?? createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = createSlackApp({
    config,
    env,
    store,
    clock,
    log,
    ...(opts.customRoutes ? { customRoutes: opts.customRoutes } : {}),
    ...(opts.remediation ? { remediation: opts.remediation } : {}),
    ...(opts.answers ? { answers: opts.answers } : {}),
  });
  const { port } = await app.start(0);
  const eventsUrl = `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`;
  return {
    slack,
    app,
    store,
    config,
    clock,
    port,
    eventsUrl,
    send: slackSender(eventsUrl, TEST_SIGNING_SECRET),
    async close() {
      await app.stop();
      await slack.close();
      if (!opts.store) store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
