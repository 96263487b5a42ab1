import { markSent, rememberMessage, wasSent } from '../db/queries/messages.js';
import { anomalyTargets } from '../report/anomalies.js';
import { checkGenaiAnomaly, genaiAnomalyKey, genaiDaysToCheck } from '../report/genaiAnomalies.js';
import { actualThrough } from '../spend/actualThrough.js';
import { dayInZone } from '../time/days.js';
import { anomalyMessage } from './blocks/digest.js';
import { postToChannels } from './post.js';
import type { ReportPostingDeps } from './reportDeps.js';

export interface GenaiCheckResult {
  days: string[];
  alerts: number;
  failed: string[];
}

/**
 * After a sync pass: judges the generative-AI spend of each day the export may still be delivering, per alert
 * scope, and alerts once per scope and day (a day judged unusual on its first rows is not alerted again).
 */
export async function runGenaiSpikeChecks(deps: ReportPostingDeps): Promise<GenaiCheckResult> {
  const { store, config, clock, log } = deps;
  const today = dayInZone(clock.now(), config.timezone);
  const days = genaiDaysToCheck(actualThrough(store.sqlite, today), today);
  const result: GenaiCheckResult = { days, alerts: 0, failed: [] };
  for (const target of anomalyTargets(config.slack.channels)) {
    for (const day of days) {
      const key = genaiAnomalyKey(target.id, day);
      if (wasSent(store, key)) continue;
      const report = checkGenaiAnomaly(store, config, target, day);
      if (!report.alert) continue;
      const { posted, failed } = await postToChannels(
        deps.client,
        target.channels,
        anomalyMessage(report, config.currency),
        {
          ...deps.retry,
          log,
          onPosted: (m) => rememberMessage(store, { kind: 'anomaly', ref: key, ...m }, clock.now()),
        },
      );
      for (const f of failed)
        log.error({ channel: f.channel, ref: key, err: f.error }, 'could not post a report alert');
      if (posted.length > 0) {
        markSent(store, [key], clock.now());
        result.alerts += 1;
      } else {
        result.failed.push(key);
      }
    }
  }
  return result;
}
