// `burnrate serve`: the Slack app, the scheduler and /healthz on one port, stopped gracefully.
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import type { RetryOptions } from '../delivery/post.js';
import { createSlackClient } from '../delivery/slackClient.js';
import type { RemediationPort } from '../remediate/port.js';
import type { ChartRenderer } from '../report/chart.js';
import { catalogEstimator } from '../report/source.js';
import type { SpotPricer } from '../report/spotPrice.js';
import { type JobDeps, scheduledJobs } from '../schedule/jobs.js';
import { createScheduler, DEFAULT_STOP_TIMEOUT_MS, type Scheduler } from '../schedule/scheduler.js';
import { createSlackApp, type SlackApp } from '../slack/app.js';
import { healthRoute, syncPeriodOf } from './health.js';

export interface ServeOptions {
  config: Config;
  env: RuntimeEnv;
  store: Store;
  clock: Clock;
  log: Logger;
  /** One sync pass; null when Google is not configured. */
  sync: (() => Promise<void>) | null;
  /** Scheduled jobs run elsewhere (`burnrate serve`: child processes); the others run in this process. */
  elsewhere?: JobDeps['elsewhere'];
  /** Handed to Slack listeners (e.g. `gcp` for remediation). */
  remediation?: RemediationPort | null;
  /** Draws answers' and App Home's charts (`burnrate serve`: a helper process); default: in this process. */
  charts?: ChartRenderer;
  spotPrice?: SpotPricer;
  /** Port to listen on; defaults to PORT. 0 picks a free one. */
  port?: number;
  /** Start node-cron (tests drive ticks themselves and pass false). */
  startCrons?: boolean;
  /** Run missed catch-up jobs (the weekly digest) in the background after start. */
  catchUp?: boolean;
  stopTimeoutMs?: number;
  retry?: RetryOptions;
  /**
   * Called as the stop begins, before waiting for running jobs: serve stops its sync and digest child processes
   * there (a sync pass is safe to interrupt, and a digest already posted to a channel is not posted again).
   */
  onStopping?: () => void;
}

export interface RunningServer {
  port: number;
  slack: SlackApp;
  scheduler: Scheduler;
  /** Resolves when the start-up catch-up has finished. */
  caughtUp: Promise<unknown>;
  /** Stops the crons, waits (bounded) for running jobs, stops the HTTP server. The caller closes the store. */
  stop(): Promise<{ unfinishedJobs: string[] }>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const { config, env, store, clock, log } = opts;
  const slack = createSlackApp({
    config,
    env,
    store,
    clock,
    log,
    customRoutes: [
      healthRoute(store, clock, log, {
        syncPeriodMs: syncPeriodOf(opts.sync ? config.schedules.sync : null, config.timezone),
        startedAt: clock.now(),
      }),
    ],
    remediation: opts.remediation ?? null,
    ...(opts.charts ? { charts: opts.charts } : {}),
  });
  const client = createSlackClient(env, config.slack.timeoutMs);
  const scheduler = createScheduler(
    scheduledJobs({
      config,
      store,
      clock,
      log,
      client,
      sync: opts.sync,
      ...(opts.elsewhere ? { elsewhere: opts.elsewhere } : {}),
      estimate: (now) => catalogEstimator(store, config.timezone, now),
      ...(opts.spotPrice ? { spotPrice: opts.spotPrice } : {}),
      ...(opts.retry ? { retry: opts.retry } : {}),
    }),
    { store, clock, log, timezone: config.timezone },
  );
  let port: number;
  try {
    ({ port } = await slack.start(opts.port ?? env.port));
    if (opts.startCrons !== false) scheduler.start();
  } catch (err) {
    // Nothing half started stays behind: no port answering 503 over a closed database, no cron firing.
    await scheduler.stop(0).catch(() => []);
    await slack.stop().catch(() => {});
    throw err;
  }
  const caughtUp =
    opts.catchUp === false
      ? Promise.resolve([])
      : scheduler.catchUp().catch((err: unknown) => {
          log.error({ err: (err as Error).message }, 'catch-up of missed scheduled runs failed');
        });
  log.info({ port }, 'burnrate is serving Slack requests and /healthz');
  let stopped: Promise<{ unfinishedJobs: string[] }> | null = null;
  return {
    port,
    slack,
    scheduler,
    caughtUp,
    stop() {
      stopped ??= (async () => {
        opts.onStopping?.();
        const timeoutMs = opts.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
        const deadline = Date.now() + timeoutMs;
        // The crons stop and the HTTP server closes (no new clicks) at once; running jobs and remediations already
        // waiting on Google share one bound, so the whole stop fits the orchestrator's grace period. A remediation
        // still waiting near the end is told to stop and records its outcome before the caller closes the database.
        const [unfinishedJobs, unfinishedRemediations] = await Promise.all([
          scheduler.stop(timeoutMs),
          slack.stop().then(() => slack.deps.inFlight.drain(Math.max(0, deadline - Date.now()))),
        ]);
        if (unfinishedRemediations > 0) unfinishedJobs.push(`${unfinishedRemediations} remediation(s)`);
        log.info({ unfinishedJobs }, 'burnrate stopped');
        return { unfinishedJobs };
      })();
      return stopped;
    },
  };
}
