import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import type { RetryOptions } from '../delivery/post.js';
import type { ReportPostingDeps } from '../delivery/reportDeps.js';
import type { SlackClient } from '../delivery/slackClient.js';
import { lastCompleteWeek } from '../report/period.js';
import type { SpendEstimator } from '../report/source.js';
import type { SpotPricer } from '../report/spotPrice.js';
import type { JobContext, JobDefinition } from './scheduler.js';

export const JOB_NAMES = ['sync', 'audit', 'anomalies', 'digest'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  client: SlackClient;
  /** One collection pass (src/collect); null when Google is not configured, so the job is left out. */
  sync: (() => Promise<void>) | null;
  /**
   * Jobs run somewhere else: serve runs the audit, the daily checks, the digest and the generative-AI spike check
   * after each sync each in a short-lived process of its own (their reads of a large organisation, and the chart
   * renderer, never stay in the bot); a job not given here runs in this process.
   */
  elsewhere?: Partial<Record<LocalJob, JobRun>>;
  /** Catalog estimate for days not billed yet; defaults to none. */
  estimate?: (now: Date) => SpendEstimator;
  spotPrice?: SpotPricer;
  retry?: RetryOptions;
}

/** The work a scheduled job does, besides the sync pass itself, each run in this process when it runs here. */
export const LOCAL_JOBS = ['audit', 'anomalies', 'digest', 'genaiSpikes'] as const;
export type LocalJob = (typeof LOCAL_JOBS)[number];
export type JobRun = (ctx: JobContext) => Promise<void>;

function failedAlerts(result: { failed: readonly string[] }): void {
  if (result.failed.length > 0)
    throw new Error(`could not post ${result.failed.length} alert(s): ${result.failed.join(', ')}`);
}

/**
 * Each job's work as this process does it. The modules load when the job runs: serve runs them in child
 * processes (`burnrate scheduled-job`) and never needs them.
 */
export function localJobRuns(deps: Omit<JobDeps, 'sync' | 'elsewhere'>): Record<LocalJob, JobRun> {
  const { config, store, clock, log, client } = deps;
  const retry = deps.retry ? { retry: deps.retry } : {};
  // What posting a report needs, with the catalog estimate as of the run.
  const reportDeps = (): ReportPostingDeps => ({
    store,
    config,
    clock,
    log,
    client,
    ...(deps.estimate ? { estimate: deps.estimate(clock.now()) } : {}),
    ...retry,
  });
  return {
    async audit() {
      const [{ runAudit }, { postDueAlerts }] = await Promise.all([
        import('../audit/runAudit.js'),
        import('../delivery/alerts.js'),
      ]);
      const result = runAudit({ store, config, clock, log });
      await postDueAlerts({ store, config, clock, log, client, ...retry }, result.due);
    },
    async anomalies() {
      const { runDailyChecks } = await import('../delivery/dailyChecks.js');
      failedAlerts(await runDailyChecks(reportDeps()));
    },
    async digest({ scheduledFor }) {
      // The week before the one the cron fired in: a catch-up on Wednesday still sends Monday's digest.
      const week = lastCompleteWeek(scheduledFor, config.timezone);
      const { postWeeklyDigests } = await import('../delivery/digest.js');
      const result = await postWeeklyDigests(
        { ...reportDeps(), ...(deps.spotPrice ? { spotPrice: deps.spotPrice } : {}) },
        week,
      );
      if (result.failed.length > 0) {
        throw new Error(
          `digest ${week.week} failed for ${result.failed.map((f) => `${f.channel} (${f.error})`).join(', ')}`,
        );
      }
    },
    // Generative-AI spikes are judged as soon as the export delivers their rows, not once a day.
    async genaiSpikes() {
      const { runGenaiSpikeChecks } = await import('../delivery/genaiChecks.js');
      failedAlerts(await runGenaiSpikeChecks(reportDeps()));
    },
  };
}

/** The scheduled jobs, on the crons of config.schedules. */
export function scheduledJobs(deps: JobDeps): JobDefinition[] {
  const local = localJobRuns(deps);
  const run = (job: LocalJob): JobRun => deps.elsewhere?.[job] ?? local[job];
  const { schedules } = deps.config;
  const jobs: JobDefinition[] = [];
  const sync = deps.sync;
  if (sync) {
    jobs.push({
      name: 'sync',
      cron: schedules.sync,
      async run(ctx) {
        await sync();
        await run('genaiSpikes')(ctx);
      },
    });
  }
  jobs.push({ name: 'audit', cron: schedules.audit, run: run('audit') });
  // Anomaly and budget alerts are keyed per day and month, so a catch-up run cannot repeat one.
  jobs.push({ name: 'anomalies', cron: schedules.anomalies, catchUp: true, run: run('anomalies') });
  jobs.push({ name: 'digest', cron: schedules.digest, catchUp: true, run: run('digest') });
  return jobs;
}
