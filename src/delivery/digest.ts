import { markSent, rememberMessage, wasSent } from '../db/queries/messages.js';
import { inTransaction } from '../db/rows.js';
import { renderDailySpendChart } from '../report/chart.js';
import { buildDigest, digestScopes } from '../report/digest.js';
import type { WeekRange } from '../report/period.js';
import type { SpotPricer } from '../report/spotPrice.js';
import { digestMessage } from './blocks/digest.js';
import { postMessage, uploadFile } from './post.js';
import type { ReportPostingDeps } from './reportDeps.js';

export interface PostDigestDeps extends ReportPostingDeps {
  spotPrice?: SpotPricer;
}

export interface PostDigestResult {
  posted: Array<{ channel: string; ts: string; chartFileId: string | null }>;
  /** Channels that had this week's digest already. */
  alreadySent: string[];
  failed: Array<{ channel: string; error: string }>;
}

/** Key of a channel's digest for an ISO week: a digest goes to a channel once per week. */
export function digestKey(week: string, channel: string): string {
  return `digest:${week}:${channel}`;
}

/**
 * Posts the week's digest to every channel with `digest: true` that has not had it, then the chart into the
 * message's thread. A channel is marked done as soon as its message is posted, so a retry never repeats it.
 */
export async function postWeeklyDigests(deps: PostDigestDeps, week: WeekRange): Promise<PostDigestResult> {
  const { store, config, clock, log, client } = deps;
  const result: PostDigestResult = { posted: [], alreadySent: [], failed: [] };
  for (const scope of digestScopes(config, { posting: true })) {
    const channel = scope.channel!;
    const key = digestKey(week.week, channel);
    if (wasSent(store, key)) {
      result.alreadySent.push(channel);
      continue;
    }
    try {
      const digest = buildDigest({
        store,
        config,
        week,
        scope,
        now: clock.now(),
        ...(deps.estimate ? { estimate: deps.estimate } : {}),
        ...(deps.spotPrice ? { spotPrice: deps.spotPrice } : {}),
      });
      const message = digestMessage(digest);
      const posted = await postMessage(client, channel, message, { ...deps.retry, log });
      inTransaction(store, () => {
        rememberMessage(store, { kind: 'digest', ref: `${week.week}:${channel}`, ...posted }, clock.now());
        markSent(store, [key], clock.now());
      });
      let chartFileId: string | null = null;
      try {
        const chart = await renderDailySpendChart(
          digest.chart,
          `Daily ML spend by kind, ${digest.dailyTotals[0]?.day ?? week.start} to ${digest.dailyTotals.at(-1)?.day ?? week.end}`,
          { fontFile: config.digest.chartFontFile },
        );
        chartFileId = await uploadFile(
          client,
          {
            channel: posted.channel,
            threadTs: posted.ts,
            filename: `burnrate-${week.week}.png`,
            title: `Daily spend by kind, ${config.digest.chartWeeks} weeks to ${week.week}`,
            altText: `Stacked bar chart of daily ML spend by kind over ${config.digest.chartWeeks} weeks`,
            data: chart.png,
            timeoutMs: config.slack.timeoutMs,
          },
          { ...deps.retry, log },
        );
      } catch (err) {
        log.warn(
          { channel, week: week.week, err: (err as Error).message },
          'digest posted without its chart',
        );
      }
      result.posted.push({ ...posted, chartFileId });
    } catch (err) {
      const error = (err as Error).message;
      result.failed.push({ channel, error });
      log.error({ channel, week: week.week, err: error }, 'could not post the weekly digest');
    }
  }
  log.info(
    {
      week: week.week,
      posted: result.posted.length,
      alreadySent: result.alreadySent.length,
      failed: result.failed.length,
    },
    'weekly digest delivery',
  );
  return result;
}
