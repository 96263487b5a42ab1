// The demo's steps and prompt commands over one demo environment: sync, audit, digest, alerts, questions, and
// the alerts' actions. Actions go through remediateFinding, the path Slack's buttons take (authorization,
// live re-check, exactly-once claim, remediation_log), and snooze / not-waste through the same lifecycle
// functions as Slack's buttons and modal.

import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import { askQuestion } from '../ask/index.js';
import { type Finding, getFinding, listActiveFindings } from '../audit/findings.js';
import type { SuggestedAction } from '../audit/model.js';
import { type AuditResult, runAudit } from '../audit/runAudit.js';
import { formatSyncSummary } from '../collect/summary.js';
import { runSyncPass, type SyncPassResult } from '../collect/syncPass.js';
import type { Config } from '../config/schema.js';
import { formatInstant, impactLine } from '../delivery/blocks/alert.js';
import { remediationAction } from '../remediate/actions/index.js';
import { createAuthorizer } from '../remediate/authorize.js';
import { remediateFinding } from '../remediate/remediateFinding.js';
import { triageFinding } from '../remediate/triage.js';
import { buildDigest, digestScopes } from '../report/digest.js';
import { renderDigestText } from '../report/digestText.js';
import { lastCompleteWeek } from '../report/period.js';
import { catalogEstimator } from '../report/source.js';
import { recordDailyEstimates } from '../spend/estimateAccuracy.js';
import { alertsSummary, alertsText, fixCommand } from './alertsText.js';
import { DEMO_HELP, type DemoCommand } from './commands.js';
import { DEMO_USER_ID, type DemoEnvironment } from './environment.js';

// The person at the terminal, as the triage log records them: the demo user, in no workspace or channel.
const TERMINAL = { userId: DEMO_USER_ID, teamId: null, channel: null };

export interface DemoSessionDeps {
  environment: DemoEnvironment;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Progress while something runs (stderr in the CLI). */
  progress: (line: string) => void;
  /** Asks the person to confirm an action on the cloud; resolves true to go ahead. */
  confirm: (question: string) => Promise<boolean>;
}

/** Slack mentions ("<@U0DEMOUSER>") as plain text for a terminal. */
export function plainText(text: string): string {
  return text.replace(/<@([A-Z0-9]+)>/g, '$1');
}

export interface DemoSession {
  sync(): Promise<SyncPassResult>;
  audit(): AuditResult;
  /** The weekly digest of the week that just ended, as `burnrate digest` prints it. */
  digest(): string;
  alerts(): string;
  /** Runs one prompt command and resolves to what to print. */
  execute(command: DemoCommand): Promise<string>;
}

