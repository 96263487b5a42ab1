import type { Dimension, Period } from '../domain/dimensions.js';
import type { SpendKind } from '../domain/kinds.js';
import type { ChartData } from '../report/chartData.js';
import type { Day } from '../time/days.js';

export const INTENTS = [
  'spend',
  'compare',
  'top',
  'running',
  'idle',
  'forecast',
  'unit_cost',
  'savings',
  'alerts',
  'budget',
  'accuracy',
  'help',
] as const;
export type Intent = (typeof INTENTS)[number];

export type { Dimension, Period } from '../domain/dimensions.js';

export interface AskFilters {
  project?: string;
  region?: string;
  kind?: SpendKind;
  labels?: Record<string, string>;
  /** A generative-AI model family as the question named it ("gemini 2.5 flash"); matched without case. */
  modelFamily?: string;
}

/** What every question carries, whatever it asks about; each intent's variant below adds what it alone uses. */
interface QuestionBase {
  text: string;
  /** False when the question was not understood, or only partly (see `unrecognized`). */
  understood: boolean;
  period: Period | null;
  /** The period in words as asked ("last week"); null when the default applied. */
  periodWords: string | null;
  groupBy: Dimension[];
  filters: AskFilters;
  /** Words that looked meaningful but were not understood. */
  unrecognized: string[];
  /** What is measured: money, or generative-AI tokens ("which project uses the most tokens"). */
  measure: 'cost' | 'tokens';
}

/** A question about one intent, with the period it always has (`Period`), may have, or never has (`null`). */
interface QuestionAbout<I extends Intent, P extends Period | null> extends QuestionBase {
  intent: I;
  period: P;
}

/** A question about spend over a period: its total, or its average per day when a rate was asked. */
interface SpendQuestionAbout<I extends 'spend' | 'top' | 'compare'> extends QuestionAbout<I, Period> {
  /** True for a rate ("per day", "daily average"): the answer gives the average spend per whole day. */
  perDay: boolean;
}

export interface TopQuestion extends SpendQuestionAbout<'top'> {
  /** Rows asked for. */
  topN: number;
}

export interface CompareQuestion extends SpendQuestionAbout<'compare'> {
  /** Compare against this period (the previous one of equal length unless the question named one). */
  comparison: Period;
}

export interface UnitCostQuestion extends QuestionAbout<'unit_cost', Period> {
  /** An endpoint or model the question is about, as written; null for every deployed model. */
  subject: string | null;
  /** Cost per 1k predictions of deployed models, or per 1M generative-AI tokens. */
  per: 'predictions' | 'tokens';
}

/**
 * What a question asks, as the parser understood it: one variant per intent. Spend-like intents always have a
 * period (the month to date unless one was asked); idle and savings only an asked one; "as of now" intents none.
 */
export type ParsedQuestion =
  | SpendQuestionAbout<'spend'>
  | TopQuestion
  | CompareQuestion
  | UnitCostQuestion
  | QuestionAbout<'forecast', Period>
  | QuestionAbout<'budget', Period>
  | QuestionAbout<'idle', Period | null>
  | QuestionAbout<'savings', Period | null>
  | QuestionAbout<'running', null>
  | QuestionAbout<'alerts', null>
  | QuestionAbout<'accuracy', null>
  | QuestionAbout<'help', null>;

/** The variant of a parsed question for one intent (or several). */
export type QuestionOf<I extends Intent> = Extract<ParsedQuestion, { intent: I }>;

export interface AnswerRow {
  key: string;
  /** Unrounded; null when the row is unpriced. */
  cost: number;
  share: number;
  /** Generative-AI tokens of the row, when tokens are the measure. */
  tokens?: number;
}

export interface AnswerSource {
  /** Billing export rows are final through this day (inclusive); null when no billing data was ingested. */
  actualThrough: Day | null;
  /** True when any part of the figures is an estimate from catalog prices. */
  estimated: boolean;
}

/** A rate's figure: the average spend per whole day of [start, end) (the period's whole days). */
export interface PerDayFigure {
  start: Day;
  end: Day;
  days: number;
  /** Unrounded. */
  average: number;
}

/** An answer: the `ask --json` fields (docs/asking.md) plus what the text and Slack renderings need. */
export interface Answer {
  understood: boolean;
  intent: Intent;
  period: Period | null;
  groupBy: Dimension[];
  filters: AskFilters;
  /** Null when nothing in it could be priced. */
  total: number | null;
  /** The billing account's currency (ISO 4217, config `currency`): every amount of the answer is in it. */
  currency: string;
  rows: AnswerRow[];
  /** Generative-AI tokens the answer counts (tokens as the measure, cost per 1M tokens). */
  tokens?: number;
  source: AnswerSource;
  /** The whole answer as a person reads it (plain text, no markup). */
  text: string;
  /** One line: the headline figure or statement. */
  headline: string;
  /** Further lines (rows, changes, notes), plain text. */
  details: string[];
  /** Where the figures come from, in words. */
  sourceNote: string;
  /** Example questions offered when the question was not (fully) understood. */
  examples: string[];
  /** The average per day, when the question asked for a rate. */
  perDay?: PerDayFigure;
  /**
   * A chart beside the text, for a grouped answer (two rows or more) or a rate's daily series. The text stays the
   * answer; the chart adds to it in Slack. Not part of `ask --json`.
   */
  chart?: ChartData;
}
