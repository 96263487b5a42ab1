// Intent words: "budget", "forecast", "idle", "vs", "top", "spend", … Each rule that matches is noted;
// pickIntent decides between them.
import type { Intent } from '../types.js';
import { type ParseState, take } from './state.js';

interface IntentRule {
  intent: Exclude<Intent, 'help' | 'unit_cost'>;
  pattern: RegExp;
}

// Listed in priority order: when several match, the earlier one is what the question is about.
const INTENT_RULES: readonly IntentRule[] = [
  {
    intent: 'accuracy',
    pattern:
      /\b(?:how\s(?:good|reliable|close|far\soff|accurate|trustworthy)\s(?:are|were|is)\s(?:the\s|our\s)?(?:catalog\s)?estimates?|(?:in)?accura(?:te|cy)(?:\sof\s(?:the\s|our\s)?estimates?)?|estimates?\s(?:errors?|drift|accuracy))\b/g,
  },
  {
    intent: 'budget',
    pattern:
      /\b(?:(?:over|under|within|against|on|versus|vs)\s(?:the\s|our\s)?budgets?|budgets?(?:\sstatus)?|at\srisk)\b/g,
  },
  {
    intent: 'forecast',
    pattern:
      /\b(?:forecast\w*|projected|projections?|will\s(?:we\s|i\s|it\s)?(?:spend|cost|be|end\sup)|going\sto\s(?:spend|cost)|on\strack|end\sof\s(?:the\s)?month|month[\s-]?end|eom|run[\s-]?rate|expected\s(?:spend|cost)|expect\sto\s(?:spend|pay))\b/g,
  },
  {
    intent: 'savings',
    pattern:
      /\b(?:sav(?:e|es|ed|ing|ings)|cheaper|spot(?:\s(?:vms?|instances?|capacity))?|preemptible|cut\s(?:costs?|spend(?:ing)?)|reduce|optimi[sz]\w*|waste[ds]?|wasting)\b/g,
  },
  {
    intent: 'alerts',
    pattern:
      /\b(?:(?:open|active|current|new)\s)?(?:alerts?|findings?|issues?|warnings?|problems?|flagged|audit)\b|\bopen\b/g,
  },
  {
    intent: 'idle',
    pattern:
      /\b(?:idle|unused|no\straffic|zero\s(?:predictions|traffic|requests)|not\s(?:being\s)?used|doing\snothing|under-?used|underutili[sz]ed)\b/g,
  },
  {
    intent: 'running',
    pattern:
      /\b(?:running|active|live|in\sflight|in\sprogress|deployed|up\sright\snow|right\snow|at\sthe\smoment|as\sof\snow|at\spresent|as\swe\sspeak)\b/g,
  },
  {
    intent: 'compare',
    pattern:
      /\b(?:compare[ds]?|comparison|vs|versus|week\sover\sweek|wow|month\sover\smonth|mom|changes?|changed|jump(?:ed|s)?|spike[ds]?|increase[ds]?|decrease[ds]?|(?:went|gone|going|goes|go)\s(?:up|down)|gr[eo]w(?:th)?|drop(?:ped|s)?|differen(?:ce|t)|why)\b/g,
  },
  {
    intent: 'top',
    pattern:
      /\b(?:top|biggest|largest|highest|most\sexpensive|costliest|priciest|cost\sdrivers|drivers|main\scosts?|costs?\sthe\smost|spen(?:d|ds|t)\sthe\smost|heaviest)\b/g,
  },
  {
    intent: 'spend',
    pattern:
      /\$|\b(?:spend\w*|spent|costs?|costing|bill(?:s|ed|ing)?|charges?|charged|money|usd|dollars?|how\smuch|burn(?:ed|ing|t)?|paid|pay(?:ing)?|expenses?|price[ds]?|invoice|numbers|figures)\b/g,
  },
];

/** Intents in the order they win when several were found: a unit cost first, then the rules' order. */
export const INTENT_PRIORITY: readonly Intent[] = ['unit_cost', ...INTENT_RULES.map((r) => r.intent)];

export function readIntentWords(state: ParseState): void {
  for (const rule of INTENT_RULES) {
    take(state, rule.pattern, () => {
      state.found.add(rule.intent);
    });
  }
}
