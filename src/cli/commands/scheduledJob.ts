import { createSlackClient } from '../../delivery/slackClient.js';
import { catalogEstimator } from '../../report/source.js';
import { type LocalJob, localJobRuns } from '../../schedule/jobs.js';
import { RuntimeFailure, UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

// The jobs serve's scheduler runs through this command, each in a process of its own, by their names here.
const JOBS: Record<string, LocalJob> = {
  audit: 'audit',
  anomalies: 'anomalies',
  'genai-spikes': 'genaiSpikes',
};
const JOB_NAMES = Object.keys(JOBS);

/**
 * Internal: one of serve's scheduled jobs (the audit and its alerts, the daily anomaly and budget checks, the
 * generative-AI spike check after a sync), run
 * once in this process the way serve would run it, and then the process ends. serve starts it as a child
 * (src/serve/childJobs.ts) so the job's reads do not stay in the bot.
 */
export const scheduledJobCommand: CommandSpec = {
  name: 'scheduled-job',
  summary: "(internal) run one of serve's scheduled jobs once: audit | anomalies | genai-spikes",
  hidden: true,
  configure(cmd) {
    cmd
      .argument('<job>', JOB_NAMES.join(' | '))
      .requiredOption('--scheduled-for <iso8601>', 'when the job was due (as its cron fired)');
  },
  async run(ctx, opts, args) {
    const name = args[0] ?? '';
    const scheduledFor = new Date(String(opts.scheduledFor));
    const job = Object.hasOwn(JOBS, name) ? JOBS[name] : undefined;
    if (!job)
      throw new UsageError(
        `scheduled-job: found ${JSON.stringify(name)}, expected one of ${JOB_NAMES.join(', ')}`,
      );
    if (Number.isNaN(scheduledFor.getTime()))
      throw new UsageError(
        `--scheduled-for: found ${JSON.stringify(opts.scheduledFor)}, expected an ISO 8601 time`,
      );
    const store = ctx.store();
    const runs = localJobRuns({
      config: ctx.config,
      store,
      clock: ctx.clock,
      log: ctx.log,
      client: createSlackClient(ctx.env, ctx.config.slack.timeoutMs),
      estimate: (now) => catalogEstimator(store, ctx.config.timezone, now),
    });
    try {
      await runs[job]({ scheduledFor });
    } catch (err) {
      throw new RuntimeFailure(`the ${name} job failed: ${(err as Error).message}`);
    }
    return 0;
  },
};
