import { runAudit } from '../../audit/runAudit.js';
import { type PostAlertsResult, postDueAlerts } from '../../delivery/alerts.js';
import { findingJson, findingText } from '../../delivery/findingText.js';
import { createSlackClient } from '../../delivery/slackClient.js';
import { UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

export const auditCommand: CommandSpec = {
  name: 'audit',
  summary: 'evaluate the audit rules, print findings, --post sends new alerts',
  configure(cmd) {
    cmd
      .option('--post', 'send new and due alerts to the Slack channels with alerts: true')
      .option('--json', 'print findings as JSON');
  },
  async run(ctx, opts) {
    const post = opts.post === true;
    const token = ctx.env.slack.botToken;
    if (post && !token) {
      throw new UsageError(
        '--post needs SLACK_BOT_TOKEN (environment) to send alerts to Slack; it is not set',
      );
    }
    if (post && !ctx.config.slack.channels.some((c) => c.alerts)) {
      throw new UsageError(
        '--post: no channel in slack.channels has alerts: true, so there is nowhere to send alerts',
      );
    }
    const store = ctx.store();
    const result = runAudit({ store, config: ctx.config, clock: ctx.clock, log: ctx.log });
    let posted: PostAlertsResult | null = null;
    if (post && token) {
      const client = createSlackClient(ctx.env, ctx.config.slack.timeoutMs);
      posted = await postDueAlerts(
        { store, config: ctx.config, clock: ctx.clock, log: ctx.log, client },
        result.due,
      );
    }
    if (opts.json === true) {
      ctx.print(
        JSON.stringify(
          {
            at: result.at,
            findings: result.findings.map(findingJson),
            due: result.due.map((f) => f.id),
            unknown: result.unknown,
            ruleErrors: result.ruleErrors,
            ...(posted ? { posted: posted.posted, unrouted: posted.unrouted, failed: posted.failed } : {}),
          },
          null,
          2,
        ),
      );
    } else {
      if (result.findings.length === 0) ctx.print('No findings: nothing looks wasteful in the synced data.');
      for (const finding of result.findings) ctx.print(`${findingText(finding, ctx.config.timezone)}\n`);
      for (const u of result.unknown) ctx.print(`? ${u.rule} could not judge ${u.resource}: ${u.why}`);
      for (const e of result.ruleErrors) ctx.print(`! rule ${e.rule} failed: ${e.error}`);
      if (posted) {
        ctx.print(
          `Posted ${posted.posted.length} alert message(s); ${posted.unrouted.length} finding(s) matched no alert channel; ${posted.failed.length} post(s) failed.`,
        );
      }
    }
    return result.ruleErrors.length > 0 || (posted !== null && posted.failed.length > 0) ? 1 : 0;
  },
};
