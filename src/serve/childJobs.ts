// The scheduled jobs serve runs in a process of their own: a sync pass (`burnrate sync --once`, with Google's
// client libraries), the weekly digest (`burnrate digest --post`, with the chart renderer), and the audit and the
// daily checks (`burnrate scheduled-job`), whose reads of a large organisation take hundreds of megabytes for a
// few seconds. Their output goes to serve's log; a failure, a run past its time or a stop becomes the scheduled
// run's error.
import { type ChildRunResult, runChild } from '../app/childProcess.js';
import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import { lastCompleteWeek } from '../report/period.js';
import type { JobContext } from '../schedule/scheduler.js';

const MINUTE_MS = 60_000;

export interface ChildJobs {
  sync(): Promise<void>;
  audit(ctx: JobContext): Promise<void>;
  anomalies(ctx: JobContext): Promise<void>;
  genaiSpikes(ctx: JobContext): Promise<void>;
  digest(ctx: JobContext): Promise<void>;
  /** Stops the children still running (serve is stopping). */
  stopAll(): void;
}

export interface ChildJobOptions {
  /** burnrate's global options for the children (config, database, clock): CliContext.childArgs. */
  globalArgs: readonly string[];
  config: Config;
  log: Logger;
}

/** Why a child's run failed, as the schedule's run history records it; null when it succeeded. */
export function childFailure(what: string, result: ChildRunResult, timeoutMs: number): string | null {
  // A child told to stop may still exit 0 (it stops gracefully): it did not finish all the same.
  if (result.timedOut)
    return `${what} ran longer than ${Math.round(timeoutMs / MINUTE_MS)} min and was stopped`;
  if (result.stopped) return `${what} was stopped: burnrate is shutting down`;
  if (result.code === 0) return null;
  const why = result.problems.length > 0 ? `: ${result.problems.join('; ')}` : '';
  if (result.code === null) return `${what} ended by ${result.signal ?? 'a signal'}${why}`;
  return `${what} exited with code ${result.code}${why}`;
}

export function childJobs(opts: ChildJobOptions): ChildJobs {
  const stopping = new AbortController();
  const timeouts = opts.config.schedules.timeoutMinutes;
  // One child at a time: each takes hundreds of megabytes for a while, and the machine is sized for the bot plus
  // the largest of them, not their sum. A job waiting its turn is not yet on its clock.
  let turn: Promise<unknown> = Promise.resolve();
  const run = (name: string, what: string, args: readonly string[], timeoutMs: number): Promise<void> => {
    const ran = turn.then(async () => {
      if (stopping.signal.aborted) throw new Error(`${what} was not started: burnrate is shutting down`);
      const result = await runChild({
        name,
        args: [...opts.globalArgs, ...args],
        timeoutMs,
        log: opts.log,
        signal: stopping.signal,
      });
      const failure = childFailure(what, result, timeoutMs);
      if (failure) throw new Error(failure);
    });
    turn = ran.catch(() => {});
    return ran;
  };
  const scheduled = (job: 'audit' | 'anomalies' | 'genai-spikes') => (ctx: JobContext) =>
    run(
      job,
      `the ${job} job`,
      ['scheduled-job', job, '--scheduled-for', ctx.scheduledFor.toISOString()],
      timeouts.audit * MINUTE_MS,
    );
  return {
    sync: () => run('sync', 'the sync pass (see sync_runs)', ['sync', '--once'], timeouts.sync * MINUTE_MS),
    audit: scheduled('audit'),
    anomalies: scheduled('anomalies'),
    genaiSpikes: scheduled('genai-spikes'),
    async digest({ scheduledFor }) {
      // No channel takes the digest: nothing to post, and no process to start for it.
      if (!opts.config.slack.channels.some((c) => c.digest)) return;
      // The week before the one the cron fired in: a catch-up on Wednesday still sends Monday's digest.
      const week = lastCompleteWeek(scheduledFor, opts.config.timezone);
      await run(
        'digest',
        `digest ${week.week}`,
        ['digest', '--post', '--week', week.week],
        timeouts.digest * MINUTE_MS,
      );
    },
    stopAll: () => stopping.abort(),
  };
}
