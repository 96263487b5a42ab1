// The Block Kit check: every builder under src/delivery/blocks runs with hostile and very long names (what anyone
// who can create a Vertex AI resource may call it, Google error texts, what people type) and must produce
// payloads Slack accepts and shows as meant: no live mention or link and no formatting coming from a name, no
// unescaped & < >, valid UTF-16, and every text within Slack's limits.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HomeSummary } from '../../src/ask/home.js';
import type { Answer } from '../../src/ask/types.js';
import type { Finding } from '../../src/audit/findings.js';
import { configSchema } from '../../src/config/schema.js';
import { alertMessage, settledAlertMessage } from '../../src/delivery/blocks/alert.js';
import {
  clickReply,
  notWasteNote,
  remediatedNote,
  remediationProblemText,
  snoozedNote,
  supersededNote,
} from '../../src/delivery/blocks/alertNotes.js';
import {
  answerMessage,
  failureMessage,
  withChartLeftOut,
  workingMessage,
} from '../../src/delivery/blocks/answer.js';
import { anomalyMessage, budgetAlertMessage, digestMessage } from '../../src/delivery/blocks/digest.js';
import { closedHomeView, homeView } from '../../src/delivery/blocks/home.js';
import { notWasteModal } from '../../src/delivery/blocks/notWasteModal.js';
import type { BudgetCrossing } from '../../src/report/budgets.js';
import type { WeeklyDigest } from '../../src/report/digest.js';
import type { MonthForecast } from '../../src/report/forecast.js';
import { hasLoneSurrogate, structureProblems, textsIn } from '../support/blockKit.js';
import { idleEndpointFinding } from '../support/findingFixture.js';

const CLICKER = 'U0CLICKER';

// What a hostile name tries: mentions, a phishing link, channel and group links, every mrkdwn marker, entities
// Slack would decode, a quote at the start of a line.
const HOSTILE =
  '> <!channel> <https://evil.example/login|Re-authenticate> <!here> <@U0VICTIM> <#C0GENERAL|general> ' +
  '<!subteam^S0TEAM> *bold1* _ital1_ ~strk1~ `code1` R&D &amp; &lt;b&gt;\n> second line 😀';
const LONG = `${HOSTILE} ${'😀&<>*'.repeat(1500)} ${'x'.repeat(4000)}`;
const MARKERS = ['*bold1*', '_ital1_', '~strk1~', '`code1`'];

/** A payload as one builder produced it: a message (fallback text and blocks), a view, or text only. */
interface Payload {
  text?: string;
  blocks?: readonly unknown[];
  view?: { blocks: readonly unknown[] };
}

function forecastOf(name: string): MonthForecast {
  return {
    month: '2026-11',
    start: '2026-11-01',
    end: '2026-12-01',
    today: '2026-11-28',
    actualThrough: '2026-11-26',
    actualToDate: 900,
    estimated: 50,
    estimatedDays: ['2026-11-27'],
    projected: 100,
    projectedDays: ['2026-11-28'],
    forecast: 1050,
    low: 1000,
    high: 1100,
    historyDays: 30,
    basis: `run rate of ${name}`,
  };
}

function findingNamed(name: string, overrides: Partial<Finding> = {}): Finding {
  const base = idleEndpointFinding();
  return idleEndpointFinding({
    title: `Idle endpoint: ${name} on ${name}`,
    reason: `Google said: ${name}`,
    resource: `projects/ml-prod/locations/us-central1/endpoints/${name}`,
    labels: { team: name, [name.slice(0, 40)]: name },
    evidence: {
      target: { ...base.evidence.target, displayName: name } as Finding['evidence']['target'],
      facts: [
        ...Array.from({ length: 12 }, (_, i) => ({
          label: `${name} ${i}`,
          value: name,
          unit: 'text' as const,
        })),
      ],
      unpricedReason: name,
      // The undeploy confirmation names the models that take over the traffic share.
      trafficSplit: [
        { deployedModelId: '1', displayName: name, percent: 60 },
        { deployedModelId: '2', displayName: name, percent: 30 },
        { deployedModelId: '3', displayName: `${name}-b`, percent: 10 },
      ],
    },
    ...overrides,
  });
}

/** A finding that recommends a redeploy (no button): its change and its commands carry the name too. */
function recommendationNamed(name: string): Finding {
  const base = findingNamed(name, { rule: 'underused-accelerator', suggestedAction: null });
  return {
    ...base,
    evidence: {
      ...base.evidence,
      recommendation: {
        change: `Redeploy on ${name}`,
        commands: [
          `gcloud ai endpoints deploy-model ${name} \\\n    --display-name=${name} \\\n    --traffic-split=0=100`,
          `> ${name}\n\`\`\`${name}`,
        ],
      },
    },
  };
}

