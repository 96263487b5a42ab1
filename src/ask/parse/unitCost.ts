// Unit cost: "cost per 1k predictions", "unit cost".
import { type ParseState, take } from './state.js';

const UNIT_COST_RE =
  /\b(?:(?:costs?|spend|price)\s)?per\s(?:1\s?k|1\s?000|1000|k|thousand|a\sthousand|one\sthousand|1)?\s?(?:predictions?|requests?|inferences?|calls?|queries)\b|\bunit\scosts?\b|\bcost\sper\sprediction\b/g;

// "cost per 1M tokens", "price per million tokens", "cost per token": reported per 1M tokens.
const TOKEN_UNIT_COST_RE =
  /\b(?:(?:costs?|spend|price)\s)?per\s(?:1\s?m|1\s?000\s?000|1000000|million|a\smillion|one\smillion|1)?\s?tokens?\b/g;

export function readUnitCost(state: ParseState): void {
  take(state, TOKEN_UNIT_COST_RE, () => {
    state.found.add('unit_cost');
    state.per = 'tokens';
    state.filters.kind = 'genai';
  });
  take(state, UNIT_COST_RE, () => {
    state.found.add('unit_cost');
  });
}
