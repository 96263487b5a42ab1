// Unit cost: "cost per 1k predictions", "unit cost".
import { type ParseState, take } from './state.js';

const UNIT_COST_RE =
  /\b(?:(?:costs?|spend|price)\s)?per\s(?:1\s?k|1\s?000|1000|k|thousand|a\sthousand|one\sthousand|1)?\s?(?:predictions?|requests?|inferences?|calls?|queries)\b|\bunit\scosts?\b|\bcost\sper\sprediction\b/g;

export function readUnitCost(state: ParseState): void {
  take(state, UNIT_COST_RE, () => {
    state.found.add('unit_cost');
  });
}