function digestNamed(name: string): WeeklyDigest {
  const forecast = forecastOf(name);
  const budget = configSchema.parse({ budgets: [{ name, monthlyAmount: 1000 }] }).budgets[0]!;
  return {
    week: { week: '2026-W47', start: '2026-11-16', end: '2026-11-23' },
    scope: { name, scope: { projects: [], labels: {} }, channel: 'C0DIGEST1' },
    timezone: 'UTC',
    currency: 'USD',
    source: { actualThrough: '2026-11-26', estimatedDays: [] },
    total: { current: 1000, previous: 900, fourWeekAverage: 950, estimated: 0 },
    byKind: [{ kind: 'training', current: 600, previous: 500, share: 0.6 }],
    genai: { current: 80, previous: 40, topFamily: { name, cost: 50, share: 0.625 } },
    movers: Array.from({ length: 20 }, (_, i) => ({
      dimension: 'label' as const,
      key: `${name}${i}`,
      current: 100,
      previous: 50,
      change: 50,
    })),
    idle: { cost: 10, share: 0.01, source: 'findings', note: name, endpoints: [] },
    findings: {
      items: [findingNamed(name), findingNamed(name, { id: 8, impactPerDay: null })],
      count: 2,
      impactPerWeek: 300,
      unpricedCount: 1,
    },
    budgets: [
      {
        name,
        currency: 'USD',
        budget,
        month: '2026-11',
        monthlyAmount: 1000,
        spentToDate: 950,
        spent: null,
        forecast,
        forecastTotal: 1050,
        spentShare: 0.95,
        forecastShare: 1.05,
        crossedBySpend: [50, 80],
        crossedByForecast: [50, 80, 100],
      },
    ],
    forecast,
    savings: {
      items: [
        {
          technique: 'spot-training',
          resource: name,
          project: 'ml-prod',
          title: name,
          action: name,
          monthlySaving: 100,
          unpricedReason: null,
          evidence: [name],
          labels: { team: name },
        },
      ],
      monthlyTotal: 100,
      unpricedCount: 0,
    },
    labelCoverage: { labelKey: 'team', unlabeled: 10, share: 0.01 },
    dailyTotals: [{ day: '2026-11-16', cost: 100 }],
    chart: [],
    accuracy: {
      lastWeek: {
        start: '2026-11-16',
        end: '2026-11-23',
        days: 7,
        estimated: 90,
        billed: 100,
        error: -0.1,
        byKind: [],
      },
      last30Days: {
        start: '2026-10-29',
        end: '2026-11-28',
        days: 20,
        estimated: 90,
        billed: 100,
        error: -0.1,
        byKind: [{ kind: 'training', estimated: 90, billed: 100, error: -0.1 }],
      },
      tolerancePercent: 5,
      drifting: true,
      driftingKinds: [{ kind: 'training', estimated: 90, billed: 100, error: -0.1 }],
    },
  };
}

function answerNamed(name: string): Answer {
  return {
    understood: true,
    intent: 'spend',
    period: { start: '2026-11-01', end: '2026-11-29' },
    groupBy: [],
    filters: {},
    total: 1,
    currency: 'USD',
    rows: [],
    source: { actualThrough: '2026-11-26', estimated: false },
    text: `Spend for ${name}: $1.00\n${name}: $1.00\n> ${name}`,
    headline: `Spend for ${name}: $1.00`,
    details: Array.from({ length: 80 }, (_, i) => `${name} ${i}: $1.00`),
    sourceNote: `Source: ${name}`,
    examples: [name, name],
  };
}

function crossing(name: string, basis: 'spent' | 'forecast'): BudgetCrossing {
  const status = digestNamed(name).budgets[0]!;
  return { status, basis, threshold: 100, keys: [`budget:${name}:2026-11:${basis}:100`] };
}

function homeNamed(name: string): HomeSummary {
  return {
    today: '2026-11-28',
    timezone: 'UTC',
    currency: 'USD',
    monthToDate: {
      period: { start: '2026-11-01', end: '2026-11-29' },
      actual: 1,
      estimated: 0,
      total: 1,
      estimatedDays: [],
      allEstimated: false,
      groups: [],
      unpriced: [],
      anyPriced: true,
      daily: [],
    },
    forecast: forecastOf(name),
    topDrivers: Array.from({ length: 5 }, (_, i) => ({ key: `${name}${i}`, cost: i, share: 0.2 })),
    openFindings: 3,
    openFindingsPerDay: 10,
    lastSync: { at: '2026-11-28T08:46:00Z', ok: false, scopes: 2, failedScopes: 1, error: name },
    actualThrough: '2026-11-26',
    chart: {
      type: 'bars',
      currency: 'USD',
      title: `Vertex AI spend for ${name} by kind`,
      unit: 'total',
      currentLabel: name,
      previousLabel: name,
      bars: Array.from({ length: 30 }, (_, i) => ({ key: `${name}${i}`, current: i, previous: -i })),
      omitted: 3,
    },
  };
}

