import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/types.js';
import { answerMessage, SUGGESTION_ACTION_RE } from '../../src/delivery/blocks/answer.js';
import { homeView } from '../../src/delivery/blocks/home.js';
import {
  ACTION_ID_MAX,
  BUTTON_VALUE_MAX,
  HEADER_TEXT_MAX,
  HOME_VIEW_BLOCKS_MAX,
  MESSAGE_BLOCKS_MAX,
  SECTION_TEXT_MAX,
} from '../../src/delivery/blocks/limits.js';

type AnyBlock = {
  type: string;
  text?: { text: string };
  elements?: Array<{ text?: string; action_id?: string; value?: string }>;
};

function assertWithinLimits(blocks: readonly unknown[], maxBlocks: number) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const raw of blocks as AnyBlock[]) {
    if (raw.type === 'section') expect(raw.text?.text.length ?? 0).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    if (raw.type === 'header') expect(raw.text?.text.length ?? 0).toBeLessThanOrEqual(HEADER_TEXT_MAX);
    for (const e of raw.elements ?? []) {
      expect(e.text?.length ?? 0).toBeLessThanOrEqual(SECTION_TEXT_MAX);
      expect(e.action_id?.length ?? 0).toBeLessThanOrEqual(ACTION_ID_MAX);
      expect(e.value?.length ?? 0).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
    }
  }
}

const answer = (over: Partial<Answer>): Answer => ({
  understood: true,
  intent: 'spend',
  period: { start: '2026-11-01', end: '2026-11-29' },
  groupBy: [],
  filters: {},
  total: 1,
  currency: 'USD',
  rows: [],
  source: { actualThrough: '2026-11-26', estimated: false },
  text: 'x',
  headline: 'Spend: $1.00',
  details: [],
  sourceNote: 'Source: billing export through Nov 26.',
  examples: [],
  ...over,
});

describe('Block Kit builders stay within Slack limits', () => {
  it.each([
    ['tiny', answer({})],
    ['huge headline', answer({ headline: 'x'.repeat(10_000) })],
    [
      'many long lines',
      answer({
        details: Array.from({ length: 500 }, (_, i) => `${i} ${'y'.repeat(400)}`),
        text: 'z'.repeat(50_000),
      }),
    ],
    ['examples', answer({ understood: false, examples: ['a', 'b', 'c'] })],
  ])('%s', (_name, a) => {
    const msg = answerMessage(a, 'q'.repeat(5000));
    assertWithinLimits(msg.blocks, MESSAGE_BLOCKS_MAX);
    expect(msg.text.length).toBeLessThanOrEqual(4000);
  });

  it('offers the questions as buttons whose value is the question and whose ids differ', () => {
    const questions = ['how much did we spend on training last week?', "what's running right now?"];
    const msg = answerMessage(answer({ understood: false, examples: questions }), 'flurbs');
    const actions = msg.blocks.find((b) => b.type === 'actions') as AnyBlock | undefined;
    const buttons = actions?.elements ?? [];
    expect(buttons.map((b) => b.value)).toEqual(questions);
    for (const b of buttons) expect(b.action_id).toMatch(SUGGESTION_ACTION_RE);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(2);
  });

  it('escapes user text so it cannot mention or link', () => {
    const msg = answerMessage(answer({ headline: '<!channel> <@U123>' }), '<!here>');
    const text = JSON.stringify(msg.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
  });

  it('home view within limits', () => {
    const mtd = {
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
    };
    const forecast = { forecast: 2, low: 1, high: 3, basis: 'b'.repeat(5000) } as never;
    const view = homeView({
      today: '2026-11-28',
      timezone: 'UTC',
      currency: 'USD',
      monthToDate: mtd,
      forecast,
      topDrivers: Array.from({ length: 5 }, (_, i) => ({
        key: `k${i}${'x'.repeat(1000)}`,
        cost: i,
        share: 0.2,
      })),
      openFindings: 3,
      openFindingsPerDay: 10,
      lastSync: {
        at: '2026-11-28T08:46:00Z',
        ok: false,
        scopes: 2,
        failedScopes: 1,
        error: 'e'.repeat(5000),
      },
      actualThrough: '2026-11-26',
      chart: null,
    });
    assertWithinLimits(view.blocks, HOME_VIEW_BLOCKS_MAX);
  });
});
