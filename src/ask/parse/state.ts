// The state every parse step reads and advances: what is left of the question, and what was found in it so far.
import type { Day } from '../../time/days.js';
import type { AskFilters, Dimension, Intent, Period } from '../types.js';
import { type DimensionWords, dimensionWords } from './dimensions.js';

export interface ParseContext {
  /** Today as a calendar day in the configured time zone. */
  today: Day;
  /** Label keys the billing export collects (config.google.billingExport.labelKeys). */
  labelKeys: readonly string[];
  /** Project ids burnrate knows (config and billing data), recognized when written bare. */
  projects: readonly string[];
  /** Names of endpoints and deployed models burnrate knows (lowercase): they win over any word pattern. */
  names?: readonly string[];
}

export interface ParseState {
  readonly ctx: ParseContext;
  /** The normalized question. */
  readonly text: string;
  /** What no step has consumed yet: the question with a space each side, consumed words blanked out. */
  rest: string;
  readonly labelKeys: ReadonlySet<string>;
  /** The words that name a dimension: the built-in ones and the collected label keys. */
  readonly dimensions: DimensionWords;
  /** Intents whose words were found. */
  readonly found: Set<Intent>;
  readonly filters: AskFilters;
  readonly groupBy: Dimension[];
  period: Period | null;
  periodWords: string | null;
  comparison: Period | null;
  /** True when the question named a comparison period (or "the week before"). */
  comparisonExplicit: boolean;
  topN: number | null;
  /** The words asking for a rate per day ("per day", "daily average") rather than a total; null when none. */
  perDayWords: string | null;
  subject: string | null;
  /** Money, or generative-AI tokens. */
  measure: 'cost' | 'tokens';
  /** What a unit cost is per: 1k predictions, or 1M tokens. */
  per: 'predictions' | 'tokens';
  /** Known endpoint and model names found in the question, not yet used by a step. */
  knownNames: string[];
  /** What the question is about, once picked; null when nothing said so. */
  intent: Intent | null;
  unrecognized: string[];
  /** Problems with what was written (an impossible date, an unknown label key), in words. */
  readonly problems: string[];
  /** Typos read as other words, e.g. "trainig → training". */
  readonly corrections: string[];
}

/** One recognizer: consumes the words it understands from `rest` and records what they meant. */
export type ParseStep = (state: ParseState) => void;

export function startParse(text: string, ctx: ParseContext): ParseState {
  return {
    ctx,
    text,
    rest: ` ${text} `,
    labelKeys: new Set(ctx.labelKeys),
    dimensions: dimensionWords(ctx.labelKeys),
    found: new Set(),
    filters: {},
    groupBy: [],
    period: null,
    periodWords: null,
    comparison: null,
    comparisonExplicit: false,
    topN: null,
    perDayWords: null,
    subject: null,
    measure: 'cost',
    per: 'predictions',
    knownNames: [],
    intent: null,
    unrecognized: [],
    problems: [],
    corrections: [],
  };
}

/**
 * Runs `pattern` over what is left and hands each match to `use`; the match is blanked out (consumed) unless
 * `use` returns false (the words did not mean what the pattern hoped, e.g. "each team").
 */
export function take(state: ParseState, pattern: RegExp, use: (m: RegExpExecArray) => unknown): void {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = re.exec(state.rest); m !== null; m = re.exec(state.rest)) {
    if (use(m) !== false) {
      const { rest } = state;
      state.rest = `${rest.slice(0, m.index)}${' '.repeat(m[0].length)}${rest.slice(m.index + m[0].length)}`;
    }
    if (m[0].length === 0) re.lastIndex += 1;
  }
}

export function addGroup(state: ParseState, dimension: Dimension): void {
  if (!state.groupBy.includes(dimension)) state.groupBy.push(dimension);
}

export function setLabel(state: ParseState, key: string, value: string): void {
  state.filters.labels = { ...state.filters.labels, [key]: value };
}
