// Block Kit for audit alerts: what is wasteful, why, the evidence, what it costs per day and per month, who
// owns it, and the buttons to act. Pure: finding in, message out.

import type { types } from '@slack/bolt';
import type { Finding } from '../../audit/findings.js';
import { type EvidenceFact, perMonth, type Severity, type SuggestedAction } from '../../audit/model.js';
import { describeHandOver, type HandOver, handOverOfShares } from '../../audit/trafficHandOver.js';
import type { Config } from '../../config/schema.js';
import { formatMaybeMoney, formatMoney } from '../../money/format.js';
import { remediationAction } from '../../remediate/actions/index.js';
import { ALERT_ACTIONS, buttonValue } from './alertActions.js';
import { escapeLines, escapeName, type Mrkdwn, plainName } from './escape.js';
import {
  BUTTON_TEXT_MAX,
  CONTEXT_ELEMENT_TEXT_MAX,
  clip,
  FALLBACK_TEXT_MAX,
  fitNames,
  HEADER_TEXT_MAX,
  SECTION_TEXT_MAX,
} from './limits.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export type RemediationMode = Config['remediation']['mode'];

export interface AlertMessage {
  text: string;
  blocks: KnownBlock[];
}

const SEVERITY_MARK: Record<Severity, string> = {
  low: ':large_blue_circle:',
  medium: ':large_yellow_circle:',
  high: ':large_orange_circle:',
  critical: ':red_circle:',
};

// Slack allows at most 10 fields in a section, of at most 2000 characters each.
const SECTION_FIELDS_MAX = 10;
const FIELD_TEXT_MAX = 2000;
// A fact's label is short by design; the rest of a field is its value.
const FACT_LABEL_MAX = 200;

// Slack's limit for the text of a confirmation dialog.
const CONFIRM_TEXT_MAX = 300;

// Where the $ figures come from, said beside them every time.
const IMPACT_SOURCE = 'estimate from catalog list prices';

/** An instant as "2026-11-25 14:00 UTC" in the configured zone. */
export function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

export function formatFact(fact: EvidenceFact, timeZone: string): string {
  const { value, unit } = fact;
  if (value === null) return unit === 'money' || unit === 'money-per-hour' ? 'unpriced' : 'none';
  if (typeof value === 'string') return unit === 'time' ? formatInstant(value, timeZone) : value;
  switch (unit) {
    case 'money':
      return formatMoney(value);
    case 'money-per-hour':
      return `${formatMoney(value)}/h`;
    case 'hours':
      return `${value.toFixed(1)} h`;
    case 'per-hour':
      return `${Math.round(value).toLocaleString('en-US')}/h`;
    default:
      return value.toLocaleString('en-US');
  }
}

/** "$312.00/day · $9,490.00/month (estimate from catalog list prices)", or unpriced with the reason. */
export function impactLine(finding: Finding): string {
  if (finding.impactPerDay === null) {
    const why = finding.evidence.unpricedReason;
    return `Cost: unpriced${why ? ` (${why})` : ''}`;
  }
  // Scaling down and a recommended redeploy save money; the other findings burn it.
  const saving = finding.suggestedAction === 'scale' || finding.evidence.recommendation !== undefined;
  const verb = saving ? 'Saving' : 'Cost';
  return `${verb}: ${formatMoney(finding.impactPerDay)}/day · ${formatMaybeMoney(perMonth(finding.impactPerDay))}/month (${IMPACT_SOURCE})`;
}

function ownerText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length > 0 ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'no labels';
}

function actionButton(finding: Finding, mode: RemediationMode): Button | null {
  const action = finding.suggestedAction;
  if (!action || mode === 'notify-only') return null;
  const spec = remediationAction(action);
  const label = spec.label(finding);
  const dry = mode === 'dry-run';
  const saving =
    finding.impactPerDay === null
      ? 'Saving an unpriced amount'
      : `Saving about ${formatMoney(finding.impactPerDay)}/day`;
  const button: Button = {
    type: 'button',
    action_id: spec.buttonId,
    text: { type: 'plain_text', text: clip(dry ? `Dry run: ${label}` : label, BUTTON_TEXT_MAX) },
    value: buttonValue(finding),
  };
  if (!dry) {
    button.style = 'danger';
    button.confirm = {
      title: { type: 'plain_text', text: 'Are you sure?' },
      text: { type: 'mrkdwn', text: confirmText(finding, action, saving) },
      confirm: { type: 'plain_text', text: clip(label, 30) },
      deny: { type: 'plain_text', text: 'Keep it' },
      style: 'danger',
    };
  }
  return button;
}

/**
 * "Saving about $43.20/day: this will undeploy churn (projects/…)." and, for an undeploy that hands a traffic
 * share over, "; its 10 % goes to ranker-v14." The saving first; names give way.
 */
function confirmText(finding: Finding, action: SuggestedAction, saving: string): string {
  const target = finding.evidence.target;
  const handOver = action === 'undeploy' ? handOverOf(finding) : null;
  const receivers = handOver?.receivers.map((r) => escapeName(r.displayName)) ?? [];
  const names = [escapeName(target.displayName), escapeName(finding.resource), ...receivers];
  return fitNames(CONFIRM_TEXT_MAX, names, ([displayName = '', resource = '', ...fitted]) => {
    const named = { ...finding, evidence: { ...finding.evidence, target: { ...target, displayName } } };
    const goesTo = handOver ? `; ${describeHandOver(renamed(handOver, fitted))}` : '';
    return `${saving}: this will ${remediationAction(action).describe(named)} (${resource})${goesTo}.`;
  });
}

