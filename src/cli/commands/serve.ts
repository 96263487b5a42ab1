import { googleConfigured, type RuntimeEnv } from '../../config/env.js';
import { ConfigError } from '../../config/load.js';
import { childRemediationPort } from '../../remediate/childPort.js';
import { childChartRenderer } from '../../report/chartChild.js';
import { childJobs } from '../../serve/childJobs.js';
import { startServer } from '../../serve/serve.js';
import { RuntimeFailure, UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

// The whole stop — running jobs and remediations waiting on Google, together — within fly.toml's kill_timeout
// (30 s), with time left to end the child processes and close the database.
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
    // Nothing of Google's is loaded here, and no large read stays: sync passes, audits, daily checks and digests
    // run as child processes of their own, and the alert buttons' Google calls go to a child started at the first
    // click.
    const google = googleConfigured(ctx.env);
    if (!google)
      ctx.log.warn(
        'Google is not configured (GOOGLE_APPLICATION_CREDENTIALS or BURNRATE_GCP_ENDPOINT): no sync job',
      );
    const children = childJobs({ globalArgs: ctx.childArgs, config: ctx.config, log: ctx.log });
    const remediation = google ? childRemediationPort({ globalArgs: ctx.childArgs, log: ctx.log }) : null;
    const charts = childChartRenderer({ globalArgs: ctx.childArgs, log: ctx.log });
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        config: ctx.config,
        env: ctx.env,
        store,
        clock: ctx.clock,
        log: ctx.log,
        sync: google ? children.sync : null,
        elsewhere: {
          audit: children.audit,
          anomalies: children.anomalies,
          genaiSpikes: children.genaiSpikes,
          digest: children.digest,
        },
        remediation,
        charts: charts.render,
        stopTimeoutMs: STOP_TIMEOUT_MS,
        onStopping: children.stopAll,
      });
    } catch (err) {
      // startServer stopped what it had started; the children go too, so the process can end with exit 1.
      children.stopAll();
      await Promise.all([remediation?.close(), charts.close()]);
      throw new RuntimeFailure(`serve could not start: ${(err as Error).message}`);
    }
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    ctx.log.info({ signal }, 'stopping: no new scheduled runs, waiting for running ones');
    const { unfinishedJobs } = await server.stop();
    await Promise.all([remediation?.close(), charts.close()]);
    // The CLI closes the database after this returns.
    return unfinishedJobs.length > 0 ? 1 : 0;
  },
};
