import { markSent, rememberMessage, wasSent } from '../db/queries/messages.js';
import { isWholeOrg } from '../domain/slice.js';
import {
  type AnomalyReport,
  anomalyNotificationKey,
  anomalyTargets,
  checkAnomalies,
} from '../report/anomalies.js';
import { budgetStatus, newBudgetCrossings } from '../report/budgets.js';
import { actualThrough } from '../spend/actualThrough.js';
import { dayInZone } from '../time/days.js';
import { anomalyMessage, budgetAlertMessage, type ReportMessage } from './blocks/digest.js';
import { postToChannels } from './post.js';
import type { ReportPostingDeps } from './reportDeps.js';

export type DailyCheckDeps = ReportPostingDeps;

export interface DailyCheckResult {
  day: string | null;
  anomalies: AnomalyReport[];
  anomalyAlerts: number;
  budgetAlerts: number;
  failed: string[];
}

async function deliver(
  deps: DailyCheckDeps,
  channels: readonly string[],
  message: ReportMessage,
  kind: string,
  ref: string,
): Promise<boolean> {
  const { posted, failed } = await postToChannels(deps.client, channels, message, {
    ...deps.retry,
    log: deps.log,
    onPosted: (m) => rememberMessage(deps.store, { kind, ref, ...m }, deps.clock.now()),
  });
  for (const f of failed) {
    deps.log.error({ channel: f.channel, kind, ref, err: f.error }, 'could not post a report alert');
  }
  return posted.length > 0;
}

/**
 * The daily job: judges the latest billed day for anomalies per alert scope and checks budgets; each alert goes
 * out the first time its threshold is crossed and never again for the same day (anomaly) or month (budget).
 */
export async function runDailyChecks(deps: DailyCheckDeps): Promise<DailyCheckResult> {
  const { store, config, clock, log } = deps;
  const result: DailyCheckResult = {
    day: null,
    anomalies: [],
    anomalyAlerts: 0,
    budgetAlerts: 0,
    failed: [],
  };
  const day = actualThrough(store.sqlite, dayInZone(clock.now(), config.timezone));
  result.day = day;
  if (day) {
    for (const target of anomalyTargets(config.slack.channels)) {
      const report = checkAnomalies(store, config, target, day);
      result.anomalies.push(report);
      if (report.verdict.insufficientHistory) log.info({ scope: target.id, day }, report.summary);
      const key = anomalyNotificationKey(target.id, day);
      if (!report.alert || wasSent(store, key)) continue;
      if (await deliver(deps, target.channels, anomalyMessage(report, config.currency), 'anomaly', key)) {
        markSent(store, [key], clock.now());
        result.anomalyAlerts += 1;
      } else {
        result.failed.push(key);
      }
    }
  }

  const statuses = budgetStatus({
    store,
    config,
    now: clock.now(),
    ...(deps.estimate ? { estimate: deps.estimate } : {}),
  });
  const alertChannels = config.slack.channels.filter((c) => c.alerts);
  const orgChannels = alertChannels.filter((c) => isWholeOrg(c.scope)).map((c) => c.id);
  for (const crossing of newBudgetCrossings(statuses, (key) => wasSent(store, key))) {
    const target = crossing.status.budget.channel;
    const channels = target
      ? [target]
      : orgChannels.length > 0
        ? orgChannels
        : alertChannels.map((c) => c.id);
    const ref = crossing.keys[crossing.keys.length - 1] ?? crossing.status.name;
    if (channels.length === 0) {
      log.warn(
        { budget: crossing.status.name },
        'a budget threshold was crossed but no channel takes alerts',
      );
      continue;
    }
    if (await deliver(deps, channels, budgetAlertMessage(crossing), 'budget', ref)) {
      markSent(store, crossing.keys, clock.now());
      result.budgetAlerts += 1;
    } else {
      result.failed.push(ref);
    }
  }
  return result;
}
