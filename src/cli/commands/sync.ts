import { progressReporter } from '../../collect/progress.js';
import { formatSyncSummary } from '../../collect/summary.js';
import { runSyncPass } from '../../collect/syncPass.js';
import { recordDailyEstimates } from '../../spend/estimateAccuracy.js';
import type { CommandSpec } from '../spec.js';

export const syncCommand: CommandSpec = {
  name: 'sync',
  summary: 'one collection pass over every configured project × region',
  configure(cmd) {
    cmd.option(
      '--once',
      'run one pass and exit (what sync always does; the scheduler in `serve` runs it as a child process)',
    );
  },
  async run(ctx) {
    const store = ctx.store();
    // Google's client libraries load here, in the process that syncs, never in the one that serves Slack.
    const { createGcp } = await import('../../gcp/index.js');
    const gcp = createGcp({ env: ctx.env, config: ctx.config, log: ctx.log });
    try {
      if (ctx.config.google.projects.length === 0) {
        ctx.log.warn('no google.projects configured: only the catalog and billing export are read');
      }
      const result = await runSyncPass({
        store,
        gcp,
        config: ctx.config,
        clock: ctx.clock,
        log: ctx.log,
        onProgress: progressReporter((line) => process.stderr.write(line)),
      });
      // Each day not billed yet keeps the estimate it has now, to be set beside its billed figure later.
      recordDailyEstimates(store, { timezone: ctx.config.timezone, now: ctx.clock.now() });
      ctx.print(formatSyncSummary(result));
      return result.ok ? 0 : 1;
    } finally {
      await gcp.close();
    }
  },
};
