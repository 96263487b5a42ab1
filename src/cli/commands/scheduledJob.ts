import { createSlackClient } from '../../delivery/slackClient.js';
import { catalogEstimator } from '../../report/source.js';
import { scheduledJobs } from '../../schedule/jobs.js';
import { RuntimeFailure, UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

// The jobs serve's scheduler runs through this command, each in a process of its own.
const JOBS = ['audit', 'anomalies'] as const;

/**
 * Internal: one of serve's scheduled jobs (the audit and its alerts, the daily anomaly and budget checks), run
 * once in this process the way serve would run it, and then the process ends. serve starts it as a child
 * (src/serve/childJobs.ts) so the job's reads do not stay in the bot.
 */
export const scheduledJobCommand: CommandSpec = {
  name: 'scheduled-job',
  summary: "(internal) run one of serve's scheduled jobs once: audit | anomalies",
  hidden: true,
  configure(cmd) {
    cmd
      .argument('<job>', JOBS.join(' | '))
      .requiredOption('--scheduled-for <iso8601>', 'when the job was due (as its cron fired)');
  },
  async run(ctx, opts, args) {
    const name = args[0] ?? '';
    const scheduledFor = new Date(String(opts.scheduledFor));
    if (!(JOBS as readonly string[]).includes(name))
      throw new UsageError(
        `scheduled-job: found ${JSON.stringify(name)}, expected one of ${JOBS.join(', ')}`,
      );
    if (Number.isNaN(scheduledFor.getTime()))
      throw new UsageError(
        `--scheduled-for: found ${JSON.stringify(opts.scheduledFor)}, expected an ISO 8601 time`,
      );
    const store = ctx.store();
    const job = scheduledJobs({
      config: ctx.config,
      store,
      clock: ctx.clock,
      log: ctx.log,
      client: createSlackClient(ctx.env, ctx.config.slack.timeoutMs),
      sync: null,
      estimate: (now) => catalogEstimator(store, ctx.config.timezone, now),
    }).find((j) => j.name === name);
    try {
      await job?.run({ scheduledFor });
    } catch (err) {
      throw new RuntimeFailure(`the ${name} job failed: ${(err as Error).message}`);
    }
    return 0;
  },
};
