import { runSyncPass } from '../../collect/syncPass.js';
import { googleConfigured, type RuntimeEnv } from '../../config/env.js';
import { ConfigError } from '../../config/load.js';
import { createGcp, type Gcp } from '../../gcp/index.js';
import { startServer } from '../../serve/serve.js';
import { recordDailyEstimates } from '../../spend/estimateAccuracy.js';
import { RuntimeFailure, UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

// The whole stop — running jobs and remediations waiting on Google, together — within fly.toml's kill_timeout
// (30 s), with time left to close the Google clients and the database.
const STOP_TIMEOUT_MS = 25_000;

/** The Slack variables serve cannot start without, by name (empty when all are set). */
export function missingSlackVariables(env: RuntimeEnv): string[] {
  const s = env.slack;
  const missing: string[] = [];
  if (!s.botToken) missing.push('SLACK_BOT_TOKEN');
  if (s.socketMode) {
    if (!s.appToken) missing.push('SLACK_APP_TOKEN');
  } else if (!s.signingSecret) {
    missing.push('SLACK_SIGNING_SECRET');
  }
  return missing;
}

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Slack bot + scheduler (sync, audit, digest on their crons) + /healthz',
  configure() {},
  async run(ctx) {
    const missing = missingSlackVariables(ctx.env);
    if (missing.length > 0) {
      throw new UsageError(
        `serve needs Slack credentials: ${missing.join(', ')} (environment) ${missing.length === 1 ? 'is' : 'are'} not set`,
      );
    }
    if (!ctx.config.slack.teamId) {
      const file = ctx.configPath ?? '(built-in defaults)';
      throw new ConfigError(
        `${file}: slack.teamId is required for serve: the id of the one Slack workspace burnrate answers, such as T0123ABCD (Slack shows it in the workspace's URLs and in auth.test); requests from any other workspace are refused`,
        file,
        'slack.teamId',
      );
    }
    const store = ctx.store();
    let gcp: Gcp | null = null;
    if (googleConfigured(ctx.env)) gcp = createGcp({ env: ctx.env, config: ctx.config, log: ctx.log });
    else
      ctx.log.warn(
        'Google is not configured (GOOGLE_APPLICATION_CREDENTIALS or BURNRATE_GCP_ENDPOINT): no sync job',
      );
    const connectedGcp = gcp;
    const sync = connectedGcp
      ? async () => {
          const result = await runSyncPass({
            store,
            gcp: connectedGcp,
            config: ctx.config,
            clock: ctx.clock,
            log: ctx.log,
          });
          // Each day not billed yet keeps the estimate it has now, to be set beside its billed figure later.
          recordDailyEstimates(store, { timezone: ctx.config.timezone, now: ctx.clock.now() });
          if (!result.ok) throw new Error('sync pass finished with failed scopes (see sync_runs)');
        }
      : null;
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        config: ctx.config,
        env: ctx.env,
        store,
        clock: ctx.clock,
        log: ctx.log,
        sync,
        remediation: gcp,
        stopTimeoutMs: STOP_TIMEOUT_MS,
      });
    } catch (err) {
      // startServer stopped what it had started; the clients go too, so the process can end with exit 1.
      await gcp?.close();
      throw new RuntimeFailure(`serve could not start: ${(err as Error).message}`);
    }
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    ctx.log.info({ signal }, 'stopping: no new scheduled runs, waiting for running ones');
    const { unfinishedJobs } = await server.stop();
    await gcp?.close();
    // The CLI closes the database after this returns.
    return unfinishedJobs.length > 0 ? 1 : 0;
  },
};
