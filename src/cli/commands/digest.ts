import { digestMessage } from '../../delivery/blocks/digest.js';
import { postWeeklyDigests } from '../../delivery/digest.js';
import { createSlackClient } from '../../delivery/slackClient.js';
import { buildDigest, digestScopes, type WeeklyDigest } from '../../report/digest.js';
import { renderDigestText } from '../../report/digestText.js';
import { lastCompleteWeek, weekRange } from '../../report/period.js';
import { catalogEstimator } from '../../report/source.js';
import { UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

const FORMATS = ['text', 'json', 'blocks'] as const;
type Format = (typeof FORMATS)[number];

export const digestCommand: CommandSpec = {
  name: 'digest',
  summary:
    'the weekly digest: print it (whole org and each channel scope), or --post it to the digest channels',
  configure(cmd) {
    cmd
      .option(
        '--post',
        'post to every channel with digest: true (once per ISO week and channel), chart in the thread',
      )
      .option('--format <format>', 'text | json | blocks (printing only)', 'text')
      .option('--week <YYYY-Www>', 'the ISO week to report (default: last complete week in config.timezone)');
  },
  async run(ctx, opts) {
    const format = String(opts.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) {
      throw new UsageError(
        `--format: found ${JSON.stringify(opts.format)}, expected one of ${FORMATS.join(', ')}`,
      );
    }
    const now = ctx.clock.now();
    let week = lastCompleteWeek(now, ctx.config.timezone);
    if (opts.week !== undefined) {
      const chosen = weekRange(String(opts.week));
      if (!chosen)
        throw new UsageError(
          `--week: found ${JSON.stringify(opts.week)}, expected an ISO week such as 2026-W43`,
        );
      week = chosen;
    }
    const store = ctx.store();
    const estimate = catalogEstimator(store, ctx.config.timezone, now);

    if (opts.post === true) {
      if (!ctx.env.slack.botToken) {
        throw new UsageError('--post needs SLACK_BOT_TOKEN (environment) to post the digest; it is not set');
      }
      if (!ctx.config.slack.channels.some((c) => c.digest)) {
        throw new UsageError(
          '--post: no channel in slack.channels has digest: true, so there is nowhere to post',
        );
      }
      const result = await postWeeklyDigests(
        {
          store,
          config: ctx.config,
          clock: ctx.clock,
          log: ctx.log,
          client: createSlackClient(ctx.env, ctx.config.slack.timeoutMs),
          estimate,
        },
        week,
      );
      for (const p of result.posted) {
        ctx.print(
          `Posted the ${week.week} digest to ${p.channel} (ts ${p.ts})${p.chartFileId ? ' with its chart' : ', chart failed'}`,
        );
      }
      for (const c of result.alreadySent)
        ctx.print(`${c} already had the ${week.week} digest; not posted again`);
      for (const f of result.failed) ctx.print(`! could not post to ${f.channel}: ${f.error}`);
      return result.failed.length > 0 ? 1 : 0;
    }

    const digests: WeeklyDigest[] = digestScopes(ctx.config, { posting: false }).map((scope) =>
      buildDigest({ store, config: ctx.config, week, scope, now, estimate }),
    );
    if (format === 'json') {
      ctx.print(JSON.stringify(digests.length === 1 ? digests[0] : digests, null, 2));
    } else if (format === 'blocks') {
      const messages = digests.map((d) => ({ scope: d.scope.name, ...digestMessage(d) }));
      ctx.print(JSON.stringify(messages.length === 1 ? messages[0] : messages, null, 2));
    } else {
      ctx.print(digests.map(renderDigestText).join('\n\n────────\n\n'));
    }
    return 0;
  },
};