const MODES = ['notify-only', 'dry-run', 'remediate'] as const;

/** Every builder, by module and export, with the payloads it makes for a name. */
const BUILDERS: Record<string, (name: string) => Payload[]> = {
  'alert.ts:alertMessage': (name) =>
    MODES.flatMap((mode) => [
      ...(['undeploy', 'scale', 'cancel'] as const).map((action) =>
        alertMessage(findingNamed(name, { suggestedAction: action, suggestedValue: 2 }), {
          mode,
          timeZone: 'UTC',
          currency: 'USD',
          note: snoozedNote(CLICKER, name),
        }),
      ),
      alertMessage(recommendationNamed(name), {
        mode,
        timeZone: 'UTC',
        currency: 'USD',
        note: snoozedNote(CLICKER, name),
      }),
    ]),
  'alert.ts:settledAlertMessage': (name) => [
    settledAlertMessage(recommendationNamed(name), notWasteNote(CLICKER, name, name), 'UTC', 'USD'),
    settledAlertMessage(findingNamed(name), remediatedNote('Undeployed', CLICKER, name, name), 'UTC', 'USD'),
    settledAlertMessage(findingNamed(name), notWasteNote(CLICKER, name, name), 'UTC', 'USD'),
    settledAlertMessage(findingNamed(name), remediatedNote(name, name, name, name), 'UTC', 'USD'),
  ],
  'alertNotes.ts:snoozedNote': (name) => [
    { text: snoozedNote(CLICKER, name) },
    { text: snoozedNote(name, name) },
  ],
  'alertNotes.ts:remediatedNote': (name) => [{ text: remediatedNote(name, CLICKER, name, name) }],
  'alertNotes.ts:notWasteNote': (name) => [{ text: notWasteNote(CLICKER, name, name) }],
  'alertNotes.ts:supersededNote': (name) => [
    { text: supersededNote('split-changed') },
    { text: supersededNote(name) },
    settledAlertMessage(findingNamed(name), supersededNote('severity-rose'), 'UTC', 'USD'),
  ],
  'alertNotes.ts:remediationProblemText': (name) => [remediationProblemText(CLICKER, 'undeploy', name)],
  'alertNotes.ts:clickReply': (name) => [
    { text: clickReply(`Already done by <@${CLICKER}>: ${name}`, CLICKER) },
    { text: clickReply(name, null) },
  ],
  'answer.ts:answerMessage': (name) => [
    answerMessage(answerNamed(name), name),
    // Not understood: the questions offered become buttons (one too long for a button is listed instead).
    answerMessage(
      { ...answerNamed(name), understood: false, examples: [name.slice(0, 1500), name, 'spend by team'] },
      name,
    ),
  ],
  'answer.ts:failureMessage': (name) => [failureMessage(name)],
  'answer.ts:workingMessage': (name) => [workingMessage(name), workingMessage()],
  // A private answer whose chart is left out: the note goes after every block the answer has.
  'answer.ts:withChartLeftOut': (name) => [
    withChartLeftOut(answerMessage(answerNamed(name), name)),
    withChartLeftOut(answerMessage({ ...answerNamed(name), details: Array(200).fill(name) }, name)),
  ],
  'digest.ts:digestMessage': (name) => [digestMessage(digestNamed(name))],
  'digest.ts:anomalyMessage': (name) => [
    anomalyMessage(
      {
        scopeName: name,
        day: '2026-11-25',
        verdict: {
          day: '2026-11-25',
          actual: 500,
          expected: 100,
          excess: 400,
          percent: 400,
          z: 5,
          historyDays: 28,
          anomalous: true,
          insufficientHistory: false,
        },
        newSkus: [{ skuId: 'SKU-1', description: name, cost: 50 }],
        contributors: [{ dimension: 'label', key: name, actual: 400, expected: 50, excess: 350 }],
        alert: true,
        summary: name,
      },
      'USD',
    ),
  ],
  'digest.ts:budgetAlertMessage': (name) => [
    budgetAlertMessage(crossing(name, 'spent')),
    budgetAlertMessage(crossing(name, 'forecast')),
  ],
  'home.ts:homeView': (name) => [
    // With the month's chart uploaded (an image block naming the file), and before it is.
    {
      view: homeView(homeNamed(name), {
        fileId: 'F0CHART001',
        chart: homeNamed(name).chart!,
        drawnAt: '2026-11-28T08:46:00Z',
      }),
    },
    { view: homeView(homeNamed(name)) },
  ],
  'home.ts:closedHomeView': (name) => [{ view: closedHomeView(name) }],
  'notWasteModal.ts:notWasteModal': (name) => [
    {
      view: notWasteModal(findingNamed(name), {
        findingId: 7,
        targetHash: '0123456789ab',
        channel: 'C0ALERTS1',
        ts: '1700000000.000100',
      }),
    },
  ],
};

