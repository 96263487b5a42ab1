// Question text → typed query. Deterministic and pure: the same words and "today" always give the same query.
// Each step consumes the words it understood; words left over make the question "not understood", so the
// answer can say exactly what was and was not understood instead of guessing.
import { readExplicitFilters } from './explicitFilters.js';
import { readGenaiModelGrouping, readModelFamily, readTokenMeasure } from './genai.js';
import { readGrouping } from './grouping.js';
import { readIntentWords } from './intentWords.js';
import { readKnownNames } from './knownNames.js';
import { readLabelWords } from './labelWords.js';
import { collectLeftovers } from './leftovers.js';
import { isHelpRequest, normalizeQuestion } from './normalize.js';
import { readPeriods } from './periods.js';
import { pickIntent } from './pickIntent.js';
import { type ParseResult, toQuestion } from './question.js';
import { readRate } from './rate.js';
import { readRequestWords } from './requestWords.js';
import { type ParseContext, type ParseStep, startParse } from './state.js';
import { readSubject } from './subject.js';
import { readTopN } from './topN.js';
import { correctTypos } from './typos.js';
import { readUnitCost } from './unitCost.js';
import { readKindWords, readWordFilters } from './wordFilters.js';

// Order matters: each step sees only what the earlier ones left. Intent words come before kind words, so "zero
// predictions" reads as idle, not as a filter; the unit cost's subject is read from what no other step took.
// Request words go before typos ("print" is no misspelling); rates after periods ("the day before yesterday").
const STEPS: readonly ParseStep[] = [
  readExplicitFilters,
  readKnownNames,
  readModelFamily,
  readRequestWords,
  correctTypos,
  readLabelWords,
  readUnitCost,
  readTokenMeasure,
  readPeriods,
  readRate,
  readTopN,
  readGrouping,
  readWordFilters,
  readIntentWords,
  readKindWords,
  readGenaiModelGrouping,
  readSubject,
  pickIntent,
  collectLeftovers,
];

export function parseQuestion(raw: string, ctx: ParseContext): ParseResult {
  const text = normalizeQuestion(raw);
  const state = startParse(text, ctx);
  if (isHelpRequest(text)) state.intent = 'help';
  else for (const step of STEPS) step(state);
  return toQuestion(raw, state);
}

export { normalizeQuestion } from './normalize.js';
export type { ParseNotes, ParseResult } from './question.js';
export type { ParseContext } from './state.js';
