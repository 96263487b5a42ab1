import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Store } from '../db/open.js';
import {
  closeInterruptedRuns,
  finishScheduleRun,
  insertScheduleRun,
  type RunOutcome,
  ranSince,
} from '../db/queries/schedule.js';
import { cronMatcher, lastDueAt } from './due.js';

// How far back start-up looks for a missed run to catch up (a weekly job's period plus a day).
export const CATCH_UP_LOOKBACK_MS = 8 * 24 * 3_600_000;
// How long stop() waits for running jobs before giving up on them.
export const DEFAULT_STOP_TIMEOUT_MS = 30_000;
// Error text stored for runs recorded as skipped.
const OVERLAP_REASON = 'previous run of this job still in progress';

export interface JobContext {
  /** When the cron fired (or the missed time being caught up). */
  scheduledFor: Date;
}

export interface JobDefinition {
  name: string;
  cron: string;
  run(ctx: JobContext): Promise<void>;
  /** Run once at start when the latest due time has no successful run (e.g. the weekly digest). */
  catchUp?: boolean;
}

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  timezone: string;
}

export interface Scheduler {
  /** Fires a job as its cron would (tests call this directly). Resolves when the run ends (or is skipped). */
  tick(job: string, scheduledFor?: Date): Promise<RunOutcome>;
  /** Runs, once each, catch-up jobs whose latest due time before now has no successful run. */
  catchUp(): Promise<Array<{ job: string; scheduledFor: string; outcome: RunOutcome }>>;
  /** Hands the jobs to node-cron (in the configured time zone). */
  start(): void;
  /** Stops the crons, then waits (bounded) for running jobs; resolves with the jobs still running. */
  stop(timeoutMs?: number): Promise<string[]>;
  /** Jobs running right now. */
  running(): string[];
}

export function createScheduler(jobs: readonly JobDefinition[], deps: SchedulerDeps): Scheduler {
  const { store, clock, log, timezone } = deps;
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const inFlight = new Map<string, Promise<RunOutcome>>();
  const tasks: ScheduledTask[] = [];
  let stopping = false;

  const execute = async (job: JobDefinition, scheduledFor: Date, runId: number): Promise<RunOutcome> => {
    try {
      await job.run({ scheduledFor });
      finishScheduleRun(store, runId, clock.now().toISOString(), 'ok', null);
      log.info({ job: job.name, scheduledFor: scheduledFor.toISOString() }, 'scheduled job finished');
      return 'ok';
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      finishScheduleRun(store, runId, clock.now().toISOString(), 'failed', message);
      log.error(
        { job: job.name, scheduledFor: scheduledFor.toISOString(), err: message },
        'scheduled job failed',
      );
      return 'failed';
    }
  };

  const tick = async (name: string, scheduledFor: Date = clock.now()): Promise<RunOutcome> => {
    const job = byName.get(name);
    if (!job) throw new Error(`no scheduled job named ${name}; known: ${[...byName.keys()].join(', ')}`);
    const startedAt = clock.now().toISOString();
    if (inFlight.has(name) || stopping) {
      insertScheduleRun(store, {
        job: name,
        scheduledFor: scheduledFor.toISOString(),
        startedAt,
        endedAt: startedAt,
        outcome: 'skipped',
        error: stopping ? 'shutting down' : OVERLAP_REASON,
      });
      log.warn(
        { job: name },
        stopping ? 'scheduled job skipped: shutting down' : `scheduled job skipped: ${OVERLAP_REASON}`,
      );
      return 'skipped';
    }
    const runId = insertScheduleRun(store, {
      job: name,
      scheduledFor: scheduledFor.toISOString(),
      startedAt,
      endedAt: null,
      outcome: 'running',
      error: null,
    });
    const run = execute(job, scheduledFor, runId).finally(() => inFlight.delete(name));
    inFlight.set(name, run);
    return run;
  };

  return {
    tick,
    async catchUp() {
      const out: Array<{ job: string; scheduledFor: string; outcome: RunOutcome }> = [];
      // Runs left "running" by a process that died never finished: close them so history stays truthful.
      closeInterruptedRuns(
        store,
        clock.now().toISOString(),
        'interrupted: the process stopped during the run',
      );
      for (const job of jobs.filter((j) => j.catchUp)) {
        const due = lastDueAt(cronMatcher(job.cron, timezone), clock.now(), CATCH_UP_LOOKBACK_MS);
        if (!due) continue;
        if (ranSince(store, job.name, due.toISOString())) continue;
        log.info(
          { job: job.name, scheduledFor: due.toISOString() },
          'catching up a run missed while stopped',
        );
        out.push({ job: job.name, scheduledFor: due.toISOString(), outcome: await tick(job.name, due) });
      }
      return out;
    },
    start() {
      stopping = false;
      for (const job of jobs) {
        const task = cron.schedule(
          job.cron,
          (ctx) => {
            void tick(job.name, ctx.date);
          },
          // Overlap is ours to record (as a skipped run), so node-cron runs every tick it sees.
          { timezone, name: `burnrate:${job.name}` },
        );
        tasks.push(task);
      }
      log.info({ jobs: jobs.map((j) => `${j.name} "${j.cron}"`), timezone }, 'scheduler started');
    },
    async stop(timeoutMs = DEFAULT_STOP_TIMEOUT_MS) {
      stopping = true;
      for (const task of tasks.splice(0)) await task.destroy();
      const pending = [...inFlight.values()];
      if (pending.length === 0) return [];
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(pending),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      const left = [...inFlight.keys()];
      if (left.length > 0) log.warn({ jobs: left, timeoutMs }, 'stopped while jobs were still running');
      return left;
    },
    running: () => [...inFlight.keys()],
  };
}

export { type RunOutcome, recentRuns, type ScheduleRun } from '../db/queries/schedule.js';