// Exports of src/delivery/blocks that build no payload, and why they need no case above.
const NOT_BUILDERS: Record<string, string> = {
  'alert.ts:formatInstant': 'a time of our own formatting, put into payloads by the builders',
  'alert.ts:formatFact': 'a fact as plain text; the alert builder escapes it',
  'alert.ts:impactLine': 'the cost line as plain text (the demo prints it); the alert builder escapes it',
  'alertActions.ts:buttonValue': 'a button value of digits and hex digits, put into payloads by the builders',
  'alertActions.ts:parseButtonValue': 'reads a button value',
  'notWasteModal.ts:parseNotWasteMetadata': 'reads private_metadata',
  'limits.ts:clip': 'the clipping helper the builders use',
  'limits.ts:fitNames': 'the clipping helper the builders use',
  'escape.ts:escapeText': 'the escaping module itself',
  'escape.ts:escapeName': 'the escaping module itself',
  'escape.ts:escapeLines': 'the escaping module itself',
  'escape.ts:plainName': 'the escaping module itself',
  'escape.ts:mention': 'the escaping module itself',
  'escape.ts:mrkdwn': 'the escaping module itself',
};

const BLOCKS_DIR = new URL('../../src/delivery/blocks/', import.meta.url);

/** Problems with one text Slack would show: escapes, mentions and links, formatting from names, UTF-16. */
function textProblems(found: { path: string; text: string; mrkdwn: boolean; max: number }): string[] {
  const { path, text, mrkdwn, max } = found;
  const problems: string[] = [];
  if (text.length > max) problems.push(`${path}: ${text.length} characters, Slack allows ${max}`);
  if (hasLoneSurrogate(text)) problems.push(`${path}: a lone surrogate (invalid UTF-16)`);
  // The only markup allowed is a mention of the person who clicked, made by the builders themselves.
  const withoutOwnMarkup = text.split(`<@${CLICKER}>`).join('');
  if (/[<>]/.test(withoutOwnMarkup)) problems.push(`${path}: an unescaped < or > (a live mention or link)`);
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`${path}: an unescaped &`);
  if (text.includes('R&amp;amp;D')) problems.push(`${path}: escaped twice (R&D shows as R&amp;D)`);
  if (mrkdwn) {
    for (const marker of MARKERS) if (text.includes(marker)) problems.push(`${path}: ${marker} formats`);
    if (/(^|\n)(&gt;|>)/.test(text)) problems.push(`${path}: a line starting with a quote`);
  }
  return problems;
}

function payloadProblems(payload: Payload): string[] {
  const problems: string[] = [];
  // A message's `text` is mrkdwn too (chat.postMessage parses it unless mrkdwn is false).
  if (payload.text !== undefined)
    problems.push(...textProblems({ path: 'text', text: payload.text, mrkdwn: true, max: 4000 }));
  if (payload.blocks) {
    problems.push(...structureProblems(payload.blocks, 50));
    for (const t of textsIn(payload.blocks, 'blocks')) problems.push(...textProblems(t));
  }
  if (payload.view) {
    problems.push(...structureProblems(payload.view.blocks, 100));
    for (const t of textsIn(payload.view, 'view')) problems.push(...textProblems(t));
    const metadata = (payload.view as { private_metadata?: unknown }).private_metadata;
    if (typeof metadata === 'string' && metadata.length > 3000) problems.push('private_metadata over 3000');
  }
  return problems;
}

describe('Block Kit check: every builder in src/delivery/blocks', () => {
  it('has a case for every export that builds a payload', async () => {
    const exported: string[] = [];
    for (const file of readdirSync(BLOCKS_DIR).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(new URL(file, BLOCKS_DIR).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'function') exported.push(`${file}:${name}`);
      }
    }
    const unknown = exported.filter((e) => !(e in BUILDERS) && !(e in NOT_BUILDERS));
    expect(unknown, 'exports of src/delivery/blocks with neither a case nor a reason').toEqual([]);
    expect(Object.keys(BUILDERS).filter((b) => !exported.includes(b))).toEqual([]);
  });

  describe.each([
    ['hostile names', HOSTILE],
    ['very long hostile names', LONG],
  ])('%s', (_label, name) => {
    it.each(Object.keys(BUILDERS))('%s', (builder) => {
      const payloads = BUILDERS[builder]!(name);
      expect(payloads.length).toBeGreaterThan(0);
      for (const payload of payloads) expect(payloadProblems(payload)).toEqual([]);
    });
  });
});