export function createDemoSession(deps: DemoSessionDeps): DemoSession {
  const { environment, config, clock, log, progress } = deps;
  const { store, gcp } = environment;
  const tz = config.timezone;
  // The terminal user is a listed user in the demo config; no Slack workspace exists to look groups up in.
  const authorizer = createAuthorizer({
    allow: config.remediation.allow,
    clock,
    groupMembers: async (groupId) => {
      throw new Error(`the demo has no Slack workspace to look up user group ${groupId}`);
    },
  });

  const triage = { store, clock, log, authorizer };

  const sync = async (): Promise<SyncPassResult> => {
    const scopes = config.google.projects.reduce((n, p) => n + p.regions.length, 0);
    progress(
      `Syncing from the simulator: catalog, ${scopes} project/region scopes, billing export, Monitoring…`,
    );
    const result = await runSyncPass({
      store,
      gcp,
      config,
      clock,
      log,
      onProgress: ({ done, total, scope }) =>
        progress(`  sync ${done}/${total}: ${scope.scope} ${scope.ok ? 'ok' : `FAILED (${scope.error})`}`),
    });
    // Each day not billed yet keeps the estimate it has now, to be set beside its billed figure later.
    recordDailyEstimates(store, { timezone: tz, now: clock.now() });
    const failed = result.scopes.filter((s) => !s.ok).length;
    progress(
      `Sync ${failed === 0 ? 'done' : `finished with ${failed} failed scope(s)`}: ${result.totals.rowsWritten} rows written in ${(result.durationMs / 1000).toFixed(1)} s`,
    );
    return result;
  };

  const audit = (): AuditResult => {
    progress('Auditing: idle endpoints, over-provisioned replicas, runaway training, missing timeouts…');
    const result = runAudit({ store, config, clock, log });
    progress(`Audit done: ${result.findings.length} finding(s) hold`);
    return result;
  };

  const digest = (): string => {
    const now = clock.now();
    const week = lastCompleteWeek(now, tz);
    const estimate = catalogEstimator(store, tz, now);
    return digestScopes(config, { posting: false })
      .map((scope) => renderDigestText(buildDigest({ store, config, week, scope, now, estimate })))
      .join('\n\n────────\n\n');
  };

  const alerts = (): string => alertsText(listActiveFindings(store), tz);

  return { sync, audit, digest, alerts, execute };

  async function execute(command: DemoCommand): Promise<string> {
    switch (command.kind) {
      case 'empty':
      case 'quit':
        return '';
      case 'help':
        return DEMO_HELP;
      case 'invalid':
        return `${command.message}. Type \`help\` for the commands.`;
      case 'alerts':
        return alerts();
      case 'digest':
        return digest();
      case 'sync':
        return formatSyncSummary(await sync());
      case 'audit': {
        const result = audit();
        const c = result.changes;
        return `Audit: ${c.opened.length} new, ${c.reopened.length} reopened, ${c.resolved.length} resolved.\n\n${alerts()}`;
      }
      case 'ask': {
        const answer = await askQuestion({ store, config, clock, log }, command.question);
        return answer.understood ? answer.text : `${answer.text}\n(\`help\` lists the demo's own commands.)`;
      }
      case 'snooze':
        return snooze(command.findingId, command.hours);
      case 'allow':
        return allow(command.findingId, command.reason);
      case 'remediate':
        return remediate(command.action, command.findingId, command.value);
    }
  }

  function findingOrMessage(id: number): Finding | string {
    return (
      getFinding(store, id) ??
      `There is no finding #${id}; \`alerts\` lists the open ones with their numbers.`
    );
  }

  async function snooze(id: number, hours: number): Promise<string> {
    const finding = findingOrMessage(id);
    if (typeof finding === 'string') return finding;
    const outcome = await triageFinding(triage, { findingId: id, actor: TERMINAL, action: 'snooze', hours });
    if (outcome.result !== 'ok' || !outcome.until) return `Finding #${id}: ${outcome.message}`;
    return `Snoozed #${id} (${finding.title}) until ${formatInstant(outcome.until.toISOString(), tz)}: no alert for it until then.`;
  }

  async function allow(id: number, reason: string): Promise<string> {
    const finding = findingOrMessage(id);
    if (typeof finding === 'string') return finding;
    const outcome = await triageFinding(triage, {
      findingId: id,
      actor: TERMINAL,
      action: 'not-waste',
      reason,
    });
    if (outcome.result !== 'ok') return `Finding #${id}: ${outcome.message}`;
    return `Marked #${id} (${finding.title}) not waste: “${reason}”. It will not be alerted again while it stays this way.`;
  }

  async function remediate(action: SuggestedAction, id: number, value: number | null): Promise<string> {
    const finding = findingOrMessage(id);
    if (typeof finding === 'string') return finding;
    // What Slack prevents by showing only the suggested button, checked before anything is attempted.
    if (finding.suggestedAction !== action) {
      const fix = fixCommand(finding);
      if (fix)
        return `Finding #${id} (${finding.title}) suggests ${finding.suggestedAction}, not ${action}: type \`${fix}\`.`;
      if (finding.evidence.recommendation)
        return `Finding #${id} (${finding.title}) recommends a redeploy, which is not a one-click action: run the gcloud commands its alert lists.`;
      return `Finding #${id} (${finding.title}) is a risk to know about, with nothing to ${action}; \`snooze ${id}\` or \`allow ${id} <reason>\` quiets it.`;
    }
    if (action === 'scale' && value !== null && value !== finding.suggestedValue) {
      return `Finding #${id} suggests min replicas ${finding.suggestedValue ?? '?'}, found ${value}: the fix sets the suggested number, type \`scale ${id}\`.`;
    }
    const what = remediationAction(action).describe(finding);
    const go = await deps.confirm(
      `About to ${what} (finding #${id}; ${impactLine(finding)}) as ${DEMO_USER_ID}, remediation.mode ${config.remediation.mode}. Go ahead?`,
    );
    if (!go) return `Not done: nothing was changed.`;
    progress(`Re-checking the live resource, then asking Google to ${what}…`);
    const outcome = await remediateFinding(
      {
        store,
        config,
        clock,
        log,
        authorizer,
        vertex: gcp.vertex,
        monitoring: gcp.monitoring,
      },
      { findingId: id, action, userId: DEMO_USER_ID },
    );
    const lines = [
      `${outcome.result === 'ok' ? '✔' : '✘'} ${plainText(outcome.message)} (logged: ${outcome.result})`,
    ];
    if (outcome.result !== 'ok') return lines.join('\n');
    progress('Checking the effect: sync and audit again…');
    await sync();
    audit();
    lines.push(await liveState(finding, action));
    const after = getFinding(store, id);
    if (after) {
      const by = after.actedBy ? ` by ${after.actedBy}` : '';
      const at = after.actedAt ? ` at ${formatInstant(after.actedAt, tz)}` : '';
      lines.push(
        `Finding #${id} is now ${after.status}${after.status === 'remediated' ? `${by}${at}` : ''}.`,
      );
    }
    lines.push(`${alertsSummary(listActiveFindings(store))} (\`alerts\` lists them).`);
    return lines.join('\n');
  }

  /** What Google Cloud (the simulator) says about the resource now. */
  async function liveState(finding: Finding, action: SuggestedAction): Promise<string> {
    const target = finding.evidence.target;
    try {
      if (target.type === 'job') {
        const job = await gcp.vertex.getJob(target.jobName, finding.project);
        return `Google Cloud now: job ${target.displayName} is ${job ? job.state : 'gone'}.`;
      }
      if (target.type === 'unreadable') return `Google Cloud was not asked: ${target.why}.`;
      if (target.type === 'resource-pool')
        return `Google Cloud was not asked: ${target.displayName} has no action.`;
      const endpoint = await gcp.vertex.getEndpoint(target.endpointName, finding.project);
      const model = endpoint?.deployedModels.find((m) => m.deployedModelId === target.deployedModelId);
      if (!endpoint) return `Google Cloud now: the endpoint of ${target.displayName} is gone.`;
      if (action === 'undeploy') {
        return model
          ? `Google Cloud now: ${target.displayName} is still deployed (the operation may still be finishing).`
          : `Google Cloud now: ${target.displayName} is no longer deployed; endpoint ${endpoint.displayName} has ${endpoint.deployedModels.length} deployed model(s) left.`;
      }
      return model
        ? `Google Cloud now: ${target.displayName} runs with min replicas ${model.minReplicas} (max ${model.maxReplicas}).`
        : `Google Cloud now: ${target.displayName} is no longer deployed.`;
    } catch (err) {
      return `Could not read the resource back from Google Cloud: ${(err as Error).message}`;
    }
  }
}