/** Where the target's traffic share goes if it is undeployed, from the split the finding recorded. */
function handOverOf(finding: Finding): HandOver | null {
  const target = finding.evidence.target;
  const split = finding.evidence.trafficSplit;
  if (target.type !== 'deployed-model' || !split) return null;
  return handOverOfShares(split, target.deployedModelId);
}

function renamed(handOver: HandOver, names: readonly string[]): HandOver {
  return {
    ...handOver,
    receivers: handOver.receivers.map((r, i) => ({ ...r, displayName: names[i] ?? '' })),
  };
}

function bodyBlocks(finding: Finding, timeZone: string): KnownBlock[] {
  const facts = finding.evidence.facts.slice(0, SECTION_FIELDS_MAX).map((fact) => {
    const label = clip(escapeName(fact.label), FACT_LABEL_MAX);
    const value = escapeName(formatFact(fact, timeZone));
    return { type: 'mrkdwn' as const, text: `*${label}*\n${clip(value, FIELD_TEXT_MAX - label.length - 3)}` };
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(plainName(finding.title), HEADER_TEXT_MAX) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `${SEVERITY_MARK[finding.severity]} *${finding.severity}* · ${escapeName(finding.reason)}`,
          SECTION_TEXT_MAX,
        ),
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${clip(escapeName(impactLine(finding)), SECTION_TEXT_MAX - 2)}*` },
    },
  ];
  if (facts.length > 0) blocks.push({ type: 'section', fields: facts });
  const recommended = recommendationBlock(finding);
  if (recommended) blocks.push(recommended);
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: fitNames(
          CONTEXT_ELEMENT_TEXT_MAX,
          [finding.resource, finding.project, finding.region, ownerText(finding.labels)].map(escapeName),
          ([resource, project, region, labels]) =>
            `${resource} · ${project}/${region} · labels: ${labels} · rule ${escapeName(finding.rule)} · finding #${finding.id}`,
        ),
      },
    ],
  });
  return blocks;
}

// Said with every recommended change: why it comes without a button.
const NOT_ONE_CLICK =
  'A recommendation: a redeploy is not a one-click action, so there is no button. Run these yourself ' +
  '(the traffic split is the one this audit saw):';

/** The change a finding recommends and the commands that make it, in a code block; names escaped line by line. */
function recommendationBlock(finding: Finding): KnownBlock | null {
  const recommendation = finding.evidence.recommendation;
  if (!recommendation) return null;
  const head = `*Suggested change:* ${clip(escapeName(recommendation.change), 500)}\n${NOT_ONE_CLICK}\n`;
  const room = SECTION_TEXT_MAX - head.length - '```\n```'.length;
  const code = clip(escapeLines(recommendation.commands.join('\n')), room);
  return { type: 'section', text: { type: 'mrkdwn', text: `${head}\`\`\`${code}\`\`\`` } };
}

function fallbackText(finding: Finding): string {
  const impact = escapeName(impactLine(finding));
  return fitNames(
    FALLBACK_TEXT_MAX,
    [escapeName(finding.title), escapeName(finding.reason)],
    ([title, reason]) => `${title}: ${impact}. ${reason}`,
  );
}

export interface AlertOptions {
  mode: RemediationMode;
  timeZone: string;
  /** A line about what happened since the alert (snoozed by …), shown above the buttons (see alertNotes). */
  note?: Mrkdwn;
}

/** The alert as first posted (and as refreshed after a snooze): evidence and buttons. */
export function alertMessage(finding: Finding, opts: AlertOptions): AlertMessage {
  const blocks = bodyBlocks(finding, opts.timeZone);
  if (opts.note)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(opts.note, CONTEXT_ELEMENT_TEXT_MAX) }],
    });
  const buttons: Button[] = [];
  const act = actionButton(finding, opts.mode);
  if (act) buttons.push(act);
  buttons.push(
    {
      type: 'button',
      action_id: ALERT_ACTIONS.snooze24h,
      text: { type: 'plain_text', text: 'Snooze 24 h' },
      value: buttonValue(finding),
    },
    {
      type: 'button',
      action_id: ALERT_ACTIONS.snooze7d,
      text: { type: 'plain_text', text: 'Snooze 7 d' },
      value: buttonValue(finding),
    },
    {
      type: 'button',
      action_id: ALERT_ACTIONS.notWaste,
      text: { type: 'plain_text', text: 'Not waste…' },
      value: buttonValue(finding),
    },
  );
  blocks.push({ type: 'actions', block_id: `finding_${finding.id}`, elements: buttons });
  return { text: fallbackText(finding), blocks };
}

/** The alert once settled (remediated, not waste): evidence kept, buttons gone, the outcome on top. */
export function settledAlertMessage(finding: Finding, outcome: Mrkdwn, timeZone: string): AlertMessage {
  const blocks = bodyBlocks(finding, timeZone);
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(outcome, SECTION_TEXT_MAX) } });
  return { text: clip(`${outcome} — ${escapeName(finding.title)}`, FALLBACK_TEXT_MAX), blocks };
}
